namespace Nido.Oci.Runtime;

/// <summary>config.json of an OCI bundle (runtime-spec 1.2, Linux).</summary>
public sealed record Spec
{
    public string OciVersion { get; init; } = "";
    public Process? Process { get; init; }
    public Root? Root { get; init; }
    public string? Hostname { get; init; }
    public string? Domainname { get; init; }
    public List<Mount>? Mounts { get; init; }
    public Hooks? Hooks { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
    public Linux? Linux { get; init; }
}

public sealed record Root
{
    public string Path { get; init; } = "";
    public bool Readonly { get; init; }
}

public sealed record Mount
{
    public string Destination { get; init; } = "";
    public string? Type { get; init; }
    public string? Source { get; init; }
    public List<string>? Options { get; init; }
    public List<IdMapping>? UidMappings { get; init; }
    public List<IdMapping>? GidMappings { get; init; }
}

public sealed record IdMapping
{
    public uint ContainerID { get; init; }
    public uint HostID { get; init; }
    public uint Size { get; init; }
}

public sealed record Hooks
{
    public List<Hook>? Prestart { get; init; }
    public List<Hook>? CreateRuntime { get; init; }
    public List<Hook>? CreateContainer { get; init; }
    public List<Hook>? StartContainer { get; init; }
    public List<Hook>? Poststart { get; init; }
    public List<Hook>? Poststop { get; init; }
}

public sealed record Hook
{
    public string Path { get; init; } = "";
    public List<string>? Args { get; init; }
    public List<string>? Env { get; init; }
    public int? Timeout { get; init; }
}
