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

    private static readonly Lazy<(int Major, int Minor)> KernelVersion = new(() => ParseRelease(Uname().Release));

    /// <summary>Whether the running kernel is at least <paramref name="major"/>.<paramref name="minor"/>.</summary>
    public static bool KernelAtLeast(int major, int minor) => KernelVersion.Value.CompareTo((major, minor)) >= 0;

    /// <summary>"6.18.44-fc-v657" → (6, 18); what does not parse counts as (0, 0).</summary>
    public static (int Major, int Minor) ParseRelease(string release)
    {
        var parts = release.Split('.', 3);
        if (parts.Length < 2 || !int.TryParse(parts[0], out var major)) return (0, 0);
        var digits = 0;
        while (digits < parts[1].Length && char.IsAsciiDigit(parts[1][digits])) digits++;
        return int.TryParse(parts[1].AsSpan(0, digits), out var minor) ? (major, minor) : (major, 0);
    }

    /// <summary>The filesystem magic (f_type) of the filesystem holding <paramref name="path"/>.</summary>
    public static unsafe long FileSystemType(string path)
    {
        Interop.StatFs st;
        Errors.Check(Interop.statfs(path, &st), "statfs", path);
        return st.f_type;
    }
}
