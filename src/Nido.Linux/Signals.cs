using System.Runtime.InteropServices;
namespace Nido.Linux;

/// <summary>Signal numbers and names (x86-64), parsing as kill(1) and runc accept them, and per-thread masks.</summary>
public static class Signals
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10;
    public const int SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13;
    public const int SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGWINCH = 28;
    public const int SIGRTMIN = 34, SIGRTMAX = 64;

    private static readonly string[] Names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
        "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM",
        "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    /// <summary>"SIGTERM" for 15, "SIGRTMIN+3" for 37.</summary>
    public static string Name(int signal) => signal switch
    {
        > 0 and < 32 => "SIG" + Names[signal],
        SIGRTMIN => "SIGRTMIN",
        > SIGRTMIN and <= SIGRTMAX => $"SIGRTMIN+{signal - SIGRTMIN}",
        _ => $"signal {signal}",
    };

    /// <summary>Accepts "9", "KILL", "SIGKILL", "sigkill", "RTMIN+2" (also SIGIOT, SIGPOLL, SIGCLD aliases).</summary>
    public static int Parse(string text)
    {
        var s = text.Trim();
        if (int.TryParse(s, out var number))
            return number is > 0 and <= SIGRTMAX ? number : throw new ArgumentException($"invalid signal number {number}", nameof(text));
        var name = s.ToUpperInvariant();
        if (name.StartsWith("SIG", StringComparison.Ordinal)) name = name[3..];
        switch (name)
        {
            case "IOT": return 6;
            case "POLL": return 29;
            case "CLD": return SIGCHLD;
            case "RTMIN": return SIGRTMIN;
            case "RTMAX": return SIGRTMAX;
        }
        if (name.StartsWith("RTMIN+", StringComparison.Ordinal) && int.TryParse(name[6..], out var plus) && plus >= 0 && SIGRTMIN + plus <= SIGRTMAX)
            return SIGRTMIN + plus;
        if (name.StartsWith("RTMAX-", StringComparison.Ordinal) && int.TryParse(name[6..], out var minus) && minus >= 0 && SIGRTMAX - minus >= SIGRTMIN)
            return SIGRTMAX - minus;
        var index = Array.IndexOf(Names, name);
        return index > 0 ? index : throw new ArgumentException($"unknown signal \"{text}\"", nameof(text));
    }

    public static ulong MaskOf(params int[] signals)
    {
        var mask = 0UL;
        foreach (var signal in signals) mask |= 1UL << (signal - 1);
        return mask;
    }

    /// <summary>Changes the calling thread's signal mask (rt_sigprocmask); returns the previous mask.</summary>
    public static unsafe ulong SetThreadMask(int how, ulong mask)
    {
        ulong old;
        Errors.Check(Interop.syscall(Interop.Sys.rt_sigprocmask, how, (long)&mask, (long)&old, 8, 0, 0), "rt_sigprocmask");
        return old;
    }

    public static ulong BlockOnThread(ulong mask) => SetThreadMask(Interop.SIG_BLOCK, mask);

    public static ulong RestoreThreadMask(ulong mask) => SetThreadMask(Interop.SIG_SETMASK, mask);

    /// <summary>Sends a signal to one thread of this process (tgkill), e.g. to test per-thread masks.</summary>
    public static void SendToThread(int tid, int signal) =>
        Errors.Check(Interop.tgkill(Interop.getpid(), tid, signal), "tgkill", $"tid {tid}, {Name(signal)}");

    /// <summary>kill(2) by pid; prefer <see cref="PidFd"/> when the process is known by handle.</summary>
    public static void SendToProcess(int pid, int signal) =>
        Errors.Check(Interop.kill(pid, signal), "kill", $"pid {pid}, {Name(signal)}");

    /// <summary>kill(-pgid): every process of a process group (a spawned session leader's descendants that stayed in it).</summary>
    public static void SendToGroup(int pgid, int signal) =>
        Errors.Check(Interop.kill(-pgid, signal), "kill", $"process group {pgid}, {Name(signal)}");

    /// <summary>Consumes one pending instance of a signal the thread blocks (rt_sigtimedwait with a zero timeout); false when none is pending.</summary>
    public static unsafe bool TakePending(int signal)
    {
        var set = MaskOf(signal);
        var zero = stackalloc long[2];
        var rc = Interop.syscall(Interop.Sys.rt_sigtimedwait, (long)&set, 0, (long)zero, 8, 0, 0);
        if (rc >= 0) return true;
        var errno = (Errno)Marshal.GetLastPInvokeError();
        if (errno is Errno.EAGAIN or Errno.EINTR) return false;
        throw new ErrnoException("rt_sigtimedwait", (int)errno, Name(signal));
    }

    public static int CurrentThreadId => Interop.gettid();

    /// <summary>
    /// Ends this process by <paramref name="signal"/> with its default action (a shell then sees "killed by" rather
    /// than an exit code): the disposition is reset and the signal unblocked first. Returns when the default action
    /// does not end processes (SIGCHLD, SIGWINCH, SIGCONT …).
    /// </summary>
    public static void RaiseDefault(int signal)
    {
        if (!SetHandler(signal, 0)) return; // 0: SIG_DFL
        SetThreadMask(Interop.SIG_UNBLOCK, MaskOf(signal));
        SendToThread(CurrentThreadId, signal);
    }

    /// <summary>struct sigaction (x86-64 glibc): handler, 128-byte mask, flags, restorer; the handler comes first.</summary>
    private const int SigactionSize = 152;

    /// <summary>Whether <paramref name="signal"/>'s disposition is SIG_IGN (inherited from nohup, or set so).</summary>
    public static unsafe bool IsIgnored(int signal)
    {
        var old = stackalloc byte[SigactionSize];
        new Span<byte>(old, SigactionSize).Clear();
        return Interop.sigaction(signal, null, old) == 0 && *(nint*)old == 1; // 1: SIG_IGN
    }

    /// <summary>
    /// Gives an ignored <paramref name="signal"/> its default action back, so that a handler registered next sees it
    /// (the .NET runtime leaves a signal that was ignored at its start ignored).
    /// </summary>
    public static void Unignore(int signal)
    {
        if (IsIgnored(signal)) SetHandler(signal, 0);
    }

    /// <summary>sigaction(2) with <paramref name="handler"/>, an empty mask and no flags (no SA_RESTART); false when refused.</summary>
    internal static unsafe bool SetHandler(int signal, nint handler)
    {
        var action = stackalloc byte[SigactionSize];
        new Span<byte>(action, SigactionSize).Clear();
        *(nint*)action = handler;
        return Interop.sigaction(signal, action, null) == 0;
    }

    public static int CurrentProcessId => Interop.getpid();
}
