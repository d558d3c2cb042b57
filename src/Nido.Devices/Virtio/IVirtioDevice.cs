using Nido.Hypervisor.Memory;

namespace Nido.Devices.Virtio;

/// <summary>What a device gets when the driver sets DRIVER_OK: memory, its queues, the agreed features, and the transport's signals.</summary>
public sealed class VirtioContext(GuestMemory memory, Queue[] queues, ulong features, Action<int> signalUsed, Action<string> needsReset, Action? configChanged = null)
{
    public GuestMemory Memory { get; } = memory;

    public Queue[] Queues { get; } = queues;

    public ulong Features { get; } = features;

    public bool Has(int feature) => (Features & VirtioConstants.Bit(feature)) != 0;

    /// <summary>Tells the driver that queue <paramref name="queue"/> has used buffers (unless it suppressed interrupts).</summary>
    public void SignalUsed(int queue) => signalUsed(queue);

    /// <summary>The device's configuration space changed (a new capacity): bumps the generation and interrupts.</summary>
    public void ConfigChanged() => configChanged?.Invoke();

    /// <summary>The driver broke the protocol: the device stops and reports DEVICE_NEEDS_RESET. Safe to call while holding the device's own locks.</summary>
    public void NeedsReset(string why) => needsReset(why);

    /// <summary>
    /// Runs device work off the vCPU thread (a rate limiter's retry): a broken queue puts the device in
    /// DEVICE_NEEDS_RESET, as it does when the transport calls Notify, instead of escaping the thread.
    /// </summary>
    public void Guarded(Action work)
    {
        try { work(); }
        catch (VirtioQueueException e) { NeedsReset(e.Message); }
        catch (Nido.Hypervisor.Memory.GuestMemoryException e) { NeedsReset(e.Message); }
    }
}

/// <summary>
/// A virtio device independent of its transport (MMIO, PCI): its type, features, configuration space and
/// queue handling. Devices never see KVM, the machine or the transport's registers.
/// </summary>
public interface IVirtioDevice
{
    uint DeviceType { get; }

    /// <summary>Feature bits offered, including VIRTIO_F_VERSION_1.</summary>
    ulong Features { get; }

    /// <summary>The largest size of each queue.</summary>
    IReadOnlyList<ushort> QueueMaxSizes { get; }

    void ReadConfig(uint offset, Span<byte> data);

    void WriteConfig(uint offset, ReadOnlySpan<byte> data);

    void Activate(VirtioContext context);

    /// <summary>The driver made buffers available on a queue (called on a vCPU thread).</summary>
    void Notify(int queue);

    /// <summary>Back to the pre-activation state (the driver wrote 0 to status).</summary>
    void Reset();
}

/// <summary>Copies between host spans and a chain's guest buffers.</summary>
public static class GuestBuffers
{
    /// <summary>Reads up to <paramref name="destination"/>.Length bytes from the buffers, skipping <paramref name="skip"/> first; returns bytes read.</summary>
    public static int Read(GuestMemory memory, IEnumerable<GuestBuffer> buffers, Span<byte> destination, long skip = 0)
    {
        var done = 0;
        foreach (var b in buffers)
        {
            if (done == destination.Length) break;
            if (skip >= b.Length) { skip -= b.Length; continue; }
            var take = (int)Math.Min(b.Length - skip, destination.Length - done);
            memory.GetSpan(b.Address + (ulong)skip, take).CopyTo(destination[done..]);
            done += take;
            skip = 0;
        }
        return done;
    }

    /// <summary>Writes <paramref name="source"/> into the buffers in order; returns bytes written.</summary>
    public static int Write(GuestMemory memory, IEnumerable<GuestBuffer> buffers, ReadOnlySpan<byte> source, long skip = 0)
    {
        var done = 0;
        foreach (var b in buffers)
        {
            if (done == source.Length) break;
            if (skip >= b.Length) { skip -= b.Length; continue; }
            var take = (int)Math.Min(b.Length - skip, source.Length - done);
            source.Slice(done, take).CopyTo(memory.GetSpan(b.Address + (ulong)skip, take));
            done += take;
            skip = 0;
        }
        return done;
    }

    public static long TotalLength(IEnumerable<GuestBuffer> buffers) => buffers.Sum(b => (long)b.Length);
}
