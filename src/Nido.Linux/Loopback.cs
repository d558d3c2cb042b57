namespace Nido.Linux;

/// <summary>Brings up "lo" in a network namespace, as Docker does for --network none (a fresh namespace has it down).</summary>
public static class Loopback
{
    /// <summary>setns(CLONE_NEWNET) affects only the calling thread, so a throwaway thread enters the namespace.</summary>
    public static void BringUp(string netnsPath)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { Up(netnsPath); }
            catch (Exception e) { error = e; }
        });
        thread.Start();
        thread.Join();
        if (error is not null) throw error;
    }

    private static unsafe void Up(string netnsPath)
    {
        using (var ns = FileIo.Open(netnsPath, FileIo.O_RDONLY)) Namespaces.Join(ns, NamespaceFlags.Net);
        using var sock = Errors.CheckFd(Interop.socket(Interop.AF_INET, Interop.SOCK_DGRAM | Interop.SOCK_CLOEXEC, 0), "socket", "AF_INET");
        var req = new Interop.IfReq();
        req.ifr_name[0] = (byte)'l';
        req.ifr_name[1] = (byte)'o';
        Ioctl.Call(sock, Interop.SIOCGIFFLAGS, (nint)(&req), "SIOCGIFFLAGS(lo)");
        req.ifr_flags |= Interop.IFF_UP;
        Ioctl.Call(sock, Interop.SIOCSIFFLAGS, (nint)(&req), "SIOCSIFFLAGS(lo)");
    }
}
