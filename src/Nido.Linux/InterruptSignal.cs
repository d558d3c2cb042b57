using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>
/// Wakes a thread out of a blocking system call, as HotSpot's NativeThread does: a real-time signal whose handler
/// does nothing and is installed without SA_RESTART, so the call the thread is in fails with EINTR. The handler is
/// one `ret` instruction in a page of its own: no managed code runs in signal context.
/// </summary>
public static unsafe class InterruptSignal
{
    /// <summary>SIGRTMAX - 2, HotSpot's choice; the .NET runtime uses SIGRTMIN for its own thread activation.</summary>
    public const int Number = 62;
    private static readonly object Gate = new();
    private static bool _installed;

    /// <summary>The calling thread's pthread_t, after making sure the handler is installed.</summary>
    public static long CurrentThread()
    {
        Install();
        return Interop.pthread_self();
    }

    /// <summary>Interrupts what <paramref name="thread"/> (a value of <see cref="CurrentThread"/>) is blocked in; ESRCH (it ended) is ignored.</summary>
    public static void Signal(long thread)
    {
        Install();
        var rc = Interop.pthread_kill((nint)thread, Number);
        if (rc != 0 && rc != (int)Errno.ESRCH) throw new ErrnoException("pthread_kill", rc, thread.ToString());
    }

    private static void Install()
    {
        if (Volatile.Read(ref _installed)) return;
        lock (Gate)
        {
            if (_installed) return;
            const int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
            var page = Interop.mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (page == -1) Errors.Throw("mmap", "signal handler page");
            *(byte*)page = 0xC3; // ret
            if (Interop.mprotect(page, 4096, PROT_READ | PROT_EXEC) != 0) Errors.Throw("mprotect", "signal handler page");
            if (!Signals.SetHandler(Number, page)) Errors.Throw("sigaction", Number.ToString());
            Volatile.Write(ref _installed, true);
        }
    }
}
