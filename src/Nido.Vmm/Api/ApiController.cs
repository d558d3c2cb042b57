using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Nido.Vmm.Api.Http;
using Nido.Vmm.X86;

namespace Nido.Vmm.Api;

/// <summary>
/// Firecracker's REST API over one microVM: routes each request, checks whether the call is valid before
/// or after InstanceStart, and answers 200 with JSON, 204, or 400 with {"fault_message": …}.
/// </summary>
public sealed class ApiController : IDisposable
{
    public const string AppName = "Firecracker";
    /// <summary>The Firecracker API version whose bodies and semantics this follows.</summary>
    public const string CompatibleVersion = "1.10.1";

    private readonly string _id;
    private readonly ConsoleStreams _console;
    private readonly Action<VmOutcome> _onExit;
    private Vm? _vm;
    private Thread? _runner;

    /// <param name="log">Where the log goes until PUT /logger names a file (stderr by default).</param>
    public ApiController(string instanceId, ConsoleStreams console, Action<VmOutcome> onExit, TextWriter? log = null)
    {
        _id = instanceId;
        Logger = new ApiLogger(instanceId, log ?? Console.Error);
        var logger = Logger;
        var limiter = new LineRateLimiter(20);
        _console = console with { Log = line => { if (limiter.Allow()) logger.Log(LogLevel.Warning, line); } };
        _onExit = onExit;
        Metrics.CurrentVm = () => _vm;
    }

    public VmResources Resources { get; } = new();

    public ApiLogger Logger { get; }

    public ApiMetrics Metrics { get; } = new();

    public Vm? Vm => _vm;

    private bool Started => _vm is not null;

    public HttpResponse Handle(HttpRequest request)
    {
        Interlocked.Increment(ref Metrics.ApiRequests);
        Logger.Log(LogLevel.Info, $"The API server received a {request.Method} request on \"{HttpParser.Printable(request.Path)}\".");
        try
        {
            return Route(request);
        }
        catch (Exception e)
        {
            // Bad paths (empty, NUL) and host errors the checks did not foresee still get an answer, not a dead server.
            var (status, message) = e switch
            {
                ApiException a => (a.Status, a.Message),
                ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException or VmmException => (400, e.Message),
                _ => (500, $"Internal error: {e.Message}"),
            };
            Interlocked.Increment(ref Metrics.ApiFailures);
            Logger.Log(LogLevel.Error, $"Received Error. Status code: {status}. Message: {message}");
            return ApiErrors.Fault(status, message);
        }
    }

    private HttpResponse Route(HttpRequest r)
    {
        var segments = r.Path.Trim('/').Split('/');
        return (r.Method, segments[0], segments.Length) switch
        {
            ("GET", "", 1) => Json(new InstanceInfo(AppName, _id, StateName, $"nido-{CompatibleVersion}"), ApiJson.Context.InstanceInfo),
            ("GET", "version", 1) => Json(new VersionInfo(CompatibleVersion), ApiJson.Context.VersionInfo),
            ("GET", "machine-config", 1) => Json(Resources.Machine, ApiJson.Context.MachineConfiguration),
            ("PUT" or "PATCH", "machine-config", 1) => PreBoot(() => Resources.SetMachine(Body(r, ApiJson.Context.MachineConfiguration), r.Method == "PATCH")),
            ("PUT", "boot-source", 1) => PreBoot(() => Resources.SetBootSource(Body(r, ApiJson.Context.BootSource))),
            ("PUT", "drives", 2) => PreBoot(() => Resources.SetDrive(segments[1], Body(r, ApiJson.Context.Drive))),
            ("PATCH", "drives", 2) => PostBoot(() => PatchDrive(segments[1], Body(r, ApiJson.Context.Drive))),
            ("PUT", "network-interfaces", 2) => PreBoot(() => Resources.SetNetwork(segments[1], Body(r, ApiJson.Context.NetworkInterface))),
            ("PATCH", "network-interfaces", 2) => PostBoot(() => PatchNetwork(segments[1], Body(r, ApiJson.Context.NetworkInterface))),
            ("PUT", "entropy", 1) => PreBoot(() => Resources.SetEntropy(Body(r, ApiJson.Context.EntropyDevice))),
            ("PUT", "logger", 1) => PreBoot(() => Logger.Configure(Body(r, ApiJson.Context.LoggerConfig))),
            ("PUT", "metrics", 1) => PreBoot(() => Metrics.Configure(Body(r, ApiJson.Context.MetricsConfig))),
            ("PUT", "actions", 1) => Action(Body(r, ApiJson.Context.InstanceActionInfo)),
            ("PATCH", "vm", 1) => PostBoot(() => SetVmState(Body(r, ApiJson.Context.VmStateRequest))),
            ("GET", "vm", 2) when segments[1] == "config" =>
                Json(Resources.ToFull(Logger.Config, Metrics.Config), ApiJson.Context.FullVmConfiguration),
            // Firecracker answers 400 for an unknown path and for a known path with the wrong method alike.
            _ => throw new ApiException($"Invalid request method and/or path: {r.Method} {HttpParser.Printable(r.Path)}."),
        };
    }

