using Nido.Jvm.Runtime;

namespace Nido.Jvm;

/// <summary>
/// java.lang.Thread on .NET threads: start, the live-thread registry the VM waits on at exit (non-daemon threads),
/// Object.wait/notify on .NET monitors, sleep and interrupt (an interrupt wakes a thread blocked in wait or sleep).
/// </summary>
public static class Threads
{
    private static readonly object Registry = new();
    private static readonly HashSet<JThread> Live = [];

    internal static void Started(JThread t)
    {
        lock (Registry) Live.Add(t);
    }

    internal static void Ended(JThread t)
    {
        lock (Registry)
        {
            Live.Remove(t);
            Monitor.PulseAll(Registry);
        }
    }

    public static JThread[] All()
    {
        lock (Registry) return [.. Live];
    }

    /// <summary>DestroyJavaVM: waits until only daemon threads (and the caller) are left.</summary>
    public static void WaitForNonDaemons(JThread self)
    {
        lock (Registry)
            while (Live.Any(t => t != self && !IsDaemon(t))) Monitor.Wait(Registry);
    }

    public static bool IsDaemon(JThread t) => t.JavaThread is { } o && t.Vm.GetField(o, "daemon").P != 0;

    /// <summary>Object.wait(millis): InterruptedException when interrupted before or during the wait.</summary>
    public static void Wait(JThread t, JObject o, long millis)
    {
        if (millis < 0) throw t.Vm.Throw("java/lang/IllegalArgumentException", "timeout value is negative");
        if (!Monitor.IsEntered(o)) throw t.Vm.Throw("java/lang/IllegalMonitorStateException", "current thread is not owner");
        if (t.Interrupted) { t.Interrupted = false; throw t.Vm.Throw("java/lang/InterruptedException", null); }
        t.WaitingOn = o;
        var waiters = WaitSets.GetValue(o, static _ => []);
        waiters.Add(t); // guarded by o's monitor, as notify's use of the list
        var previous = SetStatus(t, millis == 0 ? InObjectWait : TimedObjectWait);
        try
        {
            if (millis == 0) Monitor.Wait(o);
            else Monitor.Wait(o, TimeSpan.FromMilliseconds(Math.Min(millis, int.MaxValue)));
        }
        catch (ThreadInterruptedException)
        {
            // .NET re-acquires the monitor before raising; Java semantics are the same.
        }
        finally
        {
            waiters.Remove(t);
            Woken(t);
            SetStatus(t, previous);
        }
        if (t.Interrupted) { t.Interrupted = false; throw t.Vm.Throw("java/lang/InterruptedException", null); }
    }

    /// <summary>
    /// Object.notify/notifyAll (the caller owns the monitor): the woken waiters — the longest waiting one, as .NET's
    /// Pulse picks — report BLOCKED until they have the monitor back, as in HotSpot.
    /// </summary>
    public static void Notify(JObject o, bool all)
    {
        if (WaitSets.TryGetValue(o, out var waiters) && waiters.Count > 0)
        {
            var woken = all ? waiters.Count : 1;
            for (var i = 0; i < woken; i++) SetStatus(waiters[i], BlockedOnEnter);
            waiters.RemoveRange(0, woken);
        }
        if (all) Monitor.PulseAll(o); else Monitor.Pulse(o);
    }

    /// <summary>The threads in each object's wait set, in the order they began waiting.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, List<JThread>> WaitSets = new();

    public static void Sleep(JThread t, long nanos)
    {
        if (t.Interrupted) { t.Interrupted = false; throw t.Vm.Throw("java/lang/InterruptedException", "sleep interrupted"); }
        t.Sleeping = true;
        var previous = SetStatus(t, InSleep);
        try
        {
            Thread.Sleep(TimeSpan.FromTicks(Math.Max(0, nanos / 100)));
        }
        catch (ThreadInterruptedException)
        {
        }
        finally
        {
            Woken(t);
            SetStatus(t, previous);
        }
        if (t.Interrupted) { t.Interrupted = false; throw t.Vm.Throw("java/lang/InterruptedException", "sleep interrupted"); }
    }

    /// <summary>
    /// Thread.interrupt0: wakes the thread from wait/sleep (and park). The flag is Java's own: Thread.interrupt set it
    /// before this call, and setting it again here could land after the target consumed it (a sleep that threw), as
    /// HotSpot's JavaThread::interrupt only wakes.
    /// </summary>
    public static void Interrupt(JThread target)
    {
        lock (target.WakeLock)
        {
            if (target.WaitingOn is not null) SetStatus(target, BlockedOnEnter); // it must take the monitor back first
            if ((target.WaitingOn is not null || target.Sleeping) && target.Host is { } host)
            {
                host.Interrupt();
                target.InterruptSent = true;
            }
        }
        Unpark(target);
    }

    /// <summary>
    /// A wait or sleep is over: no interrupt is aimed at it from now on, and one that came too late for it is dropped
    /// (Thread.Sleep(0) consumes it); left pending, it would interrupt the thread's next blocking call in .NET, a
    /// contended monitor entry among them.
    /// </summary>
    private static void Woken(JThread t)
    {
        bool sent;
        lock (t.WakeLock)
        {
            t.Sleeping = false;
            t.WaitingOn = null;
            sent = t.InterruptSent;
            t.InterruptSent = false;
        }
        if (!sent) return;
        try { Thread.Sleep(0); }
        catch (ThreadInterruptedException) { }
    }

    public static void Unpark(JThread target)
    {
        try { target.ParkPermit.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>LockSupport.park: consumes the permit or blocks until unpark, interrupt or the deadline.</summary>
    public static void Park(JThread t, bool absolute, long time)
    {
        if (t.Interrupted) return;
        var timed = absolute || time != 0;
        var previous = SetStatus(t, timed ? TimedParked : Parked);
        try
        {
            if (!timed) { t.ParkPermit.Wait(); return; }
            var ms = absolute ? time - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() : time / 1_000_000;
            if (ms > 0) t.ParkPermit.Wait(TimeSpan.FromMilliseconds(Math.Min(ms, int.MaxValue)));
        }
        finally
        {
            SetStatus(t, previous);
        }
    }

    /// <summary>
    /// monitorenter and synchronized methods: a thread that has to wait for the monitor shows as BLOCKED meanwhile
    /// (Thread.getState, thread dumps), as in HotSpot.
    /// </summary>
    public static void EnterMonitor(JThread t, object o)
    {
        if (Monitor.TryEnter(o)) return;
        var previous = SetStatus(t, BlockedOnEnter);
        try
        {
            Monitor.Enter(o);
        }
        finally
        {
            SetStatus(t, previous);
        }
    }

    // JVMTI thread states in Thread.threadStatus, which Thread.getState decodes (jdk.internal.misc.VM.toThreadState):
    // alive 0x1, waiting 0x80 with indefinitely 0x10 or timeout 0x20, and what it waits in: sleep 0x40, Object.wait
    // 0x100, park 0x200; blocked on monitor entry 0x400. Values as HotSpot's.
    private const int BlockedOnEnter = 0x401;
    private const int InObjectWait = 0x191, TimedObjectWait = 0x1A1, InSleep = 0xE1, Parked = 0x291, TimedParked = 0x2A1;

    /// <summary>Sets the thread's Thread.threadStatus; returns the previous value to restore.</summary>
    private static int SetStatus(JThread t, int status)
    {
        if (t.JavaThread is not { } o) return status;
        ref var field = ref o.Fields[t.Vm.ThreadStatusSlot].P;
        var previous = (int)Volatile.Read(ref field);
        Volatile.Write(ref field, status);
        return previous;
    }
}
