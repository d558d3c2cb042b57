using System.Buffers.Binary;
using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.net.Inet4AddressImpl: the host name, forward and reverse lookups through the C library's resolver
/// (getaddrinfo/getnameinfo: /etc/hosts, DNS, as configured), and isReachable by a TCP connection to the echo port
/// (refused counts as reachable), libnet's fallback when it cannot send ICMP.
/// </summary>
internal static class JavaNetInet4AddressImpl
{
    private const string C = "java/net/Inet4AddressImpl";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "getLocalHostName", "()Ljava/lang/String;", static (t, a) => Slot.OfRef(t.Vm.NewString(InetSockets.HostName())));
        r.Add(C, "lookupAllHostAddr", "(Ljava/lang/String;)[Ljava/net/InetAddress;", static (t, a) =>
        {
            var vm = t.Vm;
            var host = vm.StringOf(a[1].R) ?? throw vm.Throw("java/lang/NullPointerException", "host argument is null");
            var addresses = InetSockets.ResolveIPv4(host, out var error)
                ?? throw vm.Throw("java/net/UnknownHostException", $"{host}: {error}");
            if (addresses.Length == 0) throw vm.Throw("java/net/UnknownHostException", host);
            var array = (JArray<JObject?>)vm.NewArray(vm.BootClass("java/net/InetAddress"), addresses.Length);
            for (var i = 0; i < addresses.Length; i++) array.Data[i] = InetSupport.NewInet4Address(t, host, addresses[i]);
            return Slot.OfRef(array);
        });
        r.Add(C, "getHostByAddr", "([B)Ljava/lang/String;", static (t, a) =>
        {
            var bytes = (JArray<sbyte>)a[1].R!;
            if (bytes.Data.Length != 4) throw t.Vm.Throw("java/net/UnknownHostException", null);
            var address = BinaryPrimitives.ReadInt32BigEndian(System.Runtime.InteropServices.MemoryMarshal.AsBytes(bytes.Data.AsSpan()));
            var name = InetSockets.ReverseLookup(address) ?? throw t.Vm.Throw("java/net/UnknownHostException", null);
            return Slot.OfRef(t.Vm.NewString(name));
        });
        r.Add(C, "isReachable0", "([BI[BI)Z", static (t, a) =>
        {
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(((JArray<sbyte>)a[1].R!).Data.AsSpan());
            var target = new Inet4Endpoint(BinaryPrimitives.ReadInt32BigEndian(bytes), 7);
            using var s = InetSockets.Create(InetSockets.AF_INET, InetSockets.SOCK_STREAM, out var errno)
                ?? throw InetSupport.SocketError(t, errno);
            FileIo.SetNonBlocking(s, true);
            var rc = InetSockets.Connect(s, target);
            if (rc == 0 || rc == -(int)Errno.ECONNREFUSED) return Slot.OfBool(true);
            if (rc != -(int)Errno.EINPROGRESS) return Slot.OfBool(false);
            if (InetSockets.Poll(s, InetSockets.POLLOUT, a[2].I) <= 0) return Slot.OfBool(false);
            InetSockets.GetOption(s, InetSockets.SOL_SOCKET, InetSockets.SO_ERROR, out var error);
            return Slot.OfBool(error is 0 or (int)Errno.ECONNREFUSED);
        });
    }
}
