namespace Nido.Linux;

/// <summary>A TAP (layer-2) or TUN interface fd from /dev/net/tun; the interface lives as long as the fd unless made persistent.</summary>
public sealed record Tap(SafeFdHandle Handle, string Name) : IDisposable
{
    /// <summary>Creates or attaches to <paramref name="name"/> ("nido%d" lets the kernel number it).</summary>
    public static unsafe Tap Open(string name = "nido%d", bool tun = false, bool vnetHeader = false)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(name);
        if (bytes.Length >= Interop.IFNAMSIZ) throw new ArgumentException($"interface name \"{name}\" is longer than {Interop.IFNAMSIZ - 1} bytes", nameof(name));
        var fd = FileIo.Open("/dev/net/tun", FileIo.O_RDWR);
        try
        {
            var req = new Interop.IfReq { ifr_flags = (short)((tun ? Interop.IFF_TUN : Interop.IFF_TAP) | Interop.IFF_NO_PI | (vnetHeader ? Interop.IFF_VNET_HDR : 0)) };
            for (var i = 0; i < bytes.Length; i++) req.ifr_name[i] = bytes[i];
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

    public void Dispose() => Handle.Dispose();
}
