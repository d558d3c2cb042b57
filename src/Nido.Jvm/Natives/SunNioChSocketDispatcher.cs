using Nido.Jvm.Runtime;
using Nido.Linux;
using static Nido.Jvm.Natives.InetSupport;

namespace Nido.Jvm.Natives;

/// <summary>
/// sun.nio.ch.SocketDispatcher's reads (writes go through FileDispatcherImpl): a reset connection is
/// sun.net.ConnectionResetException, which NioSocketImpl reports as "Connection reset".
/// </summary>
internal static class SunNioChSocketDispatcher
{
    private const string C = "sun/nio/ch/SocketDispatcher";
    private const string Fd = "Ljava/io/FileDescriptor;";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "read0", $"({Fd}JI)I", static (t, a) =>
            Slot.OfInt(Status(t, Reset(t, FileIo.TryRead(Fd(t, a[0]), (nint)a[1].J, a[3].I)), reading: true)));
        r.Add(C, "readv0", $"({Fd}JI)J", static (t, a) =>
            Slot.OfLong(StatusLong(t, Reset(t, FileIo.TryReadVector(Fd(t, a[0]), (nint)a[1].J, a[3].I)), reading: true)));
    }

    private static long Reset(JThread t, long n) =>
        n == -(int)Errno.ECONNRESET ? throw t.Vm.Throw("sun/net/ConnectionResetException", "Connection reset") : n;
}
