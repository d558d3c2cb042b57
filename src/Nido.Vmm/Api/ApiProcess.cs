using System.Diagnostics;
using System.Runtime.InteropServices;
using Nido.Linux;
using Nido.Vmm.Api.Http;
using Nido.Vmm.X86;

namespace Nido.Vmm.Api;

/// <summary>
/// One microVM driven by Firecracker's REST API on a Unix socket (or configured all at once by a config file, which
/// boots it immediately). The serial console is this process's stdin/stdout; the process ends with the VM, with its
/// exit code, or on SIGTERM/SIGINT (128 + the signal).
/// </summary>
public static class ApiProcess
{
    public static int Run(ServeOptions options, TextWriter stderr)
    {
        var exit = new TaskCompletionSource<VmOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var terminal = Terminal.IsTerminal(0);
        using var stdout = Console.OpenStandardOutput();
        var console = new ConsoleStreams(stdout, Console.OpenStandardInput(), Escapes: terminal);
        using var controller = new ApiController(options.Id, console, outcome => exit.TrySetResult(outcome));
        try
        {
            if (options.Logger is { } logger) controller.Logger.Configure(logger);
            if (options.Metrics is { } metrics) controller.Metrics.Configure(metrics);
        }
        catch (ApiException e) { throw new VmmException(e.Message); }
        using var raw = terminal ? Terminal.MakeRaw(0) : null;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        UnixHttpServer? server = null;
        try
        {
            if (options.ApiSock is { } sock)
            {
                server = new UnixHttpServer(sock, controller.Handle, options.MaxPayloadBytes);
                server.Start();
            }
            RecordStartup(controller.Metrics, options);
            if (options.ConfigFile is { } configFile)
            {
                try { controller.ApplyConfigFile(configFile); }
                catch (ApiException e) { throw new VmmException($"--config-file {e.Message}"); }
            }
            var outcome = exit.Task.GetAwaiter().GetResult();
            raw?.Dispose();
            if (outcome.Reason is { } reason) stderr.WriteLine($"nido: vm: {reason}");
            return outcome.ExitCode;
        }
        finally
        {
            server?.Dispose();
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            exit.TrySetResult(new VmOutcome(128 + (context.Signal == PosixSignal.SIGTERM ? 15 : 2), null));
        }
    }

    /// <summary>Firecracker's process_startup_time metrics: from process start, or from the launcher's times when given.</summary>
    private static void RecordStartup(ApiMetrics metrics, ServeOptions options)
    {
        var cpuUs = (long)Environment.CpuUsage.TotalTime.TotalMicroseconds;
        metrics.ProcessStartupCpuUs = options.StartTimeCpuUs is { } cpuStart ? cpuUs - cpuStart + options.ParentCpuTimeUs : cpuUs;
        if (options.StartTimeUs is { } start)
            metrics.ProcessStartupWallUsGiven = Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1_000_000) - start;
        metrics.ApiReadyAt = DateTime.Now;
    }
}
