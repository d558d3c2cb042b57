using Nido.Devices.RateLimit;
using System.Buffers.Binary;

namespace Nido.Devices.Virtio.Net;

/// <summary>Packet and byte counters of one virtio-net device (read by the API's /metrics).</summary>
public sealed class NetCounters
{
    public long RxPackets, RxBytes, RxDropped, TxPackets, TxBytes, TxDropped;

    /// <summary>The counters under Firecracker-style metric names.</summary>
    public (string Name, long Value)[] Snapshot() =>
        [("rx_packets_count", RxPackets), ("rx_bytes_count", RxBytes), ("rx_dropped_count", RxDropped),
         ("tx_packets_count", TxPackets), ("tx_bytes_count", TxBytes), ("tx_dropped_count", TxDropped)];
}

/// <summary>
/// virtio-net (id 1), one queue pair, on an <see cref="INetBackend"/>. Transmit runs on the notifying vCPU; a
/// receive thread reads the backend and fills receive buffers, holding a packet (not dropping it) while the
/// driver has no buffers posted. Offers checksum and TSO offloads both ways and mergeable receive buffers, the
/// set Linux needs for full-speed TCP; the TAP is told which offloaded packets the guest accepted.
/// </summary>
public sealed class VirtioNet : IVirtioDevice, IDisposable
{
    /// <summary>virtio_net_hdr with VERSION_1: num_buffers is always present.</summary>
    public const int HeaderLength = 12;
    /// <summary>Header, a 64 KiB GSO payload and its Ethernet/VLAN header.</summary>
    public const int MaxPacket = HeaderLength + 65536 + 18;
    private const int ReceiveQueue = 0, TransmitQueue = 1;
    private const int FeatureCsum = 0, FeatureGuestCsum = 1, FeatureMac = 5, FeatureGuestTso4 = 7, FeatureGuestTso6 = 8;
    private const int FeatureHostTso4 = 11, FeatureHostTso6 = 12, FeatureMergeRxBuffers = 15;

    private readonly INetBackend _backend;
    private readonly byte[]? _mac;
    private readonly object _lock = new(), _txLock = new();
    private readonly byte[] _txBuffer = new byte[MaxPacket];
    private readonly AutoResetEvent _rxPosted = new(false);
    private readonly Thread _rxThread;
    private VirtioContext? _context;
    private bool _dropHeld;
    private volatile bool _disposed;

    /// <param name="mac">The guest's MAC address (offered with VIRTIO_NET_F_MAC), or null to let the driver pick one.</param>
    public VirtioNet(INetBackend backend, byte[]? mac = null, RateLimiterConfig? rxLimit = null, RateLimiterConfig? txLimit = null)
    {
        if (mac is not null && mac.Length != 6) throw new ArgumentException("a MAC address has 6 bytes", nameof(mac));
        _backend = backend;
        _mac = mac;
        RxLimiter = new RateLimiter(rxLimit);
        TxLimiter = new RateLimiter(txLimit);
        _rxThread = new Thread(ReceiveLoop) { IsBackground = true, Name = $"virtio-net {backend.Name}" };
        _rxThread.Start();
    }

    public NetCounters Counters { get; } = new();

    /// <summary>Packets and bytes per second toward the guest and from it (Firecracker's rx/tx_rate_limiter); changeable live.</summary>
    public RateLimiter RxLimiter { get; }

    public RateLimiter TxLimiter { get; }

    public string HostName => _backend.Name;

    public uint DeviceType => VirtioConstants.DeviceNet;

    public ulong Features =>
        VirtioConstants.Bit(VirtioConstants.FeatureVersion1) | VirtioConstants.Bit(VirtioConstants.FeatureIndirectDesc)
        | VirtioConstants.Bit(FeatureCsum) | VirtioConstants.Bit(FeatureGuestCsum)
        | VirtioConstants.Bit(FeatureGuestTso4) | VirtioConstants.Bit(FeatureGuestTso6)
        | VirtioConstants.Bit(FeatureHostTso4) | VirtioConstants.Bit(FeatureHostTso6)
        | VirtioConstants.Bit(FeatureMergeRxBuffers) | (_mac is null ? 0 : VirtioConstants.Bit(FeatureMac));

    public IReadOnlyList<ushort> QueueMaxSizes { get; } = [256, 256];

    public void ReadConfig(uint offset, Span<byte> data)
    {
        // mac[6], then status/max_virtqueue_pairs/mtu, which exist only with features not offered here.
        data.Clear();
        if (_mac is not null && offset < 6) _mac.AsSpan((int)offset, Math.Min(data.Length, 6 - (int)offset)).CopyTo(data);
    }

    public void WriteConfig(uint offset, ReadOnlySpan<byte> data) { }

    public void Activate(VirtioContext context)
    {
        var offloads = NetOffloads.None;
        if (context.Has(FeatureGuestCsum))
        {
            offloads |= NetOffloads.Checksum;
            if (context.Has(FeatureGuestTso4)) offloads |= NetOffloads.Tso4;
            if (context.Has(FeatureGuestTso6)) offloads |= NetOffloads.Tso6;
        }
        _backend.SetOffloads(offloads);
        lock (_lock) lock (_txLock) _context = context;
        _rxPosted.Set();
    }

