using System.Text.Json.Serialization;

namespace Nido.Vmm.Api;

// Firecracker's API bodies (its swagger definitions), snake_case on the wire. Fields a PUT requires are
// checked by the controller so the error names the field as Firecracker's does ("missing field `x`").

public sealed class MachineConfiguration
{
    public int? VcpuCount { get; set; }
    public int? MemSizeMib { get; set; }
    public bool? Smt { get; set; }
    public string? CpuTemplate { get; set; }
    public bool? TrackDirtyPages { get; set; }
    public string? HugePages { get; set; }
}

public sealed class BootSource
{
    public string? KernelImagePath { get; set; }
    public string? InitrdPath { get; set; }
    public string? BootArgs { get; set; }
}

public sealed class TokenBucket
{
    public long? Size { get; set; }
    public long? OneTimeBurst { get; set; }
    public long? RefillTime { get; set; }
}

public sealed class RateLimiter
{
    public TokenBucket? Bandwidth { get; set; }
    public TokenBucket? Ops { get; set; }
}

public sealed class Drive
{
    public string? DriveId { get; set; }
    public string? PathOnHost { get; set; }
    public bool? IsRootDevice { get; set; }
    public bool? IsReadOnly { get; set; }
    public string? Partuuid { get; set; }
    public string? CacheType { get; set; }
    public string? IoEngine { get; set; }
    public RateLimiter? RateLimiter { get; set; }
    public string? Socket { get; set; }
}

public sealed class NetworkInterface
{
    public string? IfaceId { get; set; }
    public string? HostDevName { get; set; }
    public string? GuestMac { get; set; }
    public RateLimiter? RxRateLimiter { get; set; }
    public RateLimiter? TxRateLimiter { get; set; }
}

public sealed class EntropyDevice
{
    public RateLimiter? RateLimiter { get; set; }
}

public sealed class InstanceActionInfo
{
    public string? ActionType { get; set; }
}

public sealed class VmStateRequest
{
    public string? State { get; set; }
}

public sealed class MetricsConfig
{
    public string? MetricsPath { get; set; }
}

public sealed class LoggerConfig
{
    public string? LogPath { get; set; }
    public string? Level { get; set; }
    public bool? ShowLevel { get; set; }
    public bool? ShowLogOrigin { get; set; }
    public string? Module { get; set; }
}

public sealed record InstanceInfo(string AppName, string Id, string State, string VmmVersion);

public sealed record VersionInfo(string FirecrackerVersion);

public sealed record Fault(string FaultMessage);

/// <summary>GET /vm/config, and the shape of --config-file.</summary>
public sealed class FullVmConfiguration
{
    [JsonPropertyName("boot-source")] public BootSource? BootSource { get; set; }
    [JsonPropertyName("drives")] public List<Drive>? Drives { get; set; }
    [JsonPropertyName("machine-config")] public MachineConfiguration? MachineConfig { get; set; }
    [JsonPropertyName("network-interfaces")] public List<NetworkInterface>? NetworkInterfaces { get; set; }
    [JsonPropertyName("entropy")] public EntropyDevice? Entropy { get; set; }
    [JsonPropertyName("logger")] public LoggerConfig? Logger { get; set; }
    [JsonPropertyName("metrics")] public MetricsConfig? Metrics { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(MachineConfiguration))]
[JsonSerializable(typeof(BootSource))]
[JsonSerializable(typeof(Drive))]
[JsonSerializable(typeof(NetworkInterface))]
[JsonSerializable(typeof(EntropyDevice))]
[JsonSerializable(typeof(InstanceActionInfo))]
[JsonSerializable(typeof(VmStateRequest))]
[JsonSerializable(typeof(MetricsConfig))]
[JsonSerializable(typeof(LoggerConfig))]
[JsonSerializable(typeof(InstanceInfo))]
[JsonSerializable(typeof(VersionInfo))]
[JsonSerializable(typeof(Fault))]
[JsonSerializable(typeof(FullVmConfiguration))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

internal static class ApiJson
{
    /// <summary>Plain quotes and backticks in messages (curl users read them), still valid JSON.</summary>
    public static readonly ApiJsonContext Context = new(new System.Text.Json.JsonSerializerOptions(ApiJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
