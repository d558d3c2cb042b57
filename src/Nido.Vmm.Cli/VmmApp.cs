using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using Nido.Linux;
using Nido.Vmm.Api;

namespace Nido.Vmm.Cli;

/// <summary>
/// Firecracker's command line: the flags its callers (firectl, the jailer, firecracker-containerd, scripts) pass. What
/// Nido lacks (seccomp filter files, snapshots, MMDS, the boot timer, PCI) is an unknown flag, named in the error.
/// </summary>
public static class VmmApp
{
    public const string Name = "nido-vmm";
    /// <summary>Firecracker's default socket path.</summary>
    public const string DefaultApiSock = "/run/firecracker.socket";

    private static readonly Option<string> ApiSock = new("--api-sock") { Description = "Unix socket path for the API", DefaultValueFactory = _ => DefaultApiSock };
    private static readonly Option<string> Id = new("--id") { Description = "MicroVM identifier (1-64 letters, digits and '-')", DefaultValueFactory = _ => "anonymous-instance" };
    private static readonly Option<string?> ConfigFile = new("--config-file") { Description = "Firecracker JSON configuration: boot it at once" };
    private static readonly Option<bool> NoApi = new("--no-api") { Description = "No API socket (needs --config-file)" };
    private static readonly Option<string?> LogPath = new("--log-path") { Description = "Log to this file or FIFO (as PUT /logger)" };
    private static readonly Option<string?> Level = new("--level") { Description = "Log level: Off, Error, Warning, Info, Debug, Trace" };
    private static readonly Option<bool> ShowLevel = new("--show-level") { Description = "Show the level in log lines" };
    private static readonly Option<bool> ShowLogOrigin = new("--show-log-origin") { Description = "Show the origin in log lines" };
    private static readonly Option<string?> MetricsPath = new("--metrics-path") { Description = "Metrics to this file or FIFO (as PUT /metrics)" };
    private static readonly Option<int> MaxPayload = new("--http-api-max-payload-size") { Description = "Largest API request body in bytes", DefaultValueFactory = _ => Api.Http.HttpParser.MaxBodyBytes };
    private static readonly Option<long?> StartTimeUs = new("--start-time-us") { Description = "The launcher's start, CLOCK_MONOTONIC µs (startup metrics count from it)" };
    private static readonly Option<long?> StartTimeCpuUs = new("--start-time-cpu-us") { Description = "This process's CPU µs at the launcher's start" };
    private static readonly Option<long> ParentCpuTimeUs = new("--parent-cpu-time-us") { Description = "CPU µs the launcher's parent used" };
    private static readonly Option<bool> NoSeccomp = new("--no-seccomp") { Description = "Accepted: Nido installs no seccomp filter of its own" };

    /// <summary>Larger bodies than this are refused at the command line (each connection's buffer holds one).</summary>
    public const int MaxPayloadLimit = 64 << 20;

    public static Command BuildRoot()
    {
        var root = new Command(Name, "One microVM on KVM, driven by Firecracker's REST API on a Unix socket")
        {
            ApiSock, Id, ConfigFile, NoApi, LogPath, Level, ShowLevel, ShowLogOrigin, MetricsPath, MaxPayload,
            StartTimeUs, StartTimeCpuUs, ParentCpuTimeUs, NoSeccomp,
        };
        // Plain options rather than RootCommand's: its built-in ones load resource strings by reflection at construction.
        root.Options.Add(new Option<bool>("--help", "-h") { Description = "Show help and usage information", Arity = ArgumentArity.Zero, Action = new HelpAction() });
        root.Options.Add(new Option<bool>("--version") { Description = "Show version information", Arity = ArgumentArity.Zero, Action = new VersionAction() });
        root.SetAction(parse => ApiProcess.Run(Options(parse), parse.InvocationConfiguration.Error));
        return root;
    }

    internal static ServeOptions Options(ParseResult parse)
    {
        var noApi = parse.GetValue(NoApi);
        var configFile = parse.GetValue(ConfigFile);
        if (noApi && configFile is null) throw new VmmException("--no-api needs --config-file");
        if (noApi && parse.GetResult(ApiSock) is { Implicit: false }) throw new VmmException("--api-sock and --no-api exclude each other");
        var id = parse.GetValue(Id)!;
        if (id.Length is 0 or > 64 || !IsIdText(id)) throw new VmmException($"--id: \"{id}\" is not 1-64 letters, digits and '-'");
        var maxPayload = parse.GetValue(MaxPayload);
        if (maxPayload is <= 0 or > MaxPayloadLimit) throw new VmmException($"--http-api-max-payload-size: {maxPayload} is not between 1 and {MaxPayloadLimit}");
        var logPath = parse.GetValue(LogPath);
        var level = parse.GetValue(Level);
        var showLevel = parse.GetValue(ShowLevel);
        var showOrigin = parse.GetValue(ShowLogOrigin);
        return new ServeOptions
        {
            ApiSock = noApi ? null : parse.GetValue(ApiSock),
            ConfigFile = configFile,
            Id = id,
            Logger = logPath is null && level is null && !showLevel && !showOrigin ? null
                : new LoggerConfig { LogPath = logPath, Level = level, ShowLevel = showLevel, ShowLogOrigin = showOrigin },
            Metrics = parse.GetValue(MetricsPath) is { } metrics ? new MetricsConfig { MetricsPath = metrics } : null,
            MaxPayloadBytes = maxPayload,
            StartTimeUs = parse.GetValue(StartTimeUs),
            StartTimeCpuUs = parse.GetValue(StartTimeCpuUs),
            ParentCpuTimeUs = parse.GetValue(ParentCpuTimeUs),
        };
    }

    private static bool IsIdText(string id)
    {
        foreach (var c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
        return true;
    }

    /// <summary>Parse errors exit 2 naming the word; a VM that cannot be served exits 1 with its reason; all on one line.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine($"{Name}: {parse.Errors[0].Message} (see '{Name} --help')");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is VmmException or ErrnoException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            stderr.WriteLine($"{Name}: {e.Message}");
            return 1;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"{Name}: internal error: {e.GetType().Name}: {e.Message} (set NIDO_DEBUG=1 for the stack)");
            if (Environment.GetEnvironmentVariable("NIDO_DEBUG") == "1") stderr.WriteLine(e);
            return 1;
        }
    }

    /// <summary>--version: Firecracker's "Firecracker vX" shape would claim to be it; this names Nido and the API it follows.</summary>
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(
                $"{Name} {BuildInfo.Version} (commit {BuildInfo.Commit}), Firecracker API {ApiController.CompatibleVersion}, .NET {Environment.Version} {RuntimeInformation.RuntimeIdentifier}");
            return 0;
        }
    }
}
