using System.Text.Json.Serialization;

namespace Nido.Oci.Image;

/// <summary>The image configuration (application/vnd.oci.image.config.v1+json): how to run it and the layers' diff ids.</summary>
public sealed record ImageConfig
{
    public DateTimeOffset? Created { get; init; }
    public string? Author { get; init; }
    public string Architecture { get; init; } = "";
    public string Os { get; init; } = "";
    public string? Variant { get; init; }
    public RunConfig? Config { get; init; }
    public RootFs? Rootfs { get; init; }
    public List<History>? History { get; init; }
}

/// <summary>The execution parameters; the image spec keeps Docker's capitalised field names.</summary>
public sealed record RunConfig
{
    [JsonPropertyName("User")] public string? User { get; init; }
    [JsonPropertyName("ExposedPorts")] public Dictionary<string, System.Text.Json.JsonElement>? ExposedPorts { get; init; }
    [JsonPropertyName("Env")] public List<string>? Env { get; init; }
    [JsonPropertyName("Entrypoint")] public List<string>? Entrypoint { get; init; }
    [JsonPropertyName("Cmd")] public List<string>? Cmd { get; init; }
    [JsonPropertyName("Volumes")] public Dictionary<string, System.Text.Json.JsonElement>? Volumes { get; init; }
    [JsonPropertyName("WorkingDir")] public string? WorkingDir { get; init; }
    [JsonPropertyName("Labels")] public Dictionary<string, string>? Labels { get; init; }
    [JsonPropertyName("StopSignal")] public string? StopSignal { get; init; }
}

public sealed record RootFs
{
    public string Type { get; init; } = "layers";
    [JsonPropertyName("diff_ids")] public List<string>? DiffIds { get; init; }
}

public sealed record History
{
    public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("created_by")] public string? CreatedBy { get; init; }
    public string? Comment { get; init; }
    [JsonPropertyName("empty_layer")] public bool? EmptyLayer { get; init; }
}

/// <summary>docker save's manifest.json entries (docker-archive), which `load` also reads.</summary>
public sealed record DockerArchiveEntry
{
    [JsonPropertyName("Config")] public string Config { get; init; } = "";
    [JsonPropertyName("RepoTags")] public List<string>? RepoTags { get; init; }
    [JsonPropertyName("Layers")] public List<string>? Layers { get; init; }
}
