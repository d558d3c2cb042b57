namespace Nido.Linux;

/// <summary>
/// pidfds for processes this process did not spawn (a container's init found through its state file):
/// signal without pid-reuse races, and learn when it exits (the fd becomes readable).
/// </summary>
public static class PidFd
{
    /// <summary>pidfd_open(2). ESRCH means no such process.</summary>
    public static SafeFdHandle Open(int pid) =>
        new((int)Errors.Check(Interop.syscall(Interop.Sys.pidfd_open, pid, 0), "pidfd_open", $"pid {pid}"));

    /// <summary>pidfd_send_signal(2); <paramref name="who"/> names the process in the error (default: the fd).</summary>
    public static void SendSignal(SafeFdHandle pidfd, int signal, string? who = null) =>
        Errors.Check(Interop.syscall(Interop.Sys.pidfd_send_signal, pidfd.DangerousGetHandle(), signal, 0, 0, 0, 0),
            "pidfd_send_signal", $"{who ?? pidfd.ToString()}, {Signals.Name(signal)}");

    /// <summary>pidfd_getfd(2): a copy of the process's descriptor <paramref name="fd"/> (close-on-exec here).</summary>
    public static SafeFdHandle GetFd(SafeFdHandle pidfd, int fd) =>
        new((int)Errors.Check(Interop.syscall(Interop.Sys.pidfd_getfd, pidfd.DangerousGetHandle(), fd, 0), "pidfd_getfd", $"fd {fd}"));

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1 = forever) for the process to exit; true if it has.</summary>
    public static bool WaitForExit(SafeFdHandle pidfd, int timeoutMs) => Epoll.WaitReadable(pidfd, timeoutMs);

    /// <summary>True while the process exists (signal 0 through the pidfd).</summary>
    public static bool IsAlive(SafeFdHandle pidfd)
    {
        try
        {
            SendSignal(pidfd, 0);
            return true;
        }
        catch (ErrnoException e) when (e.Errno == Errno.ESRCH)
        {
            return false;
        }
    }
}
