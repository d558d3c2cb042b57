namespace Nido.Vmm.Api;

public enum LogLevel { Off, Error, Warning, Info, Debug, Trace }

/// <summary>
/// The instance's log: stderr until PUT /logger names a file (or FIFO), then appended lines
/// "TIME [ID:LEVEL] message", filtered by level as Firecracker's logger does.
/// </summary>
public sealed class ApiLogger(string instanceId, TextWriter defaultWriter) : IDisposable
{
    private readonly object _lock = new();
    private TextWriter _writer = defaultWriter;
    private bool _ownsWriter;
    private LogLevel _level = LogLevel.Warning;
    private bool _showLevel = true, _configured;

    public LoggerConfig? Config { get; private set; }

    public void Configure(LoggerConfig config)
    {
        if (_configured) throw new ApiException("Reinitialization of logger not allowed.");
        var level = ParseLevel(config.Level ?? "Info");
        if (config.Module is not null) throw new ApiException("Filtering the log by module is not supported by Nido.");
        var writer = _writer;
        var owns = false;
        if (config.LogPath is { } path)
        {
            try
            {
                writer = new StreamWriter(LogFiles.Open(path)) { AutoFlush = true };
                owns = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or Nido.Linux.ErrnoException)
            {
                throw new ApiException($"Failed to open the log file {path}: {e.Message}");
            }
        }
        lock (_lock)
        {
            _writer = writer;
            _ownsWriter = owns;
            _level = level;
            _showLevel = config.ShowLevel ?? true;
            _configured = true;
            Config = config;
        }
    }

    public static LogLevel ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "off" => LogLevel.Off,
        "error" => LogLevel.Error,
        "warning" or "warn" => LogLevel.Warning,
        "info" => LogLevel.Info,
        "debug" => LogLevel.Debug,
        "trace" => LogLevel.Trace,
        _ => throw new ApiException($"Invalid log level: {text} (Off, Error, Warning, Info, Debug or Trace)"),
    };

    public void Log(LogLevel level, string message)
    {
        lock (_lock)
        {
            if (level > _level || _level == LogLevel.Off) return;
            var tag = _showLevel ? $":{level.ToString().ToUpperInvariant()}" : "";
            try { _writer.WriteLine($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffffff} [{instanceId}{tag}] {message}"); }
            catch (IOException) { }
        }
    }

    public void Dispose()
    {
        lock (_lock)
            if (_ownsWriter) _writer.Dispose();
    }
}
