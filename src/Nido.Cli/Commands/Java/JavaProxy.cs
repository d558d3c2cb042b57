using Nido.Linux;

namespace Nido.Cli.Commands.Java;

/// <summary>
/// What the native `nido java` process becomes when it gives its run to the JIT host (<see cref="JavaSpeculation"/>):
/// the host's parent, passing on the signals a terminal or supervisor sends (as runc's signal proxy) and exiting with
/// its status (128 + signal when a signal ended it), so whoever started `nido java` sees the program's end.
/// </summary>
internal static class JavaProxy
{
    public const string Verb = "java-proxy";

    public static int Run(string pid, string fd, TextWriter stderr)
    {
        if (!int.TryParse(pid, out var n) || n <= 0)
        {
            stderr.WriteLine($"nido: java-proxy: bad process id '{pid}'");
            return 2;
        }
        if (!int.TryParse(fd, out var controlFd) || controlFd < 3)
        {
            stderr.WriteLine($"nido: java-proxy: bad control descriptor '{fd}'");
            return 2;
        }
        using var control = new SafeFdHandle(controlFd, ownsHandle: true);
        ChildProcess host;
        try
        {
            host = ChildProcess.Adopt(n);
        }
        catch (ErrnoException e)
        {
            stderr.WriteLine($"nido: java-proxy: {e.Message}");
            return 1;
        }
        using (host) return Wait(host, control);
    }

    /// <summary>
    /// Tells the host, on <paramref name="control"/>, that the run is its own once signals are passed on to it, then
    /// returns its exit code; a host a signal ended ends this process by the same signal (else 128 + signal).
    /// </summary>
    public static int Wait(ChildProcess host, SafeFdHandle control)
    {
        ExitStatus status;
        using (SignalForwarding.To(host))
        {
            // A host that already ended (it failed to boot) has closed its end: its exit status below says so.
            try { FileIo.Write(control, "g"u8); }
            catch (ErrnoException) { }
            control.Dispose();
            status = host.WaitForExit();
        }
        if (status.Signal != 0) Signals.RaiseDefault(status.Signal);
        return status.ShellCode;
    }
}
