using Nido.Linux;

namespace Nido.Jvm.Runtime;

/// <summary>
/// Holds back what a run would show the world until it is decided that this process is the one running the
/// program: its standard output and error are kept in order in memory, and the first effect outside the process
/// (a file written, stdin read, a socket, a process, a native library: see NativeEffects) waits for the decision.
/// `nido java` starts the program twice at once, interpreted in its own native process and in the JIT host, and keeps
/// one (see the launcher's speculation); the gate is what lets the other vanish without a trace. One per process.
/// </summary>
public abstract class StartupGate
{
    private static volatile StartupGate? current;

    /// <summary>The process's gate; null when nothing is held back (the usual case).</summary>
    public static StartupGate? Current => current;

    /// <summary>What is kept before the run has to be decided for it (a program printing more is not short).</summary>
    public const int OutputLimit = 1 << 20;

    private readonly object sync = new();
    private readonly List<(int Fd, byte[] Data)> held = [];
    private int heldBytes;
    private volatile bool live;

    /// <summary>True once this process runs the program for real: writes go straight out, effects happen.</summary>
    public bool IsLive => live;

    public static void Install(StartupGate gate)
    {
        if (Interlocked.CompareExchange(ref current, gate, null) is not null)
            throw new InvalidOperationException("a startup gate is already installed");
    }

    /// <summary>Holds <paramref name="data"/> for standard stream <paramref name="fd"/>; false when the caller writes it itself (live).</summary>
    public bool TryHold(int fd, ReadOnlySpan<byte> data)
    {
        if (live) return false;
        lock (sync)
        {
            if (live) return false;
            if (heldBytes + data.Length <= OutputLimit)
            {
                held.Add((fd, data.ToArray()));
                heldBytes += data.Length;
                return true;
            }
        }
        Need("more than 1 MiB of output");
        return false;
    }

    /// <summary>
    /// Called before an effect outside the process (<paramref name="what"/> names it): returns once this process runs
    /// the program; never returns in a process that gives the run up.
    /// </summary>
    public void Need(string what)
    {
        if (live) return;
        Decide(what);
    }

    /// <summary>The program ends (exit status known): returns once its output may go out and the process may exit.</summary>
    public void Finish()
    {
        if (live) return;
        Finishing();
    }

    /// <summary>True when the run may go on compiled although this process has no JIT (java.vm.info, -version say "mixed mode").</summary>
    public virtual bool MayCompile => false;

    /// <summary>
    /// All of <paramref name="data"/>, waiting whenever a non-blocking descriptor is full (a parent may have set
    /// O_NONBLOCK on the pipe). A closed pipe or descriptor ends it: the program's own writes fail the same way.
    /// </summary>
    private static void WriteOut(SafeFdHandle fd, byte[] data)
    {
        const short POLLOUT = 4;
        var done = 0;
        while (done < data.Length)
        {
            try { done += FileIo.Write(fd, data.AsSpan(done)); }
            catch (ErrnoException e) when (e.Errno == Errno.EAGAIN) { InetSockets.Poll(fd, POLLOUT, -1); }
            catch (ErrnoException) { return; }
        }
    }

    /// <summary>The class library has booted: the program's main is next.</summary>
    public virtual void Booted() { }

    /// <summary>The role's decision for an effect: calls <see cref="GoLive"/> and returns, or never returns.</summary>
    protected abstract void Decide(string what);

    /// <summary>The role's decision at the program's end.</summary>
    protected abstract void Finishing();

    /// <summary>This process runs the program: what was held goes out, in the order it was written, and later writes follow it.</summary>
    protected void GoLive()
    {
        lock (sync)
        {
            if (live) return;
            using var stdout = new SafeFdHandle(1, ownsHandle: false);
            using var stderr = new SafeFdHandle(2, ownsHandle: false);
            foreach (var (fd, data) in held) WriteOut(fd == 1 ? stdout : stderr, data);
            held.Clear();
            heldBytes = 0;
            live = true;
        }
    }
}
