using Nido.Jvm.Runtime;
using Nido.Linux;
using static Nido.Jvm.Natives.InetSupport;

namespace Nido.Jvm.Natives;

/// <summary>sun.nio.ch.DatagramDispatcher: reads and writes on a connected datagram socket; ECONNREFUSED is PortUnreachableException.</summary>
internal static class SunNioChDatagramDispatcher
{
    private const string C = "sun/nio/ch/DatagramDispatcher";
    private const string Fd = "Ljava/io/FileDescriptor;";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "read0", $"({Fd}JI)I", static (t, a) =>
            Slot.OfInt(Status(t, Refused(t, FileIo.TryRead(Fd(t, a[0]), (nint)a[1].J, a[3].I)), reading: true)));
        r.Add(C, "readv0", $"({Fd}JI)J", static (t, a) =>
            Slot.OfLong(StatusLong(t, Refused(t, FileIo.TryReadVector(Fd(t, a[0]), (nint)a[1].J, a[3].I)), reading: true)));
        r.Add(C, "write0", $"({Fd}JI)I", static (t, a) =>
            Slot.OfInt(Status(t, Refused(t, FileIo.TryWrite(Fd(t, a[0]), (nint)a[1].J, a[3].I)), reading: false)));
        r.Add(C, "writev0", $"({Fd}JI)J", static (t, a) =>
            Slot.OfLong(StatusLong(t, Refused(t, FileIo.TryWriteVector(Fd(t, a[0]), (nint)a[1].J, a[3].I)), reading: false)));
    }

    internal static long Refused(JThread t, long n) =>
        n == -(int)Errno.ECONNREFUSED ? throw t.Vm.Throw("java/net/PortUnreachableException", null) : n;
}
