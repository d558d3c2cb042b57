using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.net.InetAddress, Inet4Address, Inet6Address, DatagramPacket and InetAddressImplFactory: field-ID caches that need nothing
/// here, and the choice of the IPv4-only implementation (Inet4AddressImpl), as on a host without IPv6.
/// </summary>
internal static class JavaNetInetAddress
{
    public static void Register(NativeRegistry r)
    {
        r.Add("java/net/InetAddress", "init", "()V", static (t, a) => default);
        r.Add("java/net/Inet4Address", "init", "()V", static (t, a) => default);
        r.Add("java/net/Inet6Address", "init", "()V", static (t, a) => default);
        r.Add("java/net/DatagramPacket", "init", "()V", static (t, a) => default);
        r.Add("java/net/InetAddressImplFactory", "isIPv6Supported", "()Z", static (t, a) => Slot.OfBool(false));
    }
}
