namespace Nido.Oci.Runtime;

/// <summary>The OCI state (what `state` prints and hooks read on stdin), plus runc's extra fields callers use.</summary>
public sealed record State
{
    public string OciVersion { get; init; } = SpecVersion.Current;
    public string Id { get; init; } = "";
    /// <summary>creating, created, running, paused or stopped.</summary>
    public string Status { get; init; } = "";
    public int Pid { get; init; }
    public string Bundle { get; init; } = "";
    public Dictionary<string, string>? Annotations { get; init; }
    public string? Rootfs { get; init; }
    public DateTimeOffset? Created { get; init; }
    public string? Owner { get; init; }
}

public static class SpecVersion
{
    /// <summary>The runtime-spec version Nido implements.</summary>
    public const string Current = "1.2.0";
}
