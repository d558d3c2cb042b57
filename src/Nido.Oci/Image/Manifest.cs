namespace Nido.Oci.Image;

/// <summary>An image manifest (OCI or Docker v2 schema 2): a config and its layers, bottom first.</summary>
public sealed record Manifest
{
    public int SchemaVersion { get; init; }
    public string? MediaType { get; init; }
    public string? ArtifactType { get; init; }
    public Descriptor? Config { get; init; }
    public List<Descriptor>? Layers { get; init; }
    public Descriptor? Subject { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
}

/// <summary>An image index (or Docker manifest list): manifests per platform; also an OCI layout's index.json.</summary>
public sealed record ImageIndex
{
    public int SchemaVersion { get; init; } = 2;
    public string? MediaType { get; init; }
    public List<Descriptor>? Manifests { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
}

/// <summary>An OCI layout's oci-layout file.</summary>
public sealed record LayoutMarker
{
    public string ImageLayoutVersion { get; init; } = "1.0.0";
}
