namespace Nido.Linux;

public readonly record struct KernelInfo(string SystemName, string NodeName, string Release, string Version, string Machine);

/// <summary>Facts about the running kernel and filesystems.</summary>
public static class Host
{
    public const long CGROUP2_SUPER_MAGIC = 0x63677270, TMPFS_MAGIC = 0x01021994, OVERLAYFS_SUPER_MAGIC = 0x794c7630;

    public static unsafe KernelInfo Uname()
    {
        Interop.UtsName u;
        Errors.Check(Interop.uname(&u), "uname");
        return new KernelInfo(new string((sbyte*)u.sysname), new string((sbyte*)u.nodename), new string((sbyte*)u.release),
            new string((sbyte*)u.version), new string((sbyte*)u.machine));
    }

    /// <summary>The filesystem magic (f_type) of the filesystem holding <paramref name="path"/>.</summary>
    public static unsafe long FileSystemType(string path)
    {
        Interop.StatFs st;
        Errors.Check(Interop.statfs(path, &st), "statfs", path);
        return st.f_type;
    }
}
