namespace Nido.Oci.Runtime;

public sealed record Process
{
    public bool Terminal { get; init; }
    public ConsoleSize? ConsoleSize { get; init; }
    public User User { get; init; } = new();
    public List<string>? Args { get; init; }
    public string? CommandLine { get; init; }
    public List<string>? Env { get; init; }
    public string Cwd { get; init; } = "";
    public LinuxCapabilities? Capabilities { get; init; }
    public List<Rlimit>? Rlimits { get; init; }
    public bool NoNewPrivileges { get; init; }
    public string? ApparmorProfile { get; init; }
    public int? OomScoreAdj { get; init; }
    public string? SelinuxLabel { get; init; }
    public IoPriority? IoPriority { get; init; }
    public Scheduler? Scheduler { get; init; }
    public CpuAffinity? ExecCPUAffinity { get; init; }
}

public sealed record ConsoleSize
{
    public uint Height { get; init; }
    public uint Width { get; init; }
}

public sealed record User
{
    public uint Uid { get; init; }
    public uint Gid { get; init; }
    public uint? Umask { get; init; }
    public List<uint>? AdditionalGids { get; init; }
    public string? Username { get; init; }
}

public sealed record LinuxCapabilities
{
    public List<string>? Bounding { get; init; }
    public List<string>? Effective { get; init; }
    public List<string>? Inheritable { get; init; }
    public List<string>? Permitted { get; init; }
    public List<string>? Ambient { get; init; }
}

public sealed record Rlimit
{
    public string Type { get; init; } = "";
    public ulong Hard { get; init; }
    public ulong Soft { get; init; }
}

public sealed record IoPriority
{
    public string Class { get; init; } = "";
    public int Priority { get; init; }
}

public sealed record Scheduler
{
    public string Policy { get; init; } = "";
    public int? Nice { get; init; }
    public int? Priority { get; init; }
    public List<string>? Flags { get; init; }
    public ulong? Runtime { get; init; }
    public ulong? Deadline { get; init; }
    public ulong? Period { get; init; }
}

public sealed record CpuAffinity
{
    public string? Initial { get; init; }
    public string? Final { get; init; }
}
