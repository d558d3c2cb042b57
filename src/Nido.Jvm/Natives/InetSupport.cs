using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// What the networking natives share, as libnet's and libnio's helpers: errno to exception class
/// (handleSocketError), results to IOStatus codes (convertReturnVal), and java.net.InetAddress objects to and from
/// IPv4 endpoints. The VM offers IPv4 only (InetAddressImplFactory.isIPv6Supported is false), so an Inet6Address
/// destination is "Protocol family unavailable", as libnet says on a host without IPv6.
/// </summary>
internal static class InetSupport
{
    /// <summary>sun.nio.ch.IOStatus.</summary>
    public const int Eof = -1, Unavailable = -2, Interrupted = -3, Thrown = -5;

    public static SafeFdHandle Fd(JThread t, Slot fileDescriptor) =>
        FileDescriptors.Get(FileDescriptors.Of(t.Vm, fileDescriptor.R ?? throw t.Vm.Throw("java/lang/NullPointerException", null)));

    /// <summary>libnio's handleSocketError: the exception for a failed socket call, with the C library's text.</summary>
    public static JavaThrow SocketError(JThread t, int errno)
    {
        var name = (Errno)errno switch
        {
            Errno.EPROTO => "java/net/ProtocolException",
            Errno.ECONNREFUSED or Errno.ETIMEDOUT or Errno.ENOTCONN => "java/net/ConnectException",
            Errno.EHOSTUNREACH => "java/net/NoRouteToHostException",
            Errno.EADDRINUSE or Errno.EADDRNOTAVAIL or Errno.EACCES => "java/net/BindException",
            _ => "java/net/SocketException",
        };
        return t.Vm.Throw(name, Text(errno));
    }

    public static string Text(int errno) => System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>Throws for a negative (errno) result of a call whose success is 0.</summary>
    public static void Check(JThread t, int rc)
    {
        if (rc < 0) throw SocketError(t, -rc);
    }

    /// <summary>libnio's convertReturnVal: bytes, EOF for a read of 0, or the IOStatus for EAGAIN/EINTR; else an IOException.</summary>
    public static int Status(JThread t, long n, bool reading)
    {
        if (n > 0) return (int)n;
        if (n == 0) return reading ? Eof : 0;
        return -n switch
        {
            (int)Errno.EAGAIN => Unavailable,
            (int)Errno.EINTR => Interrupted,
            var e => throw t.Vm.Throw("java/io/IOException", Text((int)e)),
        };
    }

    /// <summary>The same for the vectored calls, which return longs.</summary>
    public static long StatusLong(JThread t, long n, bool reading) => n > int.MaxValue ? n : Status(t, n, reading);

    /// <summary>The IPv4 address (host order) in a java.net.InetAddress.</summary>
    public static int Address(JThread t, JObject? inetAddress)
    {
        if (inetAddress is null) throw t.Vm.Throw("java/lang/NullPointerException", null);
        return TryAddress(t.Vm, inetAddress, out var address) ? address
            : throw t.Vm.Throw("java/net/SocketException", "Protocol family unavailable");
    }

    /// <summary>The IPv4 address in an InetAddress's holder; false for an IPv6 one.</summary>
    public static bool TryAddress(JavaVm vm, JObject inetAddress, out int address)
    {
        var holder = vm.GetField(inetAddress, "holder").R!;
        var ipv4 = vm.GetField(holder, "family").I == 1; // InetAddress.IPv4
        address = ipv4 ? vm.GetField(holder, "address").I : 0;
        return ipv4;
    }

    public static Inet4Endpoint Endpoint(JThread t, JObject? inetAddress, int port) => new(Address(t, inetAddress), port);

    /// <summary>new Inet4Address(host, address).</summary>
    public static JObject NewInet4Address(JThread t, string? host, int address)
    {
        var vm = t.Vm;
        var c = vm.BootClass("java/net/Inet4Address");
        vm.EnsureInitialized(t, c);
        var o = vm.NewObject(c);
        t.Invoke(c.DeclaredMethod("<init>", "(Ljava/lang/String;I)V")!, Slot.OfRef(o), Slot.OfRef(host is null ? null : vm.NewString(host)), Slot.OfInt(address));
        return o;
    }

    /// <summary>new InetSocketAddress(address, port).</summary>
    public static JObject NewInetSocketAddress(JThread t, JObject address, int port)
    {
        var vm = t.Vm;
        var c = vm.BootClass("java/net/InetSocketAddress");
        vm.EnsureInitialized(t, c);
        var o = vm.NewObject(c);
        t.Invoke(c.DeclaredMethod("<init>", "(Ljava/net/InetAddress;I)V")!, Slot.OfRef(o), Slot.OfRef(address), Slot.OfInt(port));
        return o;
    }
}
