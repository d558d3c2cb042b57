using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>sun.nio.ch.EventFD: the selector's wakeup counter (reset by IOUtil.drain, closed by closeIntFD).</summary>
internal static class SunNioChEventFD
{
    private const string C = "sun/nio/ch/EventFD";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "eventfd0", "()I", static (t, a) => Slot.OfInt(FileDescriptors.Add(new EventFd().Handle)), NativeRegistry.IOException);
        r.Add(C, "set0", "(I)I", static (t, a) =>
        {
            Span<byte> one = stackalloc byte[8];
            one[0] = 1;
            return Slot.OfInt(FileIo.Write(FileDescriptors.Get(a[0].I), one));
        }, NativeRegistry.IOException);
    }
}
