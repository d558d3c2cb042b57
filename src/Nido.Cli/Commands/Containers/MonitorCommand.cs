using System.CommandLine;
using Nido.Linux;

namespace Nido.Cli.Commands.Containers;

/// <summary>`nido _monitor ID` (hidden): the background monitor of a `run -d` container; it reports on the fd in _NIDO_MONITOR_SYNC_FD.</summary>
public static class MonitorCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id");
        var command = new Command("_monitor", "Monitor a detached container (internal)") { id };
        command.Hidden = true;
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            SafeFdHandle? sync = int.TryParse(Environment.GetEnvironmentVariable(Engine.Engine.MonitorSyncVariable), out var fd) ? new SafeFdHandle(fd) : null;
            Environment.SetEnvironmentVariable(Engine.Engine.MonitorSyncVariable, null);
            return engine.Monitor(parse.GetValue(id)!, null, error =>
            {
                if (sync is null) return;
                try { FileIo.WriteAll(sync, System.Text.Encoding.UTF8.GetBytes(error ?? "ok")); } catch (ErrnoException) { }
                sync.Dispose();
                sync = null;
            });
        }));
        return command;
    }
}
