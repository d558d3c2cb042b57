using System.Buffers.Binary;

namespace Nido.Devices.Virtio.Console;

/// <summary>
/// virtio-console (id 3), one port without MULTIPORT: transmitq bytes go to the host's output, host input fills
/// receiveq buffers. Input that arrives before the driver posts buffers waits (bounded; the pump blocks) rather
/// than being dropped.
/// </summary>
public sealed class VirtioConsole(Stream output) : IVirtioDevice, IConsoleInput
{
    public const int PendingLimit = 64 << 10;
    private const int ReceiveQueue = 0, TransmitQueue = 1;

    private readonly object _lock = new();
    private readonly HostInputQueue _pending = new(PendingLimit);
    private VirtioContext? _context;

    public uint DeviceType => VirtioConstants.DeviceConsole;

    public ulong Features => VirtioConstants.Bit(VirtioConstants.FeatureVersion1) | VirtioConstants.Bit(VirtioConstants.FeatureIndirectDesc);

    public IReadOnlyList<ushort> QueueMaxSizes { get; } = [256, 256];

    public void ReadConfig(uint offset, Span<byte> data)
    {
        // cols, rows (u16 each), max_nr_ports (u32), emerg_wr (u32): only max_nr_ports = 1 is meaningful here.
        Span<byte> config = stackalloc byte[12];
        config.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(config[4..], 1);
        data.Clear();
        if (offset < config.Length) config.Slice((int)offset, Math.Min(data.Length, config.Length - (int)offset)).CopyTo(data);
    }

    public void WriteConfig(uint offset, ReadOnlySpan<byte> data) { }

    public void Activate(VirtioContext context)
    {
        lock (_lock)
        {
            _context = context;
            DeliverPending();
        }
    }

    public void Reset()
    {
        lock (_lock) _context = null;
    }

    public void Notify(int queue)
    {
        lock (_lock)
        {
            if (_context is not { } c) return;
            if (queue == TransmitQueue) Transmit(c);
            else DeliverPending();
        }
    }

    /// <summary>Queues host input; returns how many bytes were accepted (the rest must wait, see <see cref="WaitForSpace"/>).</summary>
    public int EnqueueInput(ReadOnlySpan<byte> bytes)
    {
        var taken = _pending.Enqueue(bytes);
        // On the host's input thread a broken ring must stop the device, not escape (the vCPU path has the transport's catch).
        lock (_lock)
        {
            try { DeliverPending(); }
            catch (Exception e) when (e is VirtioQueueException or Nido.Hypervisor.Memory.GuestMemoryException)
            {
                _context?.NeedsReset(e.Message);
                _context = null;
            }
        }
        return taken;
    }

    public bool WaitForSpace(int timeoutMs) => _pending.WaitForSpace(timeoutMs);

    private void Transmit(VirtioContext c)
    {
        var q = c.Queues[TransmitQueue];
        if (!q.Ready) return;
        var any = false;
        while (q.TryPop(out var chain))
        {
            foreach (var b in chain.Readable)
            {
                try { output.Write(c.Memory.GetSpan(b.Address, (int)b.Length)); }
                catch (IOException) { }
            }
            try { output.Flush(); } catch (IOException) { }
            q.AddUsed(chain.Head, 0);
            any = true;
        }
        if (any) c.SignalUsed(TransmitQueue);
    }

    private void DeliverPending()
    {
        if (_context is not { } c || _pending.Count == 0) return;
        var q = c.Queues[ReceiveQueue];
        if (!q.Ready) return;
        var any = false;
        while (_pending.Count > 0 && q.TryPop(out var chain))
        {
            uint written = 0;
            foreach (var b in chain.Writable)
            {
                written += (uint)_pending.Dequeue(c.Memory.GetSpan(b.Address, (int)Math.Min(b.Length, PendingLimit)));
                if (_pending.Count == 0) break;
            }
            q.AddUsed(chain.Head, written);
            any = true;
        }
        if (any) c.SignalUsed(ReceiveQueue);
    }
}
