namespace Nido.Vmm.Api;

/// <summary>
/// What the API server process is started with: Firecracker's command line (`nido-vmm`, `nido vm serve`). Logger and
/// metrics given here are configured before the socket opens, as PUT /logger and PUT /metrics would.
/// </summary>
public sealed record ServeOptions
{
    /// <summary>The socket; null with --no-api.</summary>
    public string? ApiSock { get; init; }
    public string? ConfigFile { get; init; }
    public string Id { get; init; } = "anonymous-instance";
    public LoggerConfig? Logger { get; init; }
    public MetricsConfig? Metrics { get; init; }
    public int MaxPayloadBytes { get; init; } = Http.HttpParser.MaxBodyBytes;
    /// <summary>
    /// A launcher's own start (the jailer's --start-time-us, CLOCK_MONOTONIC µs, and --start-time-cpu-us, this
    /// process's CPU µs then; --parent-cpu-time-us is what its parent used): startup metrics then count from there.
    /// </summary>
    public long? StartTimeUs { get; init; }
    public long? StartTimeCpuUs { get; init; }
    public long ParentCpuTimeUs { get; init; }
}
