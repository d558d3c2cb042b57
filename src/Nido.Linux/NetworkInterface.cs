namespace Nido.Linux;

/// <summary>Host network interfaces by name, through the SIOC* ioctls on a throwaway socket (the calling thread's namespace).</summary>
public static class NetworkInterface
{
    /// <summary>The interface's index, or 0 when no interface has that name.</summary>
    public static unsafe int IndexOf(string name)
    {
        var req = Request(name);
        using var sock = Socket();
        if (Interop.ioctl(sock, Interop.SIOCGIFINDEX, (nint)(&req)) < 0)
        {
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == (int)Errno.ENODEV) return 0;
            Errors.Throw("ioctl", $"SIOCGIFINDEX {name}");
        }
        return req.ifr_ifindex;
    }

    public static bool Exists(string name) => IndexOf(name) != 0;

    /// <summary>Sets or clears IFF_UP.</summary>
    public static unsafe void SetUp(string name, bool up = true)
    {
        var req = Request(name);
        using var sock = Socket();
        Ioctl.Call(sock, Interop.SIOCGIFFLAGS, (nint)(&req), $"SIOCGIFFLAGS {name}");
        req.ifr_flags = (short)(up ? req.ifr_flags | Interop.IFF_UP : req.ifr_flags & ~Interop.IFF_UP);
        Ioctl.Call(sock, Interop.SIOCSIFFLAGS, (nint)(&req), $"SIOCSIFFLAGS {name}");
    }

    internal static unsafe Interop.IfReq Request(string name)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(name);
        if (bytes.Length == 0 || bytes.Length >= Interop.IFNAMSIZ)
            throw new ArgumentException($"interface name \"{name}\" must be 1 to {Interop.IFNAMSIZ - 1} bytes", nameof(name));
        var req = new Interop.IfReq();
        for (var i = 0; i < bytes.Length; i++) req.ifr_name[i] = bytes[i];
        return req;
    }

    private static SafeFdHandle Socket() =>
        Errors.CheckFd(Interop.socket(Interop.AF_INET, Interop.SOCK_DGRAM | Interop.SOCK_CLOEXEC, 0), "socket", "AF_INET");
}
