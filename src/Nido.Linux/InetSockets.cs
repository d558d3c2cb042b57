using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>An IPv4 endpoint: the address as a host-order int (a.b.c.d = a &lt;&lt; 24 | …) and the port.</summary>
public readonly record struct Inet4Endpoint(int Address, int Port);

/// <summary>
/// IPv4 TCP and UDP sockets for the JVM's java.net and NIO natives. Unlike the rest of this library these calls
/// return a negative errno instead of throwing: the callers turn EAGAIN, EINTR, EINPROGRESS and ECONNREFUSED into
/// their own status codes and the rest into the exception class libnet would choose, with the C library's text
/// (<see cref="ErrnoException.Description"/> of the same errno). They never retry EINTR: a signal is how a closing
/// thread wakes one blocked in a call here (<see cref="InterruptSignal"/>).
/// </summary>
public static unsafe class InetSockets
{
    public const int AF_INET = 2, AF_INET6 = 10, AF_UNSPEC = 0, SOCK_STREAM = 1, SOCK_DGRAM = 2;
    public const int SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_ERROR = 4, SO_LINGER = 13, IPPROTO_IP = 0, IP_MULTICAST_ALL = 49;
    public const int IP_MULTICAST_IF = 32, IP_MULTICAST_TTL = 33, IP_MULTICAST_LOOP = 34;
    public const short POLLIN = 1, POLLPRI = 2, POLLOUT = 4, POLLERR = 8, POLLHUP = 0x10, POLLNVAL = 0x20;
    public const int MSG_OOB = 1, MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;
    /// <summary>struct sockaddr_in.</summary>
    public const int SockAddrInSize = 16;
    private const nuint FIONREAD = 0x541B;
    private const int SOCK_CLOEXEC = 0x80000;

    private static int Fail() => -Marshal.GetLastPInvokeError();

    /// <summary>socket(2), close-on-exec: the handle, or null and the errno in <paramref name="errno"/>.</summary>
    public static SafeFdHandle? Create(int family, int type, out int errno)
    {
        var fd = Interop.socket(family, type | SOCK_CLOEXEC, 0);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd < 0 ? null : new SafeFdHandle(fd);
    }

    public static void WriteSockAddr(Span<byte> sa, Inet4Endpoint endpoint)
    {
        sa[..SockAddrInSize].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(sa, AF_INET);
        BinaryPrimitives.WriteUInt16BigEndian(sa[2..], (ushort)endpoint.Port);
        BinaryPrimitives.WriteInt32BigEndian(sa[4..], endpoint.Address);
    }

    /// <summary>An IPv4 sockaddr's endpoint; null for another family.</summary>
    public static Inet4Endpoint? ReadSockAddr(ReadOnlySpan<byte> sa) =>
        BinaryPrimitives.ReadUInt16LittleEndian(sa) != AF_INET ? null
            : new Inet4Endpoint(BinaryPrimitives.ReadInt32BigEndian(sa[4..]), BinaryPrimitives.ReadUInt16BigEndian(sa[2..]));

    public static int Bind(SafeFdHandle fd, Inet4Endpoint endpoint)
    {
        var sa = stackalloc byte[SockAddrInSize];
        WriteSockAddr(new Span<byte>(sa, SockAddrInSize), endpoint);
        return Interop.bind(fd, sa, SockAddrInSize) == 0 ? 0 : Fail();
    }

    public static int Listen(SafeFdHandle fd, int backlog) => Interop.listen(fd, backlog) == 0 ? 0 : Fail();

    public static int Connect(SafeFdHandle fd, Inet4Endpoint endpoint)
    {
        var sa = stackalloc byte[SockAddrInSize];
        WriteSockAddr(new Span<byte>(sa, SockAddrInSize), endpoint);
        return Interop.connect(fd, sa, SockAddrInSize) == 0 ? 0 : Fail();
    }

    /// <summary>connect(2) to AF_UNSPEC: dissolves a datagram socket's association.</summary>
    public static int Disconnect(SafeFdHandle fd)
    {
        var sa = stackalloc byte[SockAddrInSize];
        new Span<byte>(sa, SockAddrInSize).Clear();
        return Interop.connect(fd, sa, SockAddrInSize) == 0 ? 0 : Fail();
    }

