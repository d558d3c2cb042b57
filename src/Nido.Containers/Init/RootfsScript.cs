using Nido.Cgroups;
using Nido.Linux;
using Nido.Oci.Runtime;

namespace Nido.Containers.Init;

/// <summary>
/// The init's filesystem steps, planned on the host and run by the spawn trampoline in the container's mount namespace:
/// the mounts of config.json, /dev, the pivot, then sysctls, read-only and masked paths and a read-only root.
/// </summary>
internal sealed class RootfsScript(SpawnScript script, RootfsView view, Spec spec, bool inUserNamespace, CgroupLayout layout, IReadOnlyDictionary<string, string> cgroupPaths)
{
    private string Rootfs => view.Rootfs;

    /// <summary>Steps to place once, right before the first step that needs the container's cgroups (see <see cref="InitPauses.Cgroups"/>).</summary>
    public Action? BeforeCgroups { get; set; }

    /// <summary>The init makes the container's cgroup directories itself as it starts, before any mount.</summary>
    public bool CgroupDirectoriesMade { get; set; }

    /// <summary>Places <see cref="BeforeCgroups"/> here unless a cgroup mount already did; true if it is placed now.</summary>
    public bool PlaceCgroupsPause()
    {
        var steps = BeforeCgroups;
        BeforeCgroups = null;
        steps?.Invoke();
        return steps is not null;
    }

    /// <summary>The mount points made under the rootfs, in order (what <see cref="PrepareInRuntimeNamespace"/> leaves on the host).</summary>
    public List<string> MountPoints { get; } = [];

    /// <summary>Before the pivot: propagation, the rootfs bind, every mount, then devices and the /dev links.</summary>
    public void Prepare()
    {
        var linux = spec.Linux;
        // Nothing mounted from here on may propagate back to the host (runc's default is rslave).
        // Shared would leak back, and an unbindable "/" cannot give the rootfs bind below: both wait for Finish.
        var propagation = MountOptions.Parse([linux?.RootfsPropagation is { Length: > 0 } p && p is not ("unbindable" or "runbindable") ? p : "rslave"]);
        script.Mount(null, "/", null, (propagation.Propagation == MountFlags.Shared ? MountFlags.Private : propagation.Propagation) | MountFlags.Rec);
        script.Mount(Rootfs, Rootfs, null, MountFlags.Bind | MountFlags.Rec); // pivot_root needs the new root to be a mount point
        MountAll();
    }

    /// <summary>
    /// A container without a mount namespace of its own (runc's chroot case): the config's mounts and /dev go under
    /// the rootfs in the runtime's namespace, with the host's propagation left alone; delete takes them down.
    /// </summary>
    public void PrepareInRuntimeNamespace() => MountAll();

    private void MountAll()
    {
        var linux = spec.Linux;
        var devIsBound = false;
        foreach (var m in spec.Mounts ?? [])
        {
            MountOne(m);
            if (m.Destination == "/dev" && MountOptions.Parse(m.Options).IsBind) devIsBound = true;
        }
        // As runc: devices first, then the links, so a config device at /dev/ptmx (podman --privileged lists every
        // host device) is made at that path and then becomes the pts/ptmx link, not resolved into the devpts mount.
        var devices = new DeviceScript(script, view, inUserNamespace, MountPoints);
        if (!devIsBound) devices.Create(DeviceScript.Defaults);
        devices.Create(linux?.Devices ?? []);
        if (!devIsBound) devices.Links();
    }

    private void MountOne(Mount m)
    {
        var options = MountOptions.Parse(m.Options);
        var target = view.Resolve(m.Destination);
        var type = m.Type;
        MountPoints.Add(target);
        if (options.IsBind || type == "bind")
        {
            var source = m.Source!;
            if (File.Exists(source) && !Directory.Exists(source))
            {
                script.MakeDirectories(Path.GetDirectoryName(target)!, below: Rootfs);
                script.CreateFile(target);
            }
            else script.MakeDirectories(target, below: Rootfs);
            script.Mount(source, target, null, MountFlags.Bind | (options.RecursiveBind ? MountFlags.Rec : 0));
            // A bind ignores flags the first time: they are set on the new mount afterwards.
            SetFlags(target, options.Flags & ~(MountFlags.Bind | MountFlags.Rec | MountFlags.Remount), options.ClearFlags, recursive: false, () => HostFlags(source));
            view.Mounted(target, Path.GetFullPath(source));
        }
        else if (type == "cgroup")
        {
            script.MakeDirectories(target, below: Rootfs);
            // A cgroup2 mount shows the cgroup namespace's root, made after the move; v1 binds need the directories,
            // there unless the init made them itself.
            if (layout.Mode == CgroupMode.Unified || !CgroupDirectoriesMade) PlaceCgroupsPause();
            if (layout.Mode == CgroupMode.Unified) script.Mount("cgroup2", target, "cgroup2", options.Flags);
            else MountCgroupV1(target, options.Flags);
            view.Mounted(target, null);
        }
        else
        {
            script.MakeDirectories(target, below: Rootfs);
            script.Mount(m.Source ?? type, target, type, options.Flags, options.Data.Length == 0 ? null : options.Data);
            view.Mounted(target, null, type);
        }
        if (options.Propagation != 0) script.Mount(null, target, null, options.Propagation | (options.Recursive ? MountFlags.Rec : 0));
    }

