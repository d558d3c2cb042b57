using Nido.Linux;
using Nido.Oci.Runtime;

namespace Nido.Containers.Init;

/// <summary>/dev inside the container: runc's default devices, the config's devices, and the standard links.</summary>
internal static class DeviceSetup
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

    /// <summary>Creates nodes under <paramref name="rootfs"/>; in a user namespace (no mknod) host nodes are bind-mounted instead.</summary>
    public static void Create(string rootfs, IEnumerable<Device> devices, bool inUserNamespace)
    {
        foreach (var d in devices)
        {
            var target = Path.Combine(rootfs, d.Path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target)) File.Delete(target);
            if (inUserNamespace)
            {
                File.WriteAllBytes(target, []);
                Mounts.Mount(d.Path, target, null, MountFlags.Bind);
                continue;
            }
            Nodes.MakeDevice(target, d.Type[0], d.Major, d.Minor, d.FileMode ?? 0x1b6);
            Nodes.ChownNoFollow(target, d.Uid ?? 0, d.Gid ?? 0);
        }
    }

    public static void Links(string rootfs)
    {
        void Link(string name, string target)
        {
            var path = Path.Combine(rootfs, "dev", name);
            if (!File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null) File.CreateSymbolicLink(path, target);
        }
        Link("fd", "/proc/self/fd");
        Link("stdin", "/proc/self/fd/0");
        Link("stdout", "/proc/self/fd/1");
        Link("stderr", "/proc/self/fd/2");
        if (File.Exists("/proc/kcore")) Link("core", "/proc/kcore");
        if (Directory.Exists(Path.Combine(rootfs, "dev/pts"))) Link("ptmx", "pts/ptmx");
    }
}
