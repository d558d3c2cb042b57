namespace Nido.Linux;

/// <summary>TUNSETOFFLOAD bits: what the TAP may hand the reader still unsegmented or without a checksum.</summary>
[Flags]
public enum TapOffloads : uint
{
    None = 0, Checksum = 0x01, Tso4 = 0x02, Tso6 = 0x04, TsoEcn = 0x08, Ufo = 0x10,
}

/// <summary>A TAP (layer-2) or TUN interface fd from /dev/net/tun; the interface lives as long as the fd unless made persistent.</summary>
public sealed record Tap(SafeFdHandle Handle, string Name) : IDisposable
{
    /// <summary>Creates or attaches to <paramref name="name"/> ("nido%d" lets the kernel number it).</summary>
    public static unsafe Tap Open(string name = "nido%d", bool tun = false, bool vnetHeader = false)
    {
        var req = NetworkInterface.Request(name);
        var fd = FileIo.Open("/dev/net/tun", FileIo.O_RDWR);
        try
        {
            req.ifr_flags = (short)((tun ? Interop.IFF_TUN : Interop.IFF_TAP) | Interop.IFF_NO_PI | (vnetHeader ? Interop.IFF_VNET_HDR : 0));
            Ioctl.Call(fd, Interop.TUNSETIFF, ref req, $"TUNSETIFF {name}");
            return new Tap(fd, new string((sbyte*)req.ifr_name));
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>Keeps the interface after the fd closes (or stops keeping it).</summary>
    public void SetPersistent(bool value) => Ioctl.Call(Handle, Interop.TUNSETPERSIST, value ? 1 : 0, $"TUNSETPERSIST {Name}");

    public void SetVnetHeaderSize(int size) => Ioctl.Call(Handle, Interop.TUNSETVNETHDRSZ, ref size, $"TUNSETVNETHDRSZ {Name}");

    public void SetOffloads(TapOffloads offloads) => Ioctl.Call(Handle, Interop.TUNSETOFFLOAD, (nint)offloads, $"TUNSETOFFLOAD {Name}");

    public void Dispose() => Handle.Dispose();
}
