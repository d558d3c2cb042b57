using Nido.Linux;
using Nido.Oci.Runtime;

namespace Nido.Containers.Init;

/// <summary>/dev inside the container: runc's default devices, the config's devices, and the standard links.</summary>
internal sealed class DeviceScript(SpawnScript script, RootfsView view, bool inUserNamespace, List<string> mountPoints)
{
    public static readonly Device[] Defaults =
    [
        new() { Type = "c", Path = "/dev/null", Major = 1, Minor = 3, FileMode = 0x1b6 },
        new() { Type = "c", Path = "/dev/zero", Major = 1, Minor = 5, FileMode = 0x1b6 },
        new() { Type = "c", Path = "/dev/full", Major = 1, Minor = 7, FileMode = 0x1b6 },
        new() { Type = "c", Path = "/dev/random", Major = 1, Minor = 8, FileMode = 0x1b6 },
        new() { Type = "c", Path = "/dev/urandom", Major = 1, Minor = 9, FileMode = 0x1b6 },
        new() { Type = "c", Path = "/dev/tty", Major = 5, Minor = 0, FileMode = 0x1b6 },
    ];

    /// <summary>Creates nodes with exactly their modes (umask 0); in a user namespace (no mknod) host nodes are bind-mounted instead.</summary>
    public void Create(IReadOnlyCollection<Device> devices)
    {
        if (devices.Count == 0) return;
        script.SetUmask(0);
        foreach (var d in devices)
        {
            var target = view.Resolve(d.Path);
            script.MakeDirectories(Path.GetDirectoryName(target)!, below: view.Rootfs);
            script.Remove(target);
            if (inUserNamespace)
            {
                script.CreateFile(target);
                script.Mount(d.Path, target, null, MountFlags.Bind);
                mountPoints.Add(target);
                continue;
            }
            script.MakeNode(target, d.Type[0], d.Major, d.Minor, d.FileMode ?? 0x1b6);
            script.ChangeOwner(target, d.Uid ?? 0, d.Gid ?? 0);
        }
        script.SetUmask(0x12);
    }

    /// <summary>fd, stdin/out/err, core and ptmx, each unless something is already there.</summary>
    public void Links()
    {
        var dev = view.Resolve("/dev");
        void Link(string name, string target)
        {
            script.Symlink(target, Path.Combine(dev, name));
            view.Linked(Path.Combine(dev, name), target);
        }
        Link("fd", "/proc/self/fd");
        Link("stdin", "/proc/self/fd/0");
        Link("stdout", "/proc/self/fd/1");
        Link("stderr", "/proc/self/fd/2");
        if (File.Exists("/proc/kcore")) Link("core", "/proc/kcore");
        if (view.IsDirectory(Path.Combine(dev, "pts")))
        {
            // A config device node there gives way to the link, as in runc; in a user namespace that device is a
            // bind mount (EBUSY), which then stays: a ptmx node beside a devpts instance opens that instance too.
            script.Remove(Path.Combine(dev, "ptmx"), Errno.EBUSY);
            Link("ptmx", "pts/ptmx");
        }
    }
}
