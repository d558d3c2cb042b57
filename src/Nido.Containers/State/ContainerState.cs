namespace Nido.Containers;

/// <summary>What survives the runtime process for one container (state.json in its state directory).</summary>
public sealed record ContainerState
{
    public string Id { get; init; } = "";
    public string Bundle { get; init; } = "";
    public string Rootfs { get; init; } = "";
    public int InitPid { get; init; }
    /// <summary>Field 22 of /proc/PID/stat when the init started: tells a live init from a recycled pid.</summary>
    public ulong InitStartTime { get; init; }
    public DateTimeOffset Created { get; init; }
    public string Owner { get; init; } = "";
    public Dictionary<string, string>? Annotations { get; init; }
    /// <summary>"v1" or "v2", and controller → directory: what delete removes.</summary>
    public string? CgroupMode { get; init; }
    public Dictionary<string, string>? CgroupPaths { get; init; }
    /// <summary>Parent cgroups create made for a nested cgroupsPath, deepest first: removed by delete when empty.</summary>
    public List<string>? CgroupParents { get; init; }
    /// <summary>
    /// Without a mount namespace of its own the init mounts in the runtime's (as runc does): the mount points it
    /// makes under the rootfs, in order, for delete to take down (runc leaves them behind).
    /// </summary>
    public List<string>? HostMounts { get; init; }
    /// <summary>True once create has finished; a state dir without it after a crash is cleaned by delete.</summary>
    public bool Complete { get; init; }
    /// <summary>The `create` that is building this container (pid and start time): while it lives, an incomplete state is not stale.</summary>
    public int CreatorPid { get; init; }
    public ulong CreatorStartTime { get; init; }
}
