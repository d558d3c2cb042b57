using Nido.Hypervisor.Memory;

namespace Nido.Devices.Virtio;

/// <summary>
/// A split virtqueue as the driver configured it through the transport, and the device's two cursors. All ring
/// reads are checked: a hostile driver can only make <see cref="TryPop"/> throw <see cref="VirtioQueueException"/>.
/// </summary>
public sealed class Queue(ushort maxSize)
{
    public ushort MaxSize { get; } = maxSize;

    public ushort Size { get; set; } = maxSize;

    public bool Ready { get; set; }

    public ulong DescriptorTable { get; set; }

    public ulong AvailableRing { get; set; }

    public ulong UsedRing { get; set; }

    /// <summary>The next available-ring slot the device will read.</summary>
    public ushort NextAvailable { get; private set; }

    /// <summary>The used index the device will publish next.</summary>
    public ushort NextUsed { get; private set; }

    private GuestMemory? _memory;
    private bool _indirect;

    public void Reset()
    {
        Size = MaxSize;
        Ready = false;
        DescriptorTable = AvailableRing = UsedRing = 0;
        NextAvailable = NextUsed = 0;
        _memory = null;
    }

    /// <summary>Checks the driver's layout against guest memory before the device uses it.</summary>
    internal void Activate(GuestMemory memory, ulong features)
    {
        if (Size == 0 || Size > MaxSize || (Size & (Size - 1)) != 0)
            throw new VirtioQueueException($"queue size {Size} is not a power of two up to {MaxSize}");
        Check(memory, DescriptorTable, 16UL * Size, 16, "descriptor table");
        Check(memory, AvailableRing, 6 + 2UL * Size, 2, "available ring");
        Check(memory, UsedRing, 6 + 8UL * Size, 4, "used ring");
        _memory = memory;
        _indirect = (features & VirtioConstants.Bit(VirtioConstants.FeatureIndirectDesc)) != 0;
    }

    private static void Check(GuestMemory memory, ulong address, ulong length, ulong align, string what)
    {
        if (address % align != 0) throw new VirtioQueueException($"{what} at 0x{address:x} is not {align}-byte aligned");
        if (!memory.Contains(address, length)) throw new VirtioQueueException($"{what} at 0x{address:x}+{length} is outside guest memory");
    }

    private GuestMemory Memory => _memory ?? throw new InvalidOperationException("queue used before activation");

    /// <summary>The next request the driver made available, or false when the ring is empty.</summary>
    public bool TryPop(out DescriptorChain chain)
    {
        var memory = Memory;
        var available = Volatile.Read(ref Ref(memory, AvailableRing + 2));
        var pending = (ushort)(available - NextAvailable);
        if (pending == 0)
        {
            chain = null!;
            return false;
        }
        if (pending > Size) throw new VirtioQueueException($"available index {available} runs {pending} entries ahead of a {Size}-entry queue");
        Interlocked.MemoryBarrier(); // Read the ring entry only after seeing the index that published it.
        var head = memory.Read<ushort>(AvailableRing + 4 + 2UL * (ulong)(NextAvailable % Size));
        NextAvailable++;
        chain = DescriptorChain.Walk(memory, DescriptorTable, Size, head, _indirect);
        return true;
    }

    /// <summary>Puts the last <paramref name="count"/> popped requests back, untouched (a device that found them too small for what it holds).</summary>
    public void UndoPop(int count = 1)
    {
        if (count < 0 || count > Size) throw new ArgumentOutOfRangeException(nameof(count));
        NextAvailable -= (ushort)count;
    }

    /// <summary>Returns a request with the number of bytes the device wrote into it.</summary>
    public void AddUsed(ushort head, uint written)
    {
        var memory = Memory;
        var slot = UsedRing + 4 + 8UL * (ulong)(NextUsed % Size);
        memory.Write(slot, (uint)head);
        memory.Write(slot + 4, written);
        NextUsed++;
        Interlocked.MemoryBarrier(); // The entry must be visible before the index that publishes it.
        Volatile.Write(ref Ref(memory, UsedRing + 2), NextUsed);
    }

    /// <summary>False when the driver asked for no interrupts (VIRTQ_AVAIL_F_NO_INTERRUPT).</summary>
    public bool WantsInterrupt()
    {
        Interlocked.MemoryBarrier();
        return (Memory.Read<ushort>(AvailableRing) & 1) == 0;
    }

    private static ref ushort Ref(GuestMemory memory, ulong address)
    {
        var span = memory.GetSpan(address, 2);
        return ref System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(span)[0];
    }
}
