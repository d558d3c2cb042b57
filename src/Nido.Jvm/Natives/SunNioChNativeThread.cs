using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// sun.nio.ch.NativeThread: the VM does not signal threads out of blocking I/O, which the class documents as
/// current() returning -1 and signal() doing nothing.
/// </summary>
internal static class SunNioChNativeThread
{
    private const string C = "sun/nio/ch/NativeThread";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "init", "()V", static (t, a) => default);
        r.Add(C, "supportPendingSignals0", "()Z", static (t, a) => Slot.OfBool(false));
        r.Add(C, "current", "()J", static (t, a) => Slot.OfLong(-1));
        r.Add(C, "signal", "(J)V", static (t, a) => default);
    }
}
