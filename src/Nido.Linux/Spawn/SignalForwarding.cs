using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>
/// While a program runs in the foreground, the signals a terminal or supervisor sends to us (SIGINT, SIGTERM, SIGHUP,
/// SIGQUIT) go to it instead, as runc's and docker's signal proxies do.
/// </summary>
public static class SignalForwarding
{
    public static IDisposable To(ChildProcess child)
    {
        var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT };
        var registrations = new PosixSignalRegistration[signals.Length];
        for (var i = 0; i < signals.Length; i++)
            registrations[i] = PosixSignalRegistration.Create(signals[i], ctx =>
            {
                ctx.Cancel = true;
                try { child.Signal(Signals.Parse(ctx.Signal.ToString())); } catch (ErrnoException) { }
            });
        return new Registrations(registrations);
    }

    private sealed class Registrations(PosixSignalRegistration[] list) : IDisposable
    {
        public void Dispose() { foreach (var r in list) r.Dispose(); }
    }
}
