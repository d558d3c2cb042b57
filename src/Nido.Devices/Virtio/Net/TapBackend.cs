using Nido.Linux;

namespace Nido.Devices.Virtio.Net;

/// <summary>
/// virtio-net's host end on a TAP with IFF_VNET_HDR, so the virtio_net_hdr (offload metadata) passes through
/// the kernel unchanged in both directions. A TAP Nido creates is brought up and vanishes with the VM; one
/// given by name is attached as it is.
/// </summary>
public sealed class TapBackend : INetBackend
{
    private readonly Tap _tap;
    private readonly EventFd _stop = new(nonBlocking: true);
    private readonly Epoll _epoll = new();

    private TapBackend(Tap tap)
    {
        _tap = tap;
        _tap.SetVnetHeaderSize(VirtioNet.HeaderLength);
        _tap.SetOffloads(TapOffloads.None);
        FileIo.SetNonBlocking(_tap.Handle, true);
        _epoll.Add(_tap.Handle, EpollEvents.In, 0);
        _epoll.Add(_stop.Handle, EpollEvents.In, 1);
    }

    /// <summary>Attaches to TAP <paramref name="name"/>, creating it (and bringing it up) when it does not exist; null or "" picks "nido%d".</summary>
    public static TapBackend Open(string? name)
    {
        var existed = !string.IsNullOrEmpty(name) && !name.Contains('%') && NetworkInterface.Exists(name);
        Tap tap;
        try { tap = Tap.Open(string.IsNullOrEmpty(name) ? "nido%d" : name, vnetHeader: true); }
        catch (ErrnoException e)
        {
            throw new IOException(e.Errno switch
            {
                Errno.EINVAL or Errno.EBUSY => $"net: {name} exists and is not a TAP this process may attach to ({e.Message})",
                Errno.EPERM => $"net: creating TAP {name} needs CAP_NET_ADMIN ({e.Message})",
                _ => $"net: cannot open TAP {name}: {e.Message}",
            }, e);
        }
        try
        {
            var backend = new TapBackend(tap);
            if (!existed) NetworkInterface.SetUp(tap.Name);
            return backend;
        }
        catch
        {
            tap.Dispose();
            throw;
        }
    }

    public string Name => _tap.Name;

    public bool Send(ReadOnlySpan<byte> packet)
    {
        try { return FileIo.Write(_tap.Handle, packet) == packet.Length; }
        catch (ErrnoException) { return false; } // EIO while the link is down, EAGAIN/ENOBUFS when full: a lost frame, as on a wire.
    }

    public int Receive(Span<byte> buffer)
    {
        Span<EpollEvent> events = stackalloc EpollEvent[2];
        while (true)
        {
            var n = _epoll.Wait(events, -1);
            for (var i = 0; i < n; i++)
                if (events[i].Data == 1) return -1;
            if (n == 0) continue;
            try { return FileIo.Read(_tap.Handle, buffer); }
            catch (ErrnoException e) when (e.Errno == Errno.EAGAIN) { }
            catch (ErrnoException) { return -1; } // The interface was deleted under us (EBADFD): no more input.
        }
    }

    public void SetOffloads(NetOffloads offloads)
    {
        var flags = TapOffloads.None;
        if (offloads.HasFlag(NetOffloads.Checksum))
        {
            flags |= TapOffloads.Checksum;
            if (offloads.HasFlag(NetOffloads.Tso4)) flags |= TapOffloads.Tso4;
            if (offloads.HasFlag(NetOffloads.Tso6)) flags |= TapOffloads.Tso6;
        }
        _tap.SetOffloads(flags);
    }

    public void Close() => _stop.Signal();

    public void Dispose()
    {
        _epoll.Dispose();
        _tap.Dispose();
        _stop.Dispose();
    }
}
