using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>sun.nio.ch.PollSelectorImpl (-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.PollSelectorProvider): poll over Java's pollfd array.</summary>
internal static class SunNioChPollSelectorImpl
{
    public static void Register(NativeRegistry r) =>
        r.Add("sun/nio/ch/PollSelectorImpl", "poll", "(JII)I", static (t, a) =>
        {
            var n = InetSockets.Poll((nint)a[0].J, a[2].I, a[3].I); // the long takes two slots
            if (n == -(int)Errno.EINTR) return Slot.OfInt(InetSupport.Interrupted);
            if (n < 0) throw t.Vm.Throw("java/io/IOException", InetSupport.Text(-n));
            return Slot.OfInt(n);
        });
}