    /// <summary>accept4(2), close-on-exec, retried on ECONNABORTED (as libnio): the connection, or null with the errno.</summary>
    public static SafeFdHandle? Accept(SafeFdHandle fd, out Inet4Endpoint peer, out int errno)
    {
        var sa = stackalloc byte[128];
        while (true)
        {
            var length = 128u;
            var n = Interop.accept4(fd, sa, &length, SOCK_CLOEXEC);
            if (n >= 0)
            {
                peer = ReadSockAddr(new ReadOnlySpan<byte>(sa, 128)) ?? default;
                errno = 0;
                return new SafeFdHandle(n);
            }
            errno = Marshal.GetLastPInvokeError();
            peer = default;
            if (errno != (int)Errno.ECONNABORTED) return null;
        }
    }

    public static int LocalEndpoint(SafeFdHandle fd, out Inet4Endpoint endpoint) => Name(fd, peer: false, out endpoint);
    public static int RemoteEndpoint(SafeFdHandle fd, out Inet4Endpoint endpoint) => Name(fd, peer: true, out endpoint);

    private static int Name(SafeFdHandle fd, bool peer, out Inet4Endpoint endpoint)
    {
        var sa = stackalloc byte[128];
        var length = 128u;
        var rc = peer ? Interop.getpeername(fd, sa, &length) : Interop.getsockname(fd, sa, &length);
        endpoint = rc == 0 ? ReadSockAddr(new ReadOnlySpan<byte>(sa, 128)) ?? default : default;
        return rc == 0 ? 0 : Fail();
    }

    /// <summary>getsockopt(2) of an int (or a byte, for the IPv4 multicast TTL and loop options, or SO_LINGER's seconds, -1 when off).</summary>
    public static int GetOption(SafeFdHandle fd, int level, int name, out int value)
    {
        if (level == SOL_SOCKET && name == SO_LINGER)
        {
            var linger = stackalloc int[2];
            var size = 8u;
            var rc = Interop.getsockopt(fd, level, name, linger, &size);
            value = linger[0] != 0 ? linger[1] : -1;
            return rc == 0 ? 0 : Fail();
        }
        int v = 0;
        var length = 4u;
        var r = Interop.getsockopt(fd, level, name, &v, &length);
        value = length == 1 ? (byte)v : v;
        return r == 0 ? 0 : Fail();
    }

    /// <summary>setsockopt(2) of an int; SO_LINGER from seconds (negative: off); the IPv4 multicast TTL and loop as bytes.</summary>
    public static int SetOption(SafeFdHandle fd, int level, int name, int value)
    {
        if (level == SOL_SOCKET && name == SO_LINGER)
        {
            var linger = stackalloc int[2] { value >= 0 ? 1 : 0, Math.Max(0, value) };
            return Interop.setsockopt(fd, level, name, linger, 8) == 0 ? 0 : Fail();
        }
        if (level == IPPROTO_IP && name is IP_MULTICAST_TTL or IP_MULTICAST_LOOP)
        {
            var b = (byte)value;
            return Interop.setsockopt(fd, level, name, &b, 1) == 0 ? 0 : Fail();
        }
        return Interop.setsockopt(fd, level, name, &value, 4) == 0 ? 0 : Fail();
    }

