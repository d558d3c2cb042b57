using System.CommandLine;
using System.Runtime.InteropServices;
using Nido.Linux;
using Nido.Vmm;
using Nido.Vmm.Api;
using Nido.Vmm.Api.Http;
using Nido.Vmm.X86;

namespace Nido.Cli.Commands.Vm;

/// <summary>
/// `nido vm serve --api-sock PATH`: one microVM driven by Firecracker's REST API on a Unix socket (or
/// configured all at once by --config-file, which boots it immediately). The serial console is this
/// process's stdin/stdout; the process ends with the VM, with its exit code, or on SIGTERM/SIGINT.
/// </summary>
public static class VmServeCommand
{
    private static readonly Option<string?> ApiSock = new("--api-sock") { Description = "Unix socket path for the API" };
    private static readonly Option<string?> ConfigFile = new("--config-file") { Description = "Firecracker JSON config: boot it at once" };
    private static readonly Option<bool> NoApi = new("--no-api") { Description = "No API socket (needs --config-file)" };
    private static readonly Option<string> Id = new("--id") { Description = "Instance id (GET /)", DefaultValueFactory = _ => "anonymous-instance" };

    public static Command Create()
    {
        var command = new Command("serve", "Serve Firecracker's API for one microVM") { ApiSock, ConfigFile, NoApi, Id };
        command.SetAction(parse =>
        {
            var sock = parse.GetValue(ApiSock);
            var configFile = parse.GetValue(ConfigFile);
            var noApi = parse.GetValue(NoApi);
            if (noApi && configFile is null) throw new NidoException("vm serve: --no-api needs --config-file");
            if (!noApi && sock is null) throw new NidoException("vm serve: --api-sock PATH is required (or --no-api with --config-file)");
            if (noApi && sock is not null) throw new NidoException("vm serve: --api-sock and --no-api exclude each other");
            return Serve(sock, configFile, parse.GetValue(Id)!, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Serve(string? sock, string? configFile, string id, TextWriter stderr)
    {
        var exit = new TaskCompletionSource<VmOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var terminal = Terminal.IsTerminal(0);
        using var stdout = Console.OpenStandardOutput();
        var console = new ConsoleStreams(stdout, Console.OpenStandardInput(), Escapes: terminal);
        using var controller = new ApiController(id, console, outcome => exit.TrySetResult(outcome));
        using var raw = terminal ? Terminal.MakeRaw(0) : null;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        UnixHttpServer? server = null;
        try
        {
            if (sock is not null)
            {
                server = new UnixHttpServer(sock, controller.Handle);
                server.Start();
            }
            var cpu = Environment.CpuUsage.TotalTime;
            controller.Metrics.ProcessStartupCpuUs = (long)cpu.TotalMicroseconds;
            controller.Metrics.ApiReadyAt = DateTime.Now;
            if (configFile is not null)
            {
                try { controller.ApplyConfigFile(configFile); }
                catch (ApiException e) { throw new NidoException($"vm serve: --config-file {e.Message}"); }
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
            exit.TrySetResult(new VmOutcome(128 + (int)(context.Signal == PosixSignal.SIGTERM ? 15 : 2), null));
        }
    }
}
