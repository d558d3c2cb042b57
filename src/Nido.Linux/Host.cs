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

    private static readonly Lazy<Version?> KernelVersion = new(() => ParseRelease(Uname().Release));

    /// <summary>Whether the running kernel is at least <paramref name="major"/>.<paramref name="minor"/> (false if its release does not parse).</summary>
    public static bool KernelAtLeast(int major, int minor) => KernelVersion.Value is { } v && v >= new Version(major, minor);

    /// <summary>A kernel release's major.minor: "6.1.0-18-amd64" → 6.1, "6.10-rc3" → 6.10; null if it does not parse.</summary>
    public static Version? ParseRelease(string release)
    {
        var parts = release.Split('.', '-', '+');
        return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor) ? new Version(major, minor) : null;
    }

    /// <summary>The filesystem magic (f_type) of the filesystem holding <paramref name="path"/>.</summary>
    public static unsafe long FileSystemType(string path)
    {
        Interop.StatFs st;
        Errors.Check(Interop.statfs(path, &st), "statfs", path);
        return st.f_type;
    }
}