    /// <summary>setsockopt(2) with a raw structure (ip_mreq, in_addr …).</summary>
    public static int SetOption(SafeFdHandle fd, int level, int name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value) return Interop.setsockopt(fd, level, name, p, (uint)value.Length) == 0 ? 0 : Fail();
    }

    public static int GetOption(SafeFdHandle fd, int level, int name, Span<byte> value, out int length)
    {
        var size = (uint)value.Length;
        fixed (byte* p = value)
        {
            var rc = Interop.getsockopt(fd, level, name, p, &size);
            length = (int)size;
            return rc == 0 ? 0 : Fail();
        }
    }

    public static int Shutdown(SafeFdHandle fd, int how) => Interop.shutdown(fd, how) == 0 ? 0 : Fail();

    /// <summary>poll(2) on one descriptor: the returned events (0 on timeout), or a negative errno.</summary>
    public static int Poll(SafeFdHandle fd, short events, int timeoutMs)
    {
        var added = false;
        try
        {
            fd.DangerousAddRef(ref added);
            var p = new Interop.PollFd { fd = fd.Fd, events = events };
            var n = Interop.poll(&p, 1, timeoutMs);
            return n < 0 ? Fail() : n == 0 ? 0 : p.revents;
        }
        finally
        {
            if (added) fd.DangerousRelease();
        }
    }

    /// <summary>poll(2) over a struct pollfd array the caller owns (NIO's PollSelectorImpl).</summary>
    public static int Poll(nint pollFds, int count, int timeoutMs)
    {
        var n = Interop.poll((Interop.PollFd*)pollFds, (nuint)count, timeoutMs);
        return n < 0 ? Fail() : n;
    }

    /// <summary>FIONREAD: bytes ready to read.</summary>
    public static int Available(SafeFdHandle fd, out int count)
    {
        int n = 0;
        var rc = Interop.ioctl(fd, FIONREAD, &n);
        count = n;
        return rc == 0 ? 0 : Fail();
    }

    public static long Send(SafeFdHandle fd, ReadOnlySpan<byte> data, int flags)
    {
        fixed (byte* p = data)
        {
            var n = Interop.send(fd, p, (nuint)data.Length, flags | MSG_NOSIGNAL);
            return n >= 0 ? n : Fail();
        }
    }

    public static long Receive(SafeFdHandle fd, Span<byte> buffer, int flags)
    {
        fixed (byte* p = buffer)
        {
            var n = Interop.recv(fd, p, (nuint)buffer.Length, flags);
            return n >= 0 ? n : Fail();
        }
    }

    /// <summary>sendto(2) with a raw sockaddr the caller laid out.</summary>
    public static long SendTo(SafeFdHandle fd, nint buffer, int length, nint sockAddr, int sockAddrLength)
    {
        var n = Interop.sendto(fd, (void*)buffer, (nuint)length, MSG_NOSIGNAL, (void*)sockAddr, (uint)sockAddrLength);
        return n >= 0 ? n : Fail();
    }

    /// <summary>recvfrom(2) into caller memory; the sender's sockaddr into <paramref name="sockAddr"/> (<paramref name="sockAddrCapacity"/> bytes).</summary>
    public static long ReceiveFrom(SafeFdHandle fd, nint buffer, int length, nint sockAddr, int sockAddrCapacity)
    {
        var size = (uint)sockAddrCapacity;
        var n = Interop.recvfrom(fd, (void*)buffer, (nuint)length, 0, (void*)sockAddr, &size);
        return n >= 0 ? n : Fail();
    }

    /// <summary>
    /// Makes <paramref name="fd"/> refer to a socket whose peer is closed (dup2), so that calls on it now end at
    /// once while the number stays reserved until the real close (libnio's preClose).
    /// </summary>
    public static void PreClose(SafeFdHandle fd)
    {
        var dead = DeadSocket.Value;
        if (Interop.dup2(dead, fd.Fd) < 0) Errors.Throw("dup2", fd.ToString());
    }

    private static readonly Lazy<SafeFdHandle> DeadSocket = new(() =>
    {
        var (a, b) = UnixSockets.SocketPair();
        b.Dispose();
        return a;
    });

    /// <summary>The machine's host name (gethostname).</summary>
    public static string HostName()
    {
        var buf = stackalloc byte[256];
        if (Interop.gethostname(buf, 256) != 0) Errors.Throw("gethostname");
        buf[255] = 0;
        return Marshal.PtrToStringUTF8((nint)buf)!;
    }

    /// <summary>
    /// getaddrinfo(3) for IPv4 addresses of <paramref name="host"/>, in the resolver's order without duplicates; on
    /// failure null and gai_strerror's text in <paramref name="error"/> ("Name or service not known").
    /// </summary>
    public static int[]? ResolveIPv4(string host, out string? error)
    {
        var hints = new Interop.AddrInfo { ai_family = AF_INET, ai_flags = 0x20 /* AI_CANONNAME */ };
        Interop.AddrInfo* result;
        var rc = Interop.getaddrinfo(host, null, &hints, &result);
        if (rc != 0)
        {
            error = Marshal.PtrToStringUTF8(Interop.gai_strerror(rc));
            return null;
        }
        var addresses = new List<int>();
        try
        {
            for (var p = result; p != null; p = p->ai_next)
                if (p->ai_family == AF_INET && ReadSockAddr(new ReadOnlySpan<byte>(p->ai_addr, SockAddrInSize)) is { } e
                    && !addresses.Contains(e.Address))
                    addresses.Add(e.Address);
        }
        finally
        {
            Interop.freeaddrinfo(result);
        }
        error = null;
        return [.. addresses];
    }

    /// <summary>getnameinfo(3) with NI_NAMEREQD: the name of an IPv4 address, or null.</summary>
    public static string? ReverseLookup(int address)
    {
        var sa = stackalloc byte[SockAddrInSize];
        WriteSockAddr(new Span<byte>(sa, SockAddrInSize), new Inet4Endpoint(address, 0));
        var host = stackalloc byte[1025];
        return Interop.getnameinfo(sa, SockAddrInSize, host, 1025, null, 0, 8 /* NI_NAMEREQD */) == 0
            ? Marshal.PtrToStringUTF8((nint)host) : null;
    }
}
