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

    public static int Run(string pid, TextWriter stderr)
    {
        if (!int.TryParse(pid, out var n) || n <= 0)
        {
            stderr.WriteLine($"nido: java-proxy: bad process id '{pid}'");
            return 2;
        }
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
        using (host) return Wait(host);
    }

    /// <summary>The host's exit code; a host a signal ended ends this process by the same signal (else 128 + signal).</summary>
    public static int Wait(ChildProcess host)
    {
        ExitStatus status;
        using (SignalForwarding.To(host)) status = host.WaitForExit();
        if (status.Signal != 0) Signals.RaiseDefault(status.Signal);
        return status.ShellCode;
    }
}
