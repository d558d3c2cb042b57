namespace Nido.Oci.Runtime;

public sealed record Linux
{
    public List<IdMapping>? UidMappings { get; init; }
    public List<IdMapping>? GidMappings { get; init; }
    public Dictionary<string, string>? Sysctl { get; init; }
    public Resources? Resources { get; init; }
    public string? CgroupsPath { get; init; }
    public List<Namespace>? Namespaces { get; init; }
    public List<Device>? Devices { get; init; }
    public Seccomp? Seccomp { get; init; }
    public string? RootfsPropagation { get; init; }
    public List<string>? MaskedPaths { get; init; }
    public List<string>? ReadonlyPaths { get; init; }
    public string? MountLabel { get; init; }
    public Personality? Personality { get; init; }
    public Dictionary<string, TimeOffset>? TimeOffsets { get; init; }
}

public sealed record Namespace
{
    /// <summary>pid, network, mount, ipc, uts, user, cgroup, time.</summary>
    public string Type { get; init; } = "";
    public string? Path { get; init; }
}

public sealed record Device
{
    /// <summary>c, b, u or p.</summary>
    public string Type { get; init; } = "";
    public string Path { get; init; } = "";
    public long Major { get; init; }
    public long Minor { get; init; }
    public uint? FileMode { get; init; }
    public uint? Uid { get; init; }
    public uint? Gid { get; init; }
}

public sealed record Personality
{
    public string Domain { get; init; } = "";
    public List<string>? Flags { get; init; }
}

public sealed record TimeOffset
{
    public long Secs { get; init; }
    public uint Nanosecs { get; init; }
}
