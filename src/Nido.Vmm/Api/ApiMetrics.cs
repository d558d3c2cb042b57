using System.Text.Json;

namespace Nido.Vmm.Api;

/// <summary>
/// Metrics as Firecracker emits them: one JSON object per line, appended to the metrics file (or FIFO) on
/// FlushMetrics and every 60 seconds, with counters since the previous flush.
/// </summary>
public sealed class ApiMetrics : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, long> _previous = [];
    private Stream? _output;
    private Timer? _timer;

    public MetricsConfig? Config { get; private set; }

    public long ApiRequests, ApiFailures, ProcessStartupCpuUs;

    /// <summary>When the API began answering; the wall time since process start is worked out at flush, off the start-up path.</summary>
    public DateTime ApiReadyAt { get; set; }

    /// <summary>Set when a launcher passed its start time (--start-time-us): the wall time from then.</summary>
    public long? ProcessStartupWallUsGiven { get; set; }

    private long ProcessStartupWallUs => ProcessStartupWallUsGiven ?? (ApiReadyAt == default ? 0
        : (long)(ApiReadyAt - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMicroseconds);

    public Func<Vm?>? CurrentVm { get; set; }

    public void Configure(MetricsConfig config)
    {
        if (Config is not null) throw new ApiException("Reinitialization of metrics not allowed.");
        if (config.MetricsPath is not { } path) throw ApiErrors.Missing("metrics_path");
        try { _output = LogFiles.Open(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or Nido.Linux.ErrnoException)
        {
            throw new ApiException($"Failed to open the metrics file {path}: {e.Message}");
        }
        Config = config;
        _timer = new Timer(_ => { try { Flush(); } catch (ApiException) { } }, null, 60_000, 60_000);
    }

    public void Flush()
    {
        lock (_lock)
        {
            if (_output is null) throw new ApiException("The metrics system is not initialized.");
            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("utc_timestamp_ms", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                json.WriteStartObject("api_server");
                json.WriteNumber("process_startup_time_us", ProcessStartupWallUs);
                json.WriteNumber("process_startup_time_cpu_us", ProcessStartupCpuUs);
                Counter(json, "api_server", "requests_count", Interlocked.Read(ref ApiRequests));
                Counter(json, "api_server", "failures_count", Interlocked.Read(ref ApiFailures));
                json.WriteEndObject();
                var vm = CurrentVm?.Invoke();
                Group(json, "block", vm?.Drives.Select(d => (d.Key, d.Value.Counters.Snapshot().Append(("rate_limiter_throttled_events", d.Value.Limiter.ThrottledEvents)).ToArray())));
                Group(json, "net", vm?.Networks.Select(n => (n.Key, n.Value.Counters.Snapshot()
                    .Append(("rx_rate_limiter_throttled", n.Value.RxLimiter.ThrottledEvents)).Append(("tx_rate_limiter_throttled", n.Value.TxLimiter.ThrottledEvents)).ToArray())));
                json.WriteEndObject();
            }
            buffer.WriteByte((byte)'\n');
            try
            {
                _output.Write(buffer.ToArray());
                _output.Flush();
            }
            catch (IOException e)
            {
                throw new ApiException($"Failed to write metrics: {e.Message}");
            }
        }
    }

    /// <summary>
    /// Firecracker's layout: "block" (or "net") sums every device, and "block_{id}" holds each one's own.
    /// </summary>
    private void Group(Utf8JsonWriter json, string group, IEnumerable<(string Id, (string Name, long Value)[] Counters)>? devices)
    {
        var list = devices?.ToList() ?? [];
        json.WriteStartObject(group);
        foreach (var name in list.SelectMany(d => d.Counters.Select(c => c.Name)).Distinct())
            Counter(json, group, name, list.Sum(d => d.Counters.First(c => c.Name == name).Value));
        json.WriteEndObject();
        foreach (var (id, counters) in list)
        {
            json.WriteStartObject($"{group}_{id}");
            foreach (var (name, value) in counters) Counter(json, $"{group}_{id}", name, value);
            json.WriteEndObject();
        }
    }

    /// <summary>Writes the change since the last flush, as Firecracker's SharedIncMetric does.</summary>
    private void Counter(Utf8JsonWriter json, string group, string name, long value)
    {
        var key = group + "." + name;
        _previous.TryGetValue(key, out var before);
        _previous[key] = value;
        json.WriteNumber(name, value - before);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        // A timer callback already running finds no output and gives up (Flush throws ApiException, caught there).
        lock (_lock)
        {
            _output?.Dispose();
            _output = null;
        }
    }
}
