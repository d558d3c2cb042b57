using System.Text.Json.Serialization;

namespace Nido.Engine;

/// <summary>A front-end container as persisted in containers/&lt;id&gt;/container.json.</summary>
public sealed record ContainerRecord
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The image as the user named it, for display.</summary>
    public string Image { get; init; } = "";
    public string ImageName { get; init; } = "";
    public string ImageId { get; init; } = "";
    public DateTimeOffset Created { get; init; }
    public ContainerConfig Config { get; init; } = new();
    /// <summary>The process's argv as resolved from the image and the flags.</summary>
    public List<string> Args { get; init; } = [];
    public string StopSignal { get; init; } = "SIGTERM";
    public int MonitorPid { get; init; }
    public ulong MonitorStartTime { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int? ExitCode { get; init; }
    public string? Error { get; init; }

    public string ShortId => Id[..12];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(ContainerRecord))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;

/// <summary>Log lines are one JSON object per line: not indented.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LogLine))]
internal sealed partial class LogJsonContext : JsonSerializerContext;

/// <summary>One line of a container log, in Docker's json-file format.</summary>
public sealed record LogLine
{
    [JsonPropertyName("log")] public string Log { get; init; } = "";
    [JsonPropertyName("stream")] public string Stream { get; init; } = "stdout";
    [JsonPropertyName("time")] public DateTime Time { get; init; }
}
