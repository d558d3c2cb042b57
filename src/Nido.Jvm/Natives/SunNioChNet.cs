using System.Buffers.Binary;
using Nido.Jvm.Runtime;
using Nido.Linux;
using static Nido.Jvm.Natives.InetSupport;

namespace Nido.Jvm.Natives;

/// <summary>
/// sun.nio.ch.Net: the socket calls under NIO's channels and java.net's NioSocketImpl (IPv4). Blocking calls are
/// made on the socket itself and end with EINTR when a closing thread signals this one (NativeThread), which
/// the Java code sees as IOStatus.INTERRUPTED and answers by checking whether the channel is still open.
/// </summary>
internal static class SunNioChNet
{
    private const string C = "sun/nio/ch/Net";
    private const string Fd = "Ljava/io/FileDescriptor;";
    private const int IpAddMembership = 35, IpDropMembership = 36, IpUnblockSource = 37, IpBlockSource = 38,
        IpAddSourceMembership = 39, IpDropSourceMembership = 40;

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "initIDs", "()V", static (t, a) => default);
        r.Add(C, "isIPv6Available0", "()Z", static (t, a) => Slot.OfBool(false));
        r.Add(C, "isReusePortAvailable0", "()Z", static (t, a) => Slot.OfBool(true));
        r.Add(C, "isExclusiveBindAvailable", "()I", static (t, a) => Slot.OfInt(-1));
        r.Add(C, "shouldSetBothIPv4AndIPv6Options0", "()Z", static (t, a) => Slot.OfBool(true));
        r.Add(C, "canIPv6SocketJoinIPv4Group0", "()Z", static (t, a) => Slot.OfBool(false));
        r.Add(C, "canJoin6WithIPv4Group0", "()Z", static (t, a) => Slot.OfBool(false));
        r.Add(C, "canUseIPv6OptionsWithIPv4LocalAddress0", "()Z", static (t, a) => Slot.OfBool(false));
        r.Add(C, "pollinValue", "()S", static (t, a) => Slot.OfInt(InetSockets.POLLIN));
        r.Add(C, "polloutValue", "()S", static (t, a) => Slot.OfInt(InetSockets.POLLOUT));
        r.Add(C, "pollerrValue", "()S", static (t, a) => Slot.OfInt(InetSockets.POLLERR));
        r.Add(C, "pollhupValue", "()S", static (t, a) => Slot.OfInt(InetSockets.POLLHUP));
        r.Add(C, "pollnvalValue", "()S", static (t, a) => Slot.OfInt(InetSockets.POLLNVAL));
        r.Add(C, "pollconnValue", "()S", static (t, a) => Slot.OfInt(InetSockets.POLLOUT));

        r.Add(C, "socket0", "(ZZZZ)I", static (t, a) =>
        {
            var stream = a[1].I != 0;
            var s = InetSockets.Create(InetSockets.AF_INET, stream ? InetSockets.SOCK_STREAM : InetSockets.SOCK_DGRAM, out var errno)
                ?? throw SocketError(t, errno);
            if (a[2].I != 0 && InetSockets.SetOption(s, InetSockets.SOL_SOCKET, InetSockets.SO_REUSEADDR, 1) is < 0 and var e1)
            {
                s.Dispose();
                throw t.Vm.Throw("java/net/SocketException", Text(-e1));
            }
            // A datagram socket receives only the multicast groups it joined (Linux delivers all by default).
            if (!stream) InetSockets.SetOption(s, InetSockets.IPPROTO_IP, InetSockets.IP_MULTICAST_ALL, 0);
            return Slot.OfInt(FileDescriptors.Add(s));
        });
        r.Add(C, "bind0", $"({Fd}ZZLjava/net/InetAddress;I)V", static (t, a) =>
        {
            Check(t, InetSockets.Bind(Fd(t, a[0]), Endpoint(t, a[3].R, a[4].I)));
            return default;
        });
        r.Add(C, "listen", $"({Fd}I)V", static (t, a) =>
        {
            Check(t, InetSockets.Listen(Fd(t, a[0]), a[1].I));
            return default;
        });
        r.Add(C, "connect0", $"(Z{Fd}Ljava/net/InetAddress;I)I", static (t, a) =>
        {
            var rc = InetSockets.Connect(Fd(t, a[1]), Endpoint(t, a[2].R, a[3].I));
            return Slot.OfInt(rc switch
            {
                0 => 1,
                -(int)Errno.EINPROGRESS => Unavailable,
                -(int)Errno.EINTR => Interrupted,
                _ => throw SocketError(t, -rc),
            });
        });
        r.Add(C, "accept", $"({Fd}{Fd}[Ljava/net/InetSocketAddress;)I", static (t, a) =>
        {
            var s = InetSockets.Accept(Fd(t, a[0]), out var peer, out var errno);
            if (s is null)
                return Slot.OfInt(errno switch
                {
                    (int)Errno.EAGAIN => Unavailable,
                    (int)Errno.EINTR => Interrupted,
                    _ => throw t.Vm.Throw("java/io/IOException", Text(errno)),
                });
            var fd = FileDescriptors.Add(s);
            t.Vm.SetField(a[1].R!, a[1].R!.Class, "fd", Slot.OfInt(fd));
            var address = NewInet4Address(t, null, peer.Address);
            ((JArray<JObject?>)a[2].R!).Data[0] = NewInetSocketAddress(t, address, peer.Port);
            return Slot.OfInt(1);
        });
        r.Add(C, "shutdown", $"({Fd}I)V", static (t, a) =>
        {
            var rc = InetSockets.Shutdown(Fd(t, a[0]), a[1].I);
            if (rc < 0 && rc != -(int)Errno.ENOTCONN) throw SocketError(t, -rc);
            return default;
        });
        r.Add(C, "localPort", $"({Fd})I", static (t, a) => Slot.OfInt(Local(t, a[0]).Port));
        r.Add(C, "localInetAddress", $"({Fd})Ljava/net/InetAddress;", static (t, a) => Slot.OfRef(NewInet4Address(t, null, Local(t, a[0]).Address)));
        r.Add(C, "remotePort", $"({Fd})I", static (t, a) => Slot.OfInt(Remote(t, a[0]).Port));
        r.Add(C, "remoteInetAddress", $"({Fd})Ljava/net/InetAddress;", static (t, a) => Slot.OfRef(NewInet4Address(t, null, Remote(t, a[0]).Address)));
        r.Add(C, "getIntOption0", $"({Fd}ZII)I", static (t, a) =>
        {
            Check(t, InetSockets.GetOption(Fd(t, a[0]), a[2].I, a[3].I, out var value));
            return Slot.OfInt(value);
        });
        r.Add(C, "setIntOption0", $"({Fd}ZIIIZ)V", static (t, a) =>
        {
            Check(t, InetSockets.SetOption(Fd(t, a[0]), a[2].I, a[3].I, a[4].I));
            return default;
        });
        r.Add(C, "poll", $"({Fd}IJ)I", static (t, a) =>
        {
            var rc = InetSockets.Poll(Fd(t, a[0]), (short)a[1].I, (int)Math.Clamp(a[2].J, -1, int.MaxValue));
            if (rc == -(int)Errno.EINTR) return Slot.OfInt(0);
            if (rc < 0) throw t.Vm.Throw("java/io/IOException", Text(-rc));
            return Slot.OfInt(rc);
        });
        r.Add(C, "pollConnect", $"({Fd}J)Z", static (t, a) =>
        {
            var fd = Fd(t, a[0]);
            var rc = InetSockets.Poll(fd, InetSockets.POLLOUT, (int)Math.Clamp(a[1].J, -1, int.MaxValue));
            if (rc == 0 || rc == -(int)Errno.EINTR) return Slot.OfBool(false);
            if (rc < 0) throw t.Vm.Throw("java/io/IOException", Text(-rc));
            Check(t, InetSockets.GetOption(fd, InetSockets.SOL_SOCKET, InetSockets.SO_ERROR, out var error));
            if (error != 0) throw SocketError(t, error);
            return Slot.OfBool(true);
        });
        r.Add(C, "available", $"({Fd})I", static (t, a) =>
        {
            Check(t, InetSockets.Available(Fd(t, a[0]), out var count));
            return Slot.OfInt(count);
        });
        r.Add(C, "sendOOB", $"({Fd}B)I", static (t, a) =>
            Slot.OfInt(Status(t, InetSockets.Send(Fd(t, a[0]), [(byte)a[1].I], InetSockets.MSG_OOB), reading: false)));
        r.Add(C, "discardOOB", $"({Fd})Z", static (t, a) =>
        {
            var fd = Fd(t, a[0]);
            Span<byte> buffer = stackalloc byte[8];
            var discarded = false;
            while (true)
            {
                var n = InetSockets.Receive(fd, buffer, InetSockets.MSG_OOB | InetSockets.MSG_DONTWAIT);
                if (n > 0) { discarded = true; continue; }
                if (n == 0 || n == -(int)Errno.EAGAIN || n == -(int)Errno.EINVAL) return Slot.OfBool(discarded);
                if (n != -(int)Errno.EINTR) throw SocketError(t, (int)-n);
            }
        });
        r.Add(C, "joinOrDrop4", $"(Z{Fd}III)I", static (t, a) =>
        {
            var join = a[0].I != 0;
            var source = a[4].I;
            var option = source == 0 ? (join ? IpAddMembership : IpDropMembership) : (join ? IpAddSourceMembership : IpDropSourceMembership);
            var rc = InetSockets.SetOption(Fd(t, a[1]), InetSockets.IPPROTO_IP, option, Membership(a[2].I, a[3].I, source));
            if (rc < 0 && join && rc is -(int)Errno.ENOPROTOOPT or -(int)Errno.EOPNOTSUPP) return Slot.OfInt(Unavailable);
            Check(t, rc);
            return Slot.OfInt(0);
        });
        r.Add(C, "blockOrUnblock4", $"(Z{Fd}III)I", static (t, a) =>
        {
            var rc = InetSockets.SetOption(Fd(t, a[1]), InetSockets.IPPROTO_IP, a[0].I != 0 ? IpBlockSource : IpUnblockSource,
                Membership(a[2].I, a[3].I, a[4].I));
            if (rc < 0 && a[0].I != 0 && rc is -(int)Errno.ENOPROTOOPT or -(int)Errno.EOPNOTSUPP) return Slot.OfInt(Unavailable);
            Check(t, rc);
            return Slot.OfInt(0);
        });
        r.Add(C, "setInterface4", $"({Fd}I)V", static (t, a) =>
        {
            Span<byte> inAddr = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(inAddr, a[1].I);
            Check(t, InetSockets.SetOption(Fd(t, a[0]), InetSockets.IPPROTO_IP, InetSockets.IP_MULTICAST_IF, inAddr));
            return default;
        });
        r.Add(C, "getInterface4", $"({Fd})I", static (t, a) =>
        {
            Span<byte> inAddr = stackalloc byte[4];
            Check(t, InetSockets.GetOption(Fd(t, a[0]), InetSockets.IPPROTO_IP, InetSockets.IP_MULTICAST_IF, inAddr, out _));
            return Slot.OfInt(BinaryPrimitives.ReadInt32BigEndian(inAddr));
        });
        // An array, not a span of tuples (as in SunNioChNativeSocketAddress).
        foreach (var (name, descriptor) in new (string, string)[] { ("joinOrDrop6", $"(Z{Fd}[BI[B)I"), ("blockOrUnblock6", $"(Z{Fd}[BI[B)I"),
                     ("setInterface6", $"({Fd}I)V"), ("getInterface6", $"({Fd})I") })
            r.Add(C, name, descriptor, static (t, a) => throw t.Vm.Throw("java/net/SocketException", "Protocol family unavailable"));
    }

    /// <summary>struct ip_mreq (group, interface) or ip_mreq_source (group, interface, source): addresses in network order.</summary>
    private static byte[] Membership(int group, int itf, int source)
    {
        var b = new byte[source == 0 ? 8 : 12];
        BinaryPrimitives.WriteInt32BigEndian(b, group);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), itf);
        if (source != 0) BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(8), source);
        return b;
    }

    private static Inet4Endpoint Local(JThread t, Slot fd)
    {
        Check(t, InetSockets.LocalEndpoint(Fd(t, fd), out var e));
        return e;
    }

    private static Inet4Endpoint Remote(JThread t, Slot fd)
    {
        Check(t, InetSockets.RemoteEndpoint(Fd(t, fd), out var e));
        return e;
    }
}
