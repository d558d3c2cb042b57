using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// sun.nio.ch.NativeThread: a thread's pthread_t, and a signal that makes the blocking call it is in fail with
/// EINTR (<see cref="InterruptSignal"/>), which is how closing a socket or channel wakes the threads using it.
/// </summary>
internal static class SunNioChNativeThread
{
    private const string C = "sun/nio/ch/NativeThread";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "init", "()V", static (t, a) => default);
        r.Add(C, "current", "()J", static (t, a) => Slot.OfLong(InterruptSignal.CurrentThread()));
        r.Add(C, "signal", "(J)V", static (t, a) =>
        {
            InterruptSignal.Signal(a[0].J);
            return default;
        }, NativeRegistry.IOException);
    }
}