    /// <summary>
    /// v1 has no single cgroup filesystem: like runc, a tmpfs holds one directory per hierarchy (named as on the host,
    /// "cpu,cpuacct" with cpu and cpuacct links), each a bind of the container's own cgroup there, so the container
    /// sees its cgroups as the root and its limits in the usual files.
    /// </summary>
    private void MountCgroupV1(string target, MountFlags flags)
    {
        script.Mount("tmpfs", target, "tmpfs", flags & ~MountFlags.ReadOnly, "mode=755");
        // Co-mounted controllers (cpu,cpuacct) share a hierarchy: one mount each, from the first controller's path.
        var hierarchies = new List<(string MountPoint, string Source)>();
        foreach (var (controller, path) in cgroupPaths)
            if (layout.V1Controllers.TryGetValue(controller, out var mountPoint) && !hierarchies.Exists(h => h.MountPoint == mountPoint))
                hierarchies.Add((mountPoint, path));
        foreach (var (mountPoint, source) in hierarchies)
        {
            var name = Path.GetFileName(mountPoint);
            var dir = Path.Combine(target, name);
            script.MakeDirectory(dir);
            // The directories exist by now (see MountOne); a hierarchy that could not be used is skipped.
            script.Mount(source, dir, null, MountFlags.Bind, tolerate: Errno.ENOENT);
            SetFlags(dir, flags & (MountFlags.ReadOnly | MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec), 0, recursive: false, () => HostFlags(source), Errno.EINVAL);
            foreach (var part in name.Split(','))
                if (part != name) script.Symlink(name, Path.Combine(target, part));
        }
        if ((flags & MountFlags.ReadOnly) != 0) script.Mount(null, target, null, MountFlags.Remount | flags);
    }

    /// <summary>Makes the rootfs "/", detaching the old root (pivot_root), or moves it over "/" and chroots with --no-pivot.</summary>
    public void EnterRoot(bool noPivot)
    {
        script.ChangeDirectory(Rootfs);
        if (noPivot)
        {
            script.Mount(Rootfs, "/", null, MountFlags.Move);
            script.ChangeRoot(".");
        }
        else
        {
            // pivot_root(".", ".") stacks the old root on top of the new one; unmounting it leaves the new root alone,
            // without needing a directory for the old root inside the container.
            script.PivotRoot(".", ".");
            script.Mount(null, ".", null, MountFlags.Slave | MountFlags.Rec);
            script.Unmount(".", UnmountFlags.Detach);
        }
        script.ChangeDirectory("/");
    }

    /// <summary>
    /// Masks a path by its kind. A failed bind costs the kernel an RCU grace period (it clones the mount, then undoes
    /// it): under /proc and /sys, whose files are the kernel's own and of the same kind in the container as here, only
    /// the fitting mount is made (a mismatch fails rather than leaving the path unmasked); elsewhere both are tried,
    /// each failing with ENOTDIR on the other kind.
    /// </summary>
    private void Mask(string path)
    {
        var kernels = (path.StartsWith("/proc/", StringComparison.Ordinal) || path.StartsWith("/sys/", StringComparison.Ordinal))
                      && Path.GetFullPath(path) == path; // "/proc/../etc/x" is no kernel file
        var directory = kernels && System.IO.Directory.Exists(path);
        var file = kernels && !directory && File.Exists(path);
        if (!directory) script.Mount("/dev/null", path, null, MountFlags.Bind, tolerate: Errno.ENOENT, tolerate2: file ? 0 : Errno.ENOTDIR);
        if (!file) script.Mount("tmpfs", path, "tmpfs", MountFlags.ReadOnly, "size=0", Errno.ENOENT, directory ? 0 : Errno.ENOTDIR);
    }

