using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    internal const uint TUNSETIFF = 0x400454ca, TUNSETPERSIST = 0x400454cb, TUNSETOFFLOAD = 0x400454d0;
    internal const uint TUNSETVNETHDRSZ = 0x400454d8, TUNGETIFF = 0x800454d2;
    internal const short IFF_TUN = 0x0001, IFF_TAP = 0x0002, IFF_NO_PI = 0x1000, IFF_VNET_HDR = 0x4000;
    internal const int IFNAMSIZ = 16;

    /// <summary>struct ifreq as TUNSETIFF reads it: the name, then the flags (the union is 24 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 40)]
    internal unsafe struct IfReq
    {
        [FieldOffset(0)] public fixed byte ifr_name[IFNAMSIZ];
        [FieldOffset(16)] public short ifr_flags;
        [FieldOffset(16)] public int ifr_ifindex;
    }
}

internal static partial class Interop
{
    internal const uint SIOCGIFFLAGS = 0x8913, SIOCSIFFLAGS = 0x8914, SIOCGIFINDEX = 0x8933;
    internal const short IFF_UP = 0x1, IFF_LOOPBACK = 0x8;
    internal const int AF_INET = 2, AF_PACKET = 17, SOCK_RAW = 3;

    /// <summary>struct sockaddr_ll (20 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct SockAddrLl
    {
        public ushort sll_family;
        public ushort sll_protocol;
        public int sll_ifindex;
        public ushort sll_hatype;
        public byte sll_pkttype;
        public byte sll_halen;
        public fixed byte sll_addr[8];
    }

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int bind(SafeFdHandle fd, void* addr, uint length);
}
