namespace Nido.Linux;

/// <summary>socketpair and SCM_RIGHTS descriptor passing (console sockets, fd hand-off between runtime processes).</summary>
public static class UnixSockets
{
    private const int MaxFds = 253; // SCM_MAX_FD

    public static unsafe (SafeFdHandle, SafeFdHandle) SocketPair(bool datagram = false)
    {
        int* sv = stackalloc int[2];
        var type = (datagram ? Interop.SOCK_DGRAM : Interop.SOCK_STREAM) | Interop.SOCK_CLOEXEC;
        Errors.Check(Interop.socketpair(Interop.AF_UNIX, type, 0, sv), "socketpair");
        return (new SafeFdHandle(sv[0]), new SafeFdHandle(sv[1]));
    }

    /// <summary>Sends <paramref name="payload"/> (at least one byte: the kernel drops rights on empty messages) with the descriptors attached.</summary>
    public static unsafe void SendFds(SafeFdHandle socket, ReadOnlySpan<byte> payload, ReadOnlySpan<SafeFdHandle> fds)
    {
        if (payload.IsEmpty) throw new ArgumentException("SCM_RIGHTS needs a non-empty payload", nameof(payload));
        if (fds.Length is 0 or > MaxFds) throw new ArgumentException($"between 1 and {MaxFds} descriptors can be sent", nameof(fds));
        var dataLen = fds.Length * sizeof(int);
        var space = CmsgSpace(dataLen);
        var control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        var cmsg = (Interop.CmsgHdr*)control;
        cmsg->cmsg_len = (nuint)(sizeof(Interop.CmsgHdr) + dataLen);
        cmsg->cmsg_level = Interop.SOL_SOCKET;
        cmsg->cmsg_type = Interop.SCM_RIGHTS;
        var slots = (int*)(control + sizeof(Interop.CmsgHdr));
        var refs = new bool[fds.Length];
        try
        {
            for (var i = 0; i < fds.Length; i++)
            {
                fds[i].DangerousAddRef(ref refs[i]);
                slots[i] = fds[i].Fd;
            }
            fixed (byte* data = payload)
            {
                var iov = new Interop.IoVec { iov_base = data, iov_len = (nuint)payload.Length };
                var msg = new Interop.MsgHdr { msg_iov = &iov, msg_iovlen = 1, msg_control = control, msg_controllen = (nuint)space };
                Errors.Check(Interop.sendmsg(socket, &msg, Interop.MSG_NOSIGNAL), "sendmsg", $"{socket}, SCM_RIGHTS ×{fds.Length}");
            }
        }
        finally
        {
            for (var i = 0; i < fds.Length; i++) if (refs[i]) fds[i].DangerousRelease();
        }
    }

    /// <summary>Receives one message; returns the payload length and the descriptors that came with it (close-on-exec).</summary>
    public static unsafe (int Length, SafeFdHandle[] Fds) ReceiveFds(SafeFdHandle socket, Span<byte> buffer, int maxFds = 16)
    {
        maxFds = Math.Clamp(maxFds, 1, MaxFds);
        var space = CmsgSpace(maxFds * sizeof(int));
        var control = stackalloc byte[space];
        nint n;
        Interop.MsgHdr msg;
        fixed (byte* data = buffer)
        {
            var iov = new Interop.IoVec { iov_base = data, iov_len = (nuint)buffer.Length };
            msg = new Interop.MsgHdr { msg_iov = &iov, msg_iovlen = 1, msg_control = control, msg_controllen = (nuint)space };
            n = Errors.Check(Interop.recvmsg(socket, &msg, Interop.MSG_CMSG_CLOEXEC), "recvmsg", socket.ToString());
        }
        var received = new List<SafeFdHandle>();
        var offset = 0;
        while (offset + sizeof(Interop.CmsgHdr) <= (int)msg.msg_controllen)
        {
            var cmsg = (Interop.CmsgHdr*)(control + offset);
            if (cmsg->cmsg_len < (nuint)sizeof(Interop.CmsgHdr)) break;
            if (cmsg->cmsg_level == Interop.SOL_SOCKET && cmsg->cmsg_type == Interop.SCM_RIGHTS)
            {
                var count = ((int)cmsg->cmsg_len - sizeof(Interop.CmsgHdr)) / sizeof(int);
                var slots = (int*)((byte*)cmsg + sizeof(Interop.CmsgHdr));
                for (var i = 0; i < count; i++) received.Add(new SafeFdHandle(slots[i]));
            }
            offset += Align((int)cmsg->cmsg_len);
        }
        return ((int)n, received.ToArray());
    }

    private static int Align(int len) => (len + 7) & ~7;

    private static unsafe int CmsgSpace(int dataLen) => Align(sizeof(Interop.CmsgHdr)) + Align(dataLen);
}
