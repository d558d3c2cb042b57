using Nido.Linux;

namespace Nido.Cgroups;

public enum CgroupMode
{
    /// <summary>No cgroup filesystem mounted.</summary>
    None,
    /// <summary>Only cgroup v1 hierarchies.</summary>
    Legacy,
    /// <summary>v1 controllers plus a cgroup2 mount (systemd's "hybrid"; controllers may also live on v2).</summary>
    Hybrid,
    /// <summary>A single cgroup2 hierarchy at the cgroup root (most current hosts).</summary>
    Unified,
}

/// <summary>Where the host's cgroup hierarchies are, read from mountinfo: what a manager per mode needs to start.</summary>
public sealed record CgroupLayout(
    CgroupMode Mode,
    string? UnifiedMountPoint,
    IReadOnlyDictionary<string, string> V1Controllers,
    IReadOnlyList<string> UnifiedControllers)
{
    public const string DefaultRoot = "/sys/fs/cgroup";

    public static CgroupLayout DetectSelf() =>
        Detect(MountInfo.ReadSelf(), TextFile.TryRead);

    /// <summary>
    /// Classifies the hierarchies from mount entries; <paramref name="readText"/> (absolute path → contents or null)
    /// supplies cgroup.controllers of the v2 mount.
    /// </summary>
    public static CgroupLayout Detect(IEnumerable<MountEntry> mounts, Func<string, string?>? readText = null)
    {
        string? unified = null;
        var v1 = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in mounts)
        {
            if (m.FsType == "cgroup2") unified ??= m.MountPoint;
            else if (m.FsType == "cgroup")
            {
                foreach (var opt in m.SuperOptions.Split(','))
                {
                    if (opt is "rw" or "ro" || opt.StartsWith("release_agent=", StringComparison.Ordinal) || opt is "clone_children" or "noprefix" or "xattr" or "cpuset_v2_mode") continue;
                    v1.TryAdd(opt, m.MountPoint); // "name=systemd" is kept: it is a named hierarchy runc also joins
                }
            }
        }
        var mode = (unified, v1.Count) switch
        {
            (null, 0) => CgroupMode.None,
            (null, _) => CgroupMode.Legacy,
            (_, 0) => CgroupMode.Unified,
            _ => CgroupMode.Hybrid,
        };
        var controllers = unified is null ? null : readText?.Invoke(Path.Combine(unified, "cgroup.controllers"));
        return new CgroupLayout(mode, unified, v1, controllers?.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries) ?? []);
    }

    /// <summary>One line for humans: "v1 hybrid: 9 v1 controllers under /sys/fs/cgroup, cgroup2 at …".</summary>
    public string Describe() => Mode switch
    {
        CgroupMode.None => "no cgroup filesystem is mounted",
        CgroupMode.Unified => $"v2 (unified) at {UnifiedMountPoint}" + (UnifiedControllers.Count > 0 ? $"; controllers: {string.Join(' ', UnifiedControllers)}" : "; no controllers enabled at the root"),
        CgroupMode.Legacy => $"v1 (legacy): {string.Join(' ', RealV1Controllers)}",
        _ => $"v1 hybrid: {string.Join(' ', RealV1Controllers)} on v1; cgroup2 at {UnifiedMountPoint}"
             + (UnifiedControllers.Count > 0 ? $" with {string.Join(' ', UnifiedControllers)}" : ""),
    };

    private List<string> RealV1Controllers
    {
        get
        {
            var real = new List<string>();
            foreach (var name in V1Controllers.Keys)
                if (!name.StartsWith("name=", StringComparison.Ordinal)) real.Add(name);
            return real;
        }
    }
}
