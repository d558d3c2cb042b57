using Nido.Jvm.Runtime;
using Nido.Linux;
using static Nido.Jvm.Natives.InetSupport;

namespace Nido.Jvm.Natives;

/// <summary>
/// sun.nio.ch.DatagramChannelImpl: receive and send with the peer's sockaddr in native memory that
/// NativeSocketAddress lays out, and disconnect.
/// </summary>
internal static class SunNioChDatagramChannelImpl
{
    private const string C = "sun/nio/ch/DatagramChannelImpl";
    private const string Fd = "Ljava/io/FileDescriptor;";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "receive0", $"({Fd}JIJZ)I", static (t, a) =>
        {
            var fd = Fd(t, a[0]);
            while (true)
            {
                var n = InetSockets.ReceiveFrom(fd, (nint)a[1].J, a[3].I, (nint)a[4].J, SunNioChNativeSocketAddress.Size);
                // An ICMP port-unreachable for an earlier send: only a connected socket reports it.
                if (n == -(int)Errno.ECONNREFUSED && a[6].I == 0) continue;
                return Slot.OfInt(Result(t, n));
            }
        });
        r.Add(C, "send0", $"({Fd}JIJI)I", static (t, a) =>
            Slot.OfInt(Result(t, InetSockets.SendTo(Fd(t, a[0]), (nint)a[1].J, a[3].I, (nint)a[4].J, a[6].I))));
        r.Add(C, "disconnect0", $"({Fd}Z)V", static (t, a) =>
        {
            var rc = InetSockets.Disconnect(Fd(t, a[0]));
            if (rc < 0 && rc != -(int)Errno.EAFNOSUPPORT) throw SocketError(t, -rc);
            return default;
        });
    }

    /// <summary>A datagram receive's or send's bytes, or the IOStatus for EAGAIN/EINTR; an ICMP refusal is PortUnreachableException.</summary>
    private static int Result(JThread t, long n) => n switch
    {
        >= 0 => (int)n,
        -(int)Errno.EAGAIN => Unavailable,
        -(int)Errno.EINTR => Interrupted,
        -(int)Errno.ECONNREFUSED => throw t.Vm.Throw("java/net/PortUnreachableException", null),
        _ => throw SocketError(t, (int)-n),
    };
}
