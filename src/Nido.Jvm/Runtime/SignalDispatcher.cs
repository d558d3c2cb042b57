using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Nido.Linux;

namespace Nido.Jvm.Runtime;

/// <summary>
/// The VM side of jdk.internal.misc.Signal, as HotSpot's JVM_RegisterSignal and its "Signal Dispatcher" thread: a
/// Java handler for an OS signal (Terminator's for INT, TERM and HUP, which run the shutdown hooks and exit with
/// 128 + the signal) is a .NET signal registration that cancels the default action and queues the signal; a daemon
/// Java thread, started on the first signal, calls Signal.dispatch, which runs the handler on a thread of its own.
/// </summary>
internal sealed class SignalDispatcher(JavaVm vm)
{
    /// <summary>Signal.handle0's handler values: the default action, ignored, and the Java handler.</summary>
    public const long Default = 0, Ignore = 1, Java = 2;

    /// <summary>What handle0 returns for a signal the VM keeps (Signal.handle then throws IllegalArgumentException).</summary>
    public const long Refused = -1;

    private readonly Dictionary<int, (long Handler, PosixSignalRegistration Registration)> _installed = [];
    private readonly BlockingCollection<int> _pending = [];
    private Thread? _thread;

    /// <summary>Installs <paramref name="handler"/> for <paramref name="signal"/>; returns the one it replaces, or <see cref="Refused"/>.</summary>
    public long Register(int signal, long handler)
    {
        var reduced = vm.Options.ReduceSignalUsage;
        switch (signal)
        {
            // The runtime's own (faults), the ones no process can catch, and the real-time signals the .NET runtime
            // and the VM use between threads; QUIT is the thread dump's unless -Xrs.
            case Signals.SIGILL or Signals.SIGBUS or Signals.SIGFPE or Signals.SIGSEGV or Signals.SIGKILL or Signals.SIGSTOP or <= 0 or >= 32:
            case Signals.SIGQUIT when !reduced:
            // With -Xrs the shutdown signals stay the OS's (Terminator ignores the refusal), as HotSpot's.
            case Signals.SIGHUP or Signals.SIGINT or Signals.SIGTERM when reduced:
                return Refused;
            // A shutdown signal ignored from the start (nohup) stays ignored, as HotSpot leaves it.
            case Signals.SIGHUP or Signals.SIGINT or Signals.SIGTERM when Signals.IsIgnored(signal):
                return Ignore;
        }
        if (handler is not (Default or Ignore or Java)) return Refused; // a native handler address: not supported
        lock (_installed)
        {
            // The new registration first: with none left for a moment, the signal's default action would be back.
            var replaced = _installed.Remove(signal, out var old);
            if (handler != Default)
                _installed[signal] = (handler, PosixSignalRegistration.Create((PosixSignal)signal, context => Arrived(context, handler)));
            if (!replaced) return Default;
            old.Registration.Dispose();
            return old.Handler;
        }
    }

    /// <summary>
    /// SIGQUIT prints every Java thread's stack on stdout and the program goes on, as HotSpot's BREAK_SIGNAL (not
    /// with -Xrs, where QUIT keeps its default action unless Java handles it). A QUIT ignored when the process
    /// started (a shell's background job) stays ignored here: the .NET runtime never hands such a signal over, so
    /// `nido java` gives it its default action back before exec'ing the host or the waiter.
    /// </summary>
    public void InstallThreadDump()
    {
        if (vm.Options.ReduceSignalUsage) return;
        lock (_installed)
            _installed[Signals.SIGQUIT] = (Dump, PosixSignalRegistration.Create((PosixSignal)Signals.SIGQUIT, context => Arrived(context, Dump)));
    }

    /// <summary>The handler value of SIGQUIT's thread dump (never one Java sees).</summary>
    private const long Dump = 3;

    private void Arrived(PosixSignalContext context, long handler)
    {
        if (handler == Ignore)
        {
            context.Cancel = true;
            return;
        }
        if (StartupGate.Current is { IsLive: false })
        {
            // A process that does not run the program for real yet (the speculative start's two runs, see
            // StartupGate) takes the default action: the run that is kept is the one still alive. A dump there would
            // be held and dropped with the run, and QUIT's default would end it: it is let pass.
            if (handler == Dump) context.Cancel = true;
            return;
        }
        context.Cancel = true;
        lock (_pending)
        {
            if (_thread is null)
            {
                _thread = new Thread(Dispatch, 1 << 20) { IsBackground = true, Name = "Signal Dispatcher" };
                _thread.Start();
            }
        }
        _pending.Add((int)context.Signal);
    }

    private long HandlerOf(int signal)
    {
        lock (_installed) return _installed.TryGetValue(signal, out var installed) ? installed.Handler : Default;
    }

    /// <summary>The dispatcher thread: a daemon Java thread in the system group that hands each signal to Java.</summary>
    private void Dispatch()
    {
        JThread t;
        JMethod dispatch;
        try
        {
            t = vm.NewThread();
            t.Attach(1 << 20);
            var signalClass = vm.BootClass("jdk/internal/misc/Signal");
            dispatch = signalClass.DeclaredMethod("dispatch", "(I)V")!;
            var main = vm.MainThreadGroup!;
            var group = vm.GetField(main, "parent").R ?? main;
            vm.AttachThreadObject(t, group, "Signal Dispatcher", daemon: true);
            // HotSpot's NearMaxPriority, which the handler threads inherit.
            vm.SetField(t.JavaThread!, vm.BootClass("java/lang/Thread"), "priority", Slot.OfInt(9));
        }
        catch (Exception e)
        {
            // Without its Thread, Signal.dispatch cannot make the handler's thread: signals stay unhandled (cancelled).
            Console.Error.WriteLine($"nido: the Signal Dispatcher thread could not start: {e.Message}");
            return;
        }
        foreach (var signal in _pending.GetConsumingEnumerable())
        {
            try
            {
                if (signal == Signals.SIGQUIT && HandlerOf(signal) == Dump) ThreadDump.Print(vm);
                else t.Invoke(dispatch, Slot.OfInt(signal));
            }
            catch (JavaThrow e)
            {
                vm.DispatchUncaught(t, e.Throwable);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"nido: signal {signal}: {e.Message}");
            }
        }
    }
}