    public void Reset()
    {
        lock (_lock) lock (_txLock)
        {
            _context = null;
            _dropHeld = true; // A packet held for the old driver may use offloads the next one refuses.
        }
        _backend.SetOffloads(NetOffloads.None);
    }

    public void Notify(int queue)
    {
        if (queue == ReceiveQueue) _rxPosted.Set();
        else if (queue == TransmitQueue) Transmit();
    }

    private void Transmit()
    {
        lock (_txLock)
        {
            if (_context is not { } c || !c.Queues[TransmitQueue].Ready) return;
            var q = c.Queues[TransmitQueue];
            var any = false;
            while (q.TryPop(out var chain))
            {
                var length = GuestBuffers.TotalLength(chain.Readable);
                // Held back: the frame stays in the ring until the limiter can pay for it.
                if (!TxLimiter.TryConsume(Math.Max(0, length - HeaderLength), () => c.Guarded(Transmit)))
                {
                    q.UndoPop();
                    break;
                }
                if (length < HeaderLength + 14 || length > MaxPacket) Counters.TxDropped++;
                else
                {
                    var n = GuestBuffers.Read(c.Memory, chain.Readable, _txBuffer);
                    if (_backend.Send(_txBuffer.AsSpan(0, n)))
                    {
                        Counters.TxPackets++;
                        Counters.TxBytes += n - HeaderLength;
                    }
                    else Counters.TxDropped++;
                }
                q.AddUsed(chain.Head, 0);
                any = true;
            }
            if (any) c.SignalUsed(TransmitQueue);
        }
    }

    private void ReceiveLoop()
    {
        var packet = new byte[MaxPacket];
        while (!_disposed)
        {
            var length = _backend.Receive(packet);
            if (length < 0) return;
            if (length < HeaderLength + 14) continue;
            lock (_lock) _dropHeld = false;
            // Over the receive limit the packet waits here (the TAP queues the rest) until the limiter wakes this thread.
            while (!_disposed && !RxLimiter.TryConsume(length - HeaderLength, WakeReceiver)) _rxPosted.WaitOne();
            // Hold the packet until the driver has room for it (or the device resets or goes away).
            while (!_disposed && !TryDeliver(packet.AsSpan(0, length))) _rxPosted.WaitOne();
        }
    }

    // A limiter's timer may fire while the device is being disposed.
    private void WakeReceiver()
    {
        if (_disposed) return;
        try { _rxPosted.Set(); }
        catch (ObjectDisposedException) { }
    }

    /// <summary>Places one packet in the receive queue; false when the driver has not posted enough buffers yet.</summary>
    private bool TryDeliver(ReadOnlySpan<byte> packet)
    {
        lock (_lock)
        {
            if (_dropHeld) return true;
            if (_context is not { } c || !c.Queues[ReceiveQueue].Ready) return false;
            try
            {
                return Deliver(c, packet);
            }
            catch (Exception e)
            {
                // Whatever the driver did wrong stops this device, never the process; the packet is lost with its state.
                c.NeedsReset(e.Message);
                _context = null;
                return true;
            }
        }
    }

    private bool Deliver(VirtioContext c, ReadOnlySpan<byte> packet)
    {
        var q = c.Queues[ReceiveQueue];
        var merge = c.Has(FeatureMergeRxBuffers);
        var used = new List<(DescriptorChain Chain, uint Written)>();
        var offset = 0;
        while (offset < packet.Length)
        {
            if (used.Count == q.Size)
            {
                // A whole ring of tiny buffers still does not hold it: drop it rather than wait forever.
                q.UndoPop(used.Count);
                Counters.RxDropped++;
                return true;
            }
            if (!q.TryPop(out var chain))
            {
                q.UndoPop(used.Count);
                return false;
            }
            var room = GuestBuffers.TotalLength(chain.Writable);
            if (room == 0) throw new VirtioQueueException("receive buffer without device-writable space");
            if ((used.Count == 0 && room < HeaderLength) || (!merge && room < packet.Length))
            {
                // Buffers this small can never take the packet: drop it, keep the buffers for the next one.
                q.UndoPop(used.Count + 1);
                Counters.RxDropped++;
                return true;
            }
            var written = GuestBuffers.Write(c.Memory, chain.Writable, packet[offset..]);
            used.Add((chain, (uint)written));
            offset += written;
        }
        Span<byte> count = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(count, (ushort)used.Count);
        GuestBuffers.Write(c.Memory, used[0].Chain.Writable, count, skip: 10);
        foreach (var (chain, written) in used) q.AddUsed(chain.Head, written);
        Counters.RxPackets++;
        Counters.RxBytes += packet.Length - HeaderLength;
        c.SignalUsed(ReceiveQueue);
        return true;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _backend.Close();
        _rxPosted.Set();
        _rxThread.Join();
        RxLimiter.Dispose();
        TxLimiter.Dispose();
        _backend.Dispose();
        _rxPosted.Dispose();
    }
}
