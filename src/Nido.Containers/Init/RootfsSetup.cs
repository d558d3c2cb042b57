using Nido.Cgroups;
using Nido.Linux;
using Nido.Oci.Runtime;

namespace Nido.Containers.Init;

/// <summary>Builds the container's filesystem view inside its mount namespace, then pivots into it.</summary>
internal static class RootfsSetup
{
    /// <param name="cgroupPaths">The container's cgroup directories by controller (v1), for a "cgroup" mount.</param>
    public static void Prepare(Spec spec, string rootfs, bool inUserNamespace, IReadOnlyDictionary<string, string> cgroupPaths)
    {
        var linux = spec.Linux;
        // Nothing mounted from here on may propagate back to the host (runc's default is rslave).
        var propagation = MountOptions.Parse([linux?.RootfsPropagation is { Length: > 0 } p ? p : "rslave"]);
        Mounts.SetPropagation("/", propagation.Propagation == MountFlags.Shared ? MountFlags.Private : propagation.Propagation, recursive: true);
        Mounts.Bind(rootfs, rootfs, recursive: true); // pivot_root needs the new root to be a mount point

        var devIsBound = false;
        foreach (var m in spec.Mounts ?? [])
        {
            MountOne(rootfs, m, inUserNamespace, cgroupPaths);
            if (m.Destination == "/dev" && MountOptions.Parse(m.Options).IsBind) devIsBound = true;
        }
        if (!devIsBound)
        {
            DeviceSetup.Create(rootfs, DeviceSetup.Defaults, inUserNamespace);
            DeviceSetup.Links(rootfs);
        }
        DeviceSetup.Create(rootfs, linux?.Devices ?? [], inUserNamespace);
    }