    private string StateName => _vm?.State switch
    {
        null or VmRunState.NotStarted => "Not started",
        VmRunState.Paused => "Paused",
        _ => "Running",
    };

    private HttpResponse PreBoot(Action apply)
    {
        if (Started) throw new ApiException(ApiErrors.NotAfterBoot);
        apply();
        return HttpResponse.NoContent;
    }

    private HttpResponse PostBoot(Action apply)
    {
        if (!Started) throw new ApiException(ApiErrors.NotBeforeBoot);
        apply();
        return HttpResponse.NoContent;
    }

    private HttpResponse Action(InstanceActionInfo body)
    {
        switch (body.ActionType)
        {
            case null: throw ApiErrors.Missing("action_type");
            case "InstanceStart":
                if (Started) throw new ApiException(ApiErrors.NotAfterBoot);
                Start();
                break;
            case "SendCtrlAltDel":
                if (!Started) throw new ApiException(ApiErrors.NotBeforeBoot);
                _vm!.Keyboard?.SendCtrlAltDel();
                break;
            case "FlushMetrics":
                Metrics.Flush();
                break;
            default:
                throw new ApiException($"unknown variant `{body.ActionType}`, expected one of `FlushMetrics`, `InstanceStart`, `SendCtrlAltDel`");
        }
        return HttpResponse.NoContent;
    }

    /// <summary>Builds the machine from the configured resources and runs it on its own thread.</summary>
    public void Start()
    {
        var config = Resources.ToVmConfig();
        Vm vm;
        try { vm = X86Machine.Build(config, _console); }
        catch (VmmException e) { throw new ApiException($"Start microvm error: {e.Message}"); }
        _vm = vm;
        Logger.Log(LogLevel.Info, "Successfully started microvm that was configured from one single json");
        _runner = new Thread(() =>
        {
            VmOutcome outcome;
            try { outcome = vm.Run(); }
            catch (Exception e) { outcome = new VmOutcome(VmOutcome.GuestFailure, e.Message); }
            Logger.Log(outcome.Reason is null ? LogLevel.Info : LogLevel.Error, $"Vmm is stopping: {outcome.Reason ?? $"exit code {outcome.ExitCode}"}");
            _onExit(outcome);
        }) { Name = "vm run" };
        _runner.Start();
    }

    private void SetVmState(VmStateRequest body)
    {
        switch (body.State)
        {
            case null: throw ApiErrors.Missing("state");
            case "Paused":
                try
                {
                    if (!_vm!.Pause() && _vm.State != VmRunState.Paused) throw new ApiException("The microVM is not running.");
                }
                catch (VmmException e) { throw new ApiException($"Failed to pause the microVM: {e.Message}"); }
                break;
            case "Resumed":
                if (!_vm!.Resume() && _vm.State != VmRunState.Running) throw new ApiException("The microVM is not paused.");
                break;
            default:
                throw new ApiException($"unknown variant `{body.State}`, expected `Paused` or `Resumed`");
        }
    }

    private void PatchDrive(string id, Drive body)
    {
        VmResources.CheckBodyId(id, body.DriveId, "drive_id");
        if (body.IsRootDevice is not null || body.IsReadOnly is not null || body.Partuuid is not null || body.CacheType is not null || body.IoEngine is not null || body.Socket is not null)
            throw new ApiException("Only path_on_host and rate_limiter can be updated on a running microVM.");
        if (!_vm!.Drives.TryGetValue(id, out var drive)) throw new ApiException($"Invalid block device ID: {id}");
        var (bandwidth, ops) = VmResources.ToUpdate(body.RateLimiter);
        if (body.PathOnHost is { } path)
        {
            try { drive.ReplaceBackingFile(path); }
            catch (IOException e) { throw new ApiException($"Unable to patch the block device: {e.Message}"); }
            var stored = Resources.Drives.First(d => d.DriveId == id);
            stored.PathOnHost = path;
        }
        drive.Limiter.Update(bandwidth, ops);
        if (body.RateLimiter is not null) Resources.Drives.First(d => d.DriveId == id).RateLimiter = body.RateLimiter;
    }

