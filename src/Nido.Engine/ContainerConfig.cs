namespace Nido.Engine;

/// <summary>A bind mount asked for with -v SRC:DST[:ro].</summary>
public sealed record VolumeMount(string Source, string Destination, bool ReadOnly);

/// <summary>What `nido run` was asked for: Docker's flags, validated by <see cref="RunFlags"/>.</summary>
public sealed record ContainerConfig
{
    public string Image { get; init; } = "";
    /// <summary>The command; null runs the image's Cmd.</summary>
    public List<string>? Command { get; init; }
    /// <summary>--entrypoint; null keeps the image's.</summary>
    public string? Entrypoint { get; init; }
    public List<string> Env { get; init; } = [];
    public List<VolumeMount> Volumes { get; init; } = [];
    public string? WorkingDir { get; init; }
    public string? User { get; init; }
    public bool Tty { get; init; }
    public bool Interactive { get; init; }
    public bool AutoRemove { get; init; }
    public long? MemoryBytes { get; init; }
    public double? Cpus { get; init; }
    public long? PidsLimit { get; init; }
    /// <summary>none (a private network namespace with loopback up) or host.</summary>
    public string Network { get; init; } = "none";
    public string? Hostname { get; init; }
    public bool ReadOnlyRootfs { get; init; }
}