    private static void MountOne(string rootfs, Mount m, bool inUserNamespace, IReadOnlyDictionary<string, string> cgroupPaths)
    {
        var options = MountOptions.Parse(m.Options);
        var target = SecureJoin.Resolve(rootfs, m.Destination);
        var type = m.Type;
        if (options.IsBind || type == "bind")
        {
            var source = m.Source!;
            var sourceIsFile = File.Exists(source) && !Directory.Exists(source);
            if (sourceIsFile)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (!File.Exists(target)) File.WriteAllBytes(target, []);
            }
            else Directory.CreateDirectory(target);
            Mounts.Mount(source, target, null, MountFlags.Bind | (options.RecursiveBind ? MountFlags.Rec : 0));
            if (options.RemountFlags != 0)
            {
                // A bind ignores flags the first time; locked flags (nosuid/nodev/noexec on the source) must be kept in a user namespace.
                var keep = inUserNamespace ? LockedFlags(target) : 0;
                Mounts.Mount(null, target, null, MountFlags.Bind | MountFlags.Remount | options.RemountFlags | keep);
            }
        }
        else if (type == "cgroup")
        {
            Directory.CreateDirectory(target);
            var layout = CgroupLayout.DetectSelf();
            if (layout.Mode == CgroupMode.Unified) Mounts.Mount("cgroup2", target, "cgroup2", options.Flags);
            else MountCgroupV1(target, options.Flags, layout, cgroupPaths);
        }
        else
        {
            Directory.CreateDirectory(target);
            Mounts.Mount(m.Source ?? type, target, type, options.Flags, options.Data.Length == 0 ? null : options.Data);
        }
        if (options.Propagation != 0) Mounts.SetPropagation(target, options.Propagation, options.Recursive);
    }

    /// <summary>
    /// v1 has no single cgroup filesystem: like runc, a tmpfs holds one directory per hierarchy (named as on the host,
    /// "cpu,cpuacct" with cpu and cpuacct links), each a bind of the container's own cgroup there, so the container
    /// sees its cgroups as the root and its limits in the usual files.
    /// </summary>
    private static void MountCgroupV1(string target, MountFlags flags, CgroupLayout layout, IReadOnlyDictionary<string, string> cgroupPaths)
    {
        Mounts.Mount("tmpfs", target, "tmpfs", flags & ~MountFlags.ReadOnly, "mode=755");
        foreach (var group in cgroupPaths.Where(kv => layout.V1Controllers.ContainsKey(kv.Key)).GroupBy(kv => layout.V1Controllers[kv.Key]))
        {
            var name = Path.GetFileName(group.Key);
            var dir = Path.Combine(target, name);
            Directory.CreateDirectory(dir);
            var source = group.First().Value;
            if (!Directory.Exists(source)) continue;
            Mounts.Mount(source, dir, null, MountFlags.Bind);
            Mounts.Mount(null, dir, null, MountFlags.Bind | MountFlags.Remount | (flags & (MountFlags.ReadOnly | MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec)));
            foreach (var part in name.Split(',').Where(part => part != name))
                File.CreateSymbolicLink(Path.Combine(target, part), name);
        }
        if ((flags & MountFlags.ReadOnly) != 0) Mounts.Mount(null, target, null, MountFlags.Remount | flags);
    }

    private static MountFlags LockedFlags(string path)
    {
        var entry = MountInfo.ReadSelf().LastOrDefault(e => e.MountPoint == path);
        if (entry is null) return 0;
        MountFlags flags = 0;
        foreach (var o in entry.Options.Split(','))
            flags |= o switch
            {
                // A user namespace may not clear these on a mount it inherited, so every remount must repeat them.
                "nosuid" => MountFlags.NoSuid, "nodev" => MountFlags.NoDev, "noexec" => MountFlags.NoExec,
                "noatime" => MountFlags.NoAtime, "nodiratime" => MountFlags.NoDirAtime, "relatime" => MountFlags.RelAtime,
                _ => 0,
            };
        return flags;
    }

    /// <summary>Makes the rootfs "/", detaching the old root (pivot_root), or chroots with --no-pivot.</summary>
    public static void EnterRoot(string rootfs, bool noPivot)
    {
        if (noPivot)
        {
            Mounts.Mount(rootfs, "/", null, MountFlags.Move);
            Mounts.ChangeRoot(".");
            Mounts.ChangeDirectory("/");
            return;
        }
        Mounts.ChangeDirectory(rootfs);
        // pivot_root(".", ".") stacks the old root on top of the new one; unmounting it leaves the new root alone,
        // without needing a directory for the old root inside the container.
        Mounts.PivotRoot(".", ".");
        Mounts.SetPropagation(".", MountFlags.Slave, recursive: true);
        Mounts.Unmount(".", UnmountFlags.Detach);
        Mounts.ChangeDirectory("/");
    }

    /// <summary>After the pivot: sysctls, masked and read-only paths, read-only root, and the requested root propagation.</summary>
    public static void Finish(Spec spec)
    {
        var linux = spec.Linux;
        foreach (var (key, value) in linux?.Sysctl ?? [])
        {
            var file = "/proc/sys/" + key.Replace('.', '/');
            try { File.WriteAllText(file, value); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ContainerException($"sysctl {key}={value}: {e.Message}"); }
        }
        foreach (var path in linux?.ReadonlyPaths ?? [])
        {
            if (!File.Exists(path) && !Directory.Exists(path)) continue;
            Mounts.Mount(path, path, null, MountFlags.Bind | MountFlags.Rec);
            Mounts.Mount(null, path, null, MountFlags.Bind | MountFlags.Remount | MountFlags.ReadOnly | MountFlags.Rec | LockedFlags(path));
        }
        foreach (var path in linux?.MaskedPaths ?? [])
        {
            if (Directory.Exists(path)) Mounts.Mount("tmpfs", path, "tmpfs", MountFlags.ReadOnly, "size=0");
            else if (File.Exists(path)) Mounts.Mount("/dev/null", path, null, MountFlags.Bind);
        }
        if (spec.Root?.Readonly == true)
            Mounts.Mount(null, "/", null, MountFlags.Bind | MountFlags.Remount | MountFlags.ReadOnly | LockedFlags("/"));
        if (linux?.RootfsPropagation is { Length: > 0 } p)
        {
            var propagation = MountOptions.Parse([p]);
            Mounts.SetPropagation("/", propagation.Propagation, propagation.Recursive);
        }
    }
}
