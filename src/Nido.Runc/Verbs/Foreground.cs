using Nido.Linux;

namespace Nido.Runc.Verbs;

/// <summary>Waits for a process started in the foreground (`run`, `exec`), forwarding the signals a terminal or supervisor sends.</summary>
public static class Foreground
{
    public static int Wait(ChildProcess child)
    {
        using (SignalForwarding.To(child)) return child.WaitForExit().ShellCode;
    }

    /// <summary>
    /// runc's foreground terminal: with terminal=true, no --console-socket and no --detach, the runtime takes the pty
    /// master itself (through a private console socket) and copies between it and this process's stdio.
    /// </summary>
    public static Engine.Streams.ConsoleListener? ProxyFor(bool terminal, string? consoleSocket, bool detach) =>
        terminal && consoleSocket is null && !detach ? new Engine.Streams.ConsoleListener() : null;

    public static int WaitWithTerminal(ChildProcess child, Engine.Streams.ConsoleListener console)
    {
        using var master = console.ReceiveMaster();
        return Engine.Streams.ProxyTerminal(child, master, feedInput: true, Console.OpenStandardOutput());
    }
}
