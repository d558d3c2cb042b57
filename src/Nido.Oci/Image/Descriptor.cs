namespace Nido.Oci.Image;

/// <summary>A content descriptor: what a manifest, index or layout points at.</summary>
public sealed record Descriptor
{
    public string MediaType { get; init; } = "";
    public string Digest { get; init; } = "";
    public long Size { get; init; }
    public List<string>? Urls { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
    public Platform? Platform { get; init; }
    public string? ArtifactType { get; init; }
}

/// <summary>The platform an index entry is for.</summary>
public sealed record Platform
{
    public string Architecture { get; init; } = "";
    public string Os { get; init; } = "";
    [System.Text.Json.Serialization.JsonPropertyName("os.version")]
    public string? OsVersion { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("os.features")]
    public List<string>? OsFeatures { get; init; }
    public string? Variant { get; init; }

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}

/// <summary>The annotation keys Nido reads.</summary>
public static class Annotations
{
    /// <summary>In an OCI layout's index.json: the reference (tag) a manifest goes by.</summary>
    public const string RefName = "org.opencontainers.image.ref.name";
    /// <summary>containerd's full image name on an index.json entry.</summary>
    public const string ContainerdImageName = "io.containerd.image.name";
}