    private void PatchNetwork(string id, NetworkInterface body)
    {
        VmResources.CheckBodyId(id, body.IfaceId, "iface_id");
        if (body.HostDevName is not null || body.GuestMac is not null) throw new ApiException("Only the rate limiters can be updated on a running microVM.");
        if (!_vm!.Networks.TryGetValue(id, out var device)) throw new ApiException($"Invalid network interface ID: {id}");
        var (rxBandwidth, rxOps) = VmResources.ToUpdate(body.RxRateLimiter);
        var (txBandwidth, txOps) = VmResources.ToUpdate(body.TxRateLimiter);
        device.RxLimiter.Update(rxBandwidth, rxOps);
        device.TxLimiter.Update(txBandwidth, txOps);
        var stored = Resources.Networks.First(n => n.IfaceId == id);
        if (body.RxRateLimiter is not null) stored.RxRateLimiter = body.RxRateLimiter;
        if (body.TxRateLimiter is not null) stored.TxRateLimiter = body.TxRateLimiter;
    }

    /// <summary>Device messages a guest can provoke at will (queue errors after each reset): at most N per second reach the log.</summary>
    private sealed class LineRateLimiter(int perSecond)
    {
        private long _second;
        private int _count;

        public bool Allow()
        {
            lock (this)
            {
                var now = Environment.TickCount64 / 1000;
                if (now != _second) (_second, _count) = (now, 0);
                return ++_count <= perSecond;
            }
        }
    }

    private static T Body<T>(HttpRequest r, JsonTypeInfo<T> type) where T : class
    {
        if (r.Body.Length == 0) throw new ApiException("The request body is empty; a JSON object is required.");
        try
        {
            return JsonSerializer.Deserialize(r.Body, type) ?? throw new ApiException("The request body must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            throw new ApiException($"An error occurred when deserializing the json body of a request: {JsonError(e)}");
        }
    }

    /// <summary>System.Text.Json's messages name .NET types; callers need the field and what was wrong.</summary>
    internal static string JsonError(JsonException e)
    {
        var path = e.Path is { Length: > 2 } p ? p[2..] : null;
        var unknown = System.Text.RegularExpressions.Regex.Match(e.Message, "The JSON property '([^']*)' could not be mapped");
        if (unknown.Success) return $"unknown field `{unknown.Groups[1].Value}`{(path is { Length: > 0 } && path.Contains('.') ? $" in `{path[..path.LastIndexOf('.')]}`" : "")}";
        if (e.Message.Contains("could not be converted", StringComparison.Ordinal) && path is not null) return $"invalid type for field `{path}`";
        var at = e.LineNumber is { } line ? $" at line {line + 1} column {e.BytePositionInLine + 1}" : "";
        return $"malformed JSON{at}";
    }

    private static HttpResponse Json<T>(T value, JsonTypeInfo<T> type) => new(200, JsonSerializer.SerializeToUtf8Bytes(value, type));

    /// <summary>Applies a --config-file (Firecracker's layout) and starts the VM.</summary>
    public void ApplyConfigFile(string path)
    {
        FullVmConfiguration config;
        try
        {
            config = JsonSerializer.Deserialize(File.ReadAllBytes(path), ApiJson.Context.FullVmConfiguration)
                ?? throw new ApiException("the file holds null, not a JSON object");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ApiException($"{path}: {e.Message}");
        }
        if (config.Logger is { } logger) Logger.Configure(logger);
        if (config.Metrics is { } metrics) Metrics.Configure(metrics);
        if (config.MachineConfig is { } machine) Resources.SetMachine(machine, patch: false);
        if (config.BootSource is { } boot) Resources.SetBootSource(boot);
        foreach (var drive in config.Drives ?? []) Resources.SetDrive(drive.DriveId ?? throw ApiErrors.Missing("drive_id"), drive);
        foreach (var net in config.NetworkInterfaces ?? []) Resources.SetNetwork(net.IfaceId ?? throw ApiErrors.Missing("iface_id"), net);
        if (config.Entropy is { } entropy) Resources.SetEntropy(entropy);
        Start();
    }

    public void Dispose()
    {
        _vm?.Stop(new VmOutcome(VmOutcome.GuestFailure, "the API server is shutting down"));
        _runner?.Join();
        _vm?.Dispose();
        Metrics.Dispose();
        Logger.Dispose();
    }
}
