using Nido.Linux;
using Nido.Oci.Runtime;

namespace Nido.Cgroups;

/// <summary>One container's cgroup(s): cgroupfs v1 (one directory per controller) or v2 (one directory).</summary>
public interface ICgroupManager
{
    /// <summary>controller (or "unified") → directory.</summary>
    IReadOnlyDictionary<string, string> Paths { get; }

    void Create();
    void AddProcess(int pid);
    /// <summary>
    /// v2: the directory a child can be cloned straight into (clone3's CLONE_INTO_CGROUP), which takes no cgroup.procs
    /// write and so none of its waits for an RCU grace period; null on v1, where each hierarchy needs the write.
    /// </summary>
    string? CloneTarget { get; }
    /// <summary>
    /// v1: the `tasks` file of each directory. A single-threaded process that writes "0" there joins by itself, and the
    /// kernel then skips cgroup_threadgroup_rwsem, whose write lock (every cgroup.procs write) waits for an RCU grace
    /// period: 0.03 ms instead of 5–20 ms. Empty on v2 (a thread-level move there needs threaded mode).
    /// </summary>
    IReadOnlyList<string> SelfJoinFiles { get; }
    /// <summary>Applies limits at create and on `update`; fields left null are not touched.</summary>
    void Apply(Resources resources);
    void Freeze();
    void Thaw();
    bool IsFrozen { get; }
    IReadOnlyList<int> Processes();
    /// <summary>Removes the directories; the processes must be gone (callers kill and wait first).</summary>
    void Destroy();
}

public sealed class CgroupException(string message) : Exception(message);

/// <summary>Picks the manager for the host's mode and resolves runc's cgroupsPath rules.</summary>
public static class CgroupManager
{
    /// <summary>
    /// cgroupsPath: absolute paths are relative to each hierarchy's root; relative ones to this process's own
    /// cgroup; empty means "/ID" (runc's cgroupfs default). "slice:prefix:name" (systemd) is refused.
    /// </summary>
    public static ICgroupManager For(CgroupLayout layout, string? cgroupsPath, string containerId, Func<string, string?>? ownCgroup = null)
    {
        if (cgroupsPath is { } p && p.AsSpan().Count(':') == 2 && !p.StartsWith('/'))
            throw new CgroupException($"cgroupsPath \"{p}\" is in systemd's slice:prefix:name form; this runtime manages cgroupfs directly");
        var path = string.IsNullOrEmpty(cgroupsPath) ? "/" + containerId : cgroupsPath;
        if (Array.IndexOf(path.Split('/'), "..") >= 0) throw new CgroupException($"cgroupsPath \"{path}\" must not contain \"..\"");
        ownCgroup ??= OwnCgroup;
        string Resolve(string controller) => path.StartsWith('/') ? path : Path.Combine(ownCgroup(controller) ?? "/", path);
        return layout.Mode switch
        {
            CgroupMode.Unified => new V2.UnifiedManager(Path.Combine(layout.UnifiedMountPoint!, Resolve("").TrimStart('/'))),
            CgroupMode.Legacy or CgroupMode.Hybrid => new V1.LegacyManager(V1Paths(layout, Resolve)),
            _ => throw new CgroupException("no cgroup filesystem is mounted"),
        };
    }

    /// <summary>Rebuilds the manager recorded in a container's state (mode "v1" or "v2" and its paths).</summary>
    public static ICgroupManager FromPaths(string mode, IReadOnlyDictionary<string, string> paths) => mode switch
    {
        "v2" => new V2.UnifiedManager(paths["unified"]),
        "v1" => new V1.LegacyManager(new Dictionary<string, string>(paths)),
        _ => throw new CgroupException($"unknown cgroup mode \"{mode}\" in state"),
    };

    private static Dictionary<string, string> V1Paths(CgroupLayout layout, Func<string, string> resolve)
    {
        var paths = new Dictionary<string, string>();
        foreach (var (controller, mountPoint) in layout.V1Controllers)
            paths[controller] = Path.Combine(mountPoint, resolve(controller).TrimStart('/'));
        return paths;
    }

    /// <summary>
    /// The ancestors of the manager's directories that do not exist yet, deepest first: what creating it will make
    /// besides its own directories, for <see cref="RemoveParents"/> to take away again (runc leaves them).
    /// </summary>
    public static List<string> MissingParents(ICgroupManager manager)
    {
        var missing = new List<string>();
        foreach (var dir in manager.Paths.Values)
            for (var parent = Path.GetDirectoryName(dir); parent is not null && !missing.Contains(parent) && !Directory.Exists(parent); parent = Path.GetDirectoryName(parent))
                missing.Add(parent);
        missing.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        return missing;
    }

    /// <summary>
    /// Whether a memory limit above the manager's cgroup (a pod's or slice's, or the runtime's own when the container
    /// is nested under it) could OOM-kill what that cgroup holds: an existing ancestor with memory.max (v2) or
    /// memory.limit_in_bytes (v1) set. Parents still to be made have none.
    /// </summary>
    public static bool AncestorLimitsMemory(ICgroupManager manager)
    {
        foreach (var (controller, dir) in manager.Paths)
        {
            var file = controller switch { "memory" => "memory.limit_in_bytes", "unified" => "memory.max", _ => null };
            if (file is null) continue;
            for (var parent = Path.GetDirectoryName(dir); parent is not null; parent = Path.GetDirectoryName(parent))
            {
                if (TextFile.TryRead(Path.Combine(parent, file)) is not { } text)
                {
                    if (Directory.Exists(parent)) break; // the hierarchy's root (v2 has no limit there) or above it
                    continue;
                }
                text = text.Trim();
                // v1 reads PAGE_COUNTER_MAX pages (9223372036854771712 with 4 KiB pages) when unlimited, v2 "max".
                if (text != "max" && (!long.TryParse(text, out var bytes) || bytes < 1L << 62)) return true;
            }
        }
        return false;
    }

    /// <summary>Removes what <see cref="MissingParents"/> listed, each only if empty (another container may use it now).</summary>
    public static void RemoveParents(IEnumerable<string> parents)
    {
        foreach (var dir in parents)
            try { Nodes.RemoveDirectory(dir); }
            catch (ErrnoException) { } // in use (EBUSY, ENOTEMPTY) or gone
    }

    public static string ModeOf(ICgroupManager manager) => manager is V2.UnifiedManager ? "v2" : "v1";

    /// <summary>This process's cgroup for a controller ("" = the v2 hierarchy), from /proc/self/cgroup.</summary>
    public static string? OwnCgroup(string controller)
    {
        foreach (var line in TextFile.Read("/proc/self/cgroup").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            if (parts.Length == 3 && (controller == "" ? parts[1] == "" : parts[1].Split(',').Contains(controller))) return parts[2];
        }
        return null;
    }
}