    /// <summary>After the pivot: sysctls, read-only and masked paths, read-only root, and the requested root propagation.</summary>
    public void Finish()
    {
        var linux = spec.Linux;
        foreach (var (key, value) in linux?.Sysctl ?? [])
            script.WriteFile("/proc/sys/" + key.Replace('.', '/'), System.Text.Encoding.UTF8.GetBytes(value), $"sysctl {key}={value}");
        // Paths the image lacks are skipped: each step accepts ENOENT.
        foreach (var path in linux?.ReadonlyPaths ?? [])
        {
            script.Mount(path, path, null, MountFlags.Bind | MountFlags.Rec, tolerate: Errno.ENOENT);
            SetFlags(path, MountFlags.ReadOnly, 0, recursive: true, () => CoveringFlags(path), Errno.ENOENT);
        }
        // /dev/null over a file, an empty read-only tmpfs over a directory.
        foreach (var path in linux?.MaskedPaths ?? []) Mask(path);
        if (spec.Root?.Readonly == true) SetFlags("/", MountFlags.ReadOnly, 0, recursive: false, () => CoveringFlags("/"));
        if (linux?.RootfsPropagation is { Length: > 0 } p)
        {
            var propagation = MountOptions.Parse([p]);
            script.Mount(null, "/", null, propagation.Propagation | (propagation.Recursive ? MountFlags.Rec : 0));
        }
    }

    /// <summary>
    /// Sets and clears per-mount flags of a bind. mount_setattr changes just those; without it (before 5.12) a bind remount
    /// must restate every flag, and in a user namespace the inherited (locked) ones too, read from the host's mount table.
    /// </summary>
    private void SetFlags(string path, MountFlags set, MountFlags clear, bool recursive, Func<MountFlags> locked, Errno tolerate = 0)
    {
        if (set == 0 && clear == 0) return;
        if (Mounts.HasMountSetattr)
        {
            var (attrSet, attrClear) = Attributes(set, clear);
            if (attrSet != 0 || attrClear != 0) script.SetMountAttributes(path, attrSet, attrClear, recursive, tolerate);
            return;
        }
        script.Mount(null, path, null, MountFlags.Bind | MountFlags.Remount | (recursive ? MountFlags.Rec : 0) | set | (locked() & ~clear), tolerate: tolerate);
    }

    private static (MountAttributes Set, MountAttributes Clear) Attributes(MountFlags set, MountFlags clear)
    {
        MountAttributes s = 0, c = 0;
        void Map(MountFlags flag, MountAttributes attr)
        {
            if ((set & flag) != 0) s |= attr;
            else if ((clear & flag) != 0) c |= attr;
        }
        Map(MountFlags.ReadOnly, MountAttributes.ReadOnly);
        Map(MountFlags.NoSuid, MountAttributes.NoSuid);
        Map(MountFlags.NoDev, MountAttributes.NoDev);
        Map(MountFlags.NoExec, MountAttributes.NoExec);
        Map(MountFlags.NoDirAtime, MountAttributes.NoDirAtime);
        Map(MountFlags.NoSymFollow, MountAttributes.NoSymFollow);
        // The access-time mode is one field: setting any mode clears the field first.
        if ((set & MountFlags.NoAtime) != 0) { s |= MountAttributes.NoAtime; c |= MountAttributes.AtimeMask; }
        else if ((set & MountFlags.StrictAtime) != 0) { s |= MountAttributes.StrictAtime; c |= MountAttributes.AtimeMask; }
        else if ((set & MountFlags.RelAtime) != 0 || (clear & MountFlags.NoAtime) != 0) c |= MountAttributes.AtimeMask;
        return (s, c);
    }

    /// <summary>The flags of the mount a container path will lie on (for the remount fallback): its config mount's, or the rootfs's.</summary>
    private MountFlags CoveringFlags(string containerPath)
    {
        Mount? mount = null;
        foreach (var m in spec.Mounts ?? [])
            if (IsAtOrUnder(containerPath, m.Destination) && m.Destination.Length > (mount?.Destination.Length ?? -1)) mount = m;
        if (mount is null) return HostFlags(Rootfs);
        var options = MountOptions.Parse(mount.Options);
        return options.IsBind ? HostFlags(mount.Source!) | LockedOnly(options.Flags) : LockedOnly(options.Flags);
    }

    /// <summary>The per-mount flags of the host mount holding <paramref name="path"/> (what a bind of it inherits).</summary>
    private static MountFlags HostFlags(string path)
    {
        var full = Path.GetFullPath(path);
        MountEntry? entry = null;
        foreach (var e in MountInfo.ReadSelf())
            if (IsAtOrUnder(full, e.MountPoint) && e.MountPoint.Length > (entry?.MountPoint.Length ?? -1)) entry = e;
        return LockedOnly(MountOptions.Parse(entry?.Options.Split(',')).Flags);
    }

    private static bool IsAtOrUnder(string path, string dir) =>
        path == dir || path.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static MountFlags LockedOnly(MountFlags flags) =>
        flags & (MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec | MountFlags.NoAtime | MountFlags.NoDirAtime | MountFlags.RelAtime);
}
