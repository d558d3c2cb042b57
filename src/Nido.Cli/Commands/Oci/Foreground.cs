using System.Runtime.InteropServices;
using Nido.Linux;

namespace Nido.Cli.Commands.Oci;

/// <summary>Waits for a process started in the foreground (`run`, `exec`), forwarding the signals a terminal or supervisor sends.</summary>
public static class Foreground
{
    public static int Wait(ChildProcess child)
    {
        var forwarded = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
            .Select(s => PosixSignalRegistration.Create(s, ctx =>
            {
                ctx.Cancel = true;
                try { child.Signal(Signals.Parse(ctx.Signal.ToString())); } catch (ErrnoException) { }
            })).ToArray();
        try { return child.WaitForExit().ShellCode; }
        finally { foreach (var f in forwarded) f.Dispose(); }
    }
}
