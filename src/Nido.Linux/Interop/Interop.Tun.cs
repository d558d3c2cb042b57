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
    }
}

internal static partial class Interop
{
    internal const uint SIOCGIFFLAGS = 0x8913, SIOCSIFFLAGS = 0x8914;
    internal const short IFF_UP = 0x1;
    internal const int AF_INET = 2;

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);
}
