using Nido.Hypervisor.Memory;

namespace Nido.Devices.Virtio;

/// <summary>One guest buffer of a chain: already checked to lie inside guest memory.</summary>
public readonly record struct GuestBuffer(ulong Address, uint Length, bool DeviceWritable);

/// <summary>
/// A request the driver made available: the head index (to return it on the used ring) and its buffers in
/// order. Walking it checks every descriptor: index in range, buffer inside guest RAM, no loops (a chain longer
/// than its table), indirect tables whole, aligned, inside RAM and not nested.
/// </summary>
public sealed class DescriptorChain
{
    private const ushort FlagNext = 1, FlagWrite = 2, FlagIndirect = 4;

    private DescriptorChain(ushort head, List<GuestBuffer> buffers)
    {
        Head = head;
        Buffers = buffers;
    }

    public ushort Head { get; }

    public IReadOnlyList<GuestBuffer> Buffers { get; }

    public IEnumerable<GuestBuffer> Readable => Buffers.Where(b => !b.DeviceWritable);

    public IEnumerable<GuestBuffer> Writable => Buffers.Where(b => b.DeviceWritable);

    internal static DescriptorChain Walk(GuestMemory memory, ulong table, ushort queueSize, ushort head, bool indirectAllowed)
    {
        var buffers = new List<GuestBuffer>();
        ulong tableAddress = table;
        uint tableSize = queueSize;
        var inIndirect = false;
        uint index = head;
        var budget = (int)queueSize;
        while (true)
        {
            if (index >= tableSize) throw new VirtioQueueException($"descriptor index {index} is outside a table of {tableSize}");
            if (--budget < 0) throw new VirtioQueueException($"descriptor chain from {head} is longer than its table (a loop?)");
            var entry = tableAddress + index * 16UL;
            if (!memory.TryGetSpan(entry, 16, out var d)) throw new VirtioQueueException($"descriptor at 0x{entry:x} is outside guest memory");
            var address = BitConverter.ToUInt64(d);
            var length = BitConverter.ToUInt32(d[8..]);
            var flags = BitConverter.ToUInt16(d[12..]);
            var next = BitConverter.ToUInt16(d[14..]);
            if ((flags & FlagIndirect) != 0)
            {
                if (!indirectAllowed) throw new VirtioQueueException("indirect descriptor without VIRTIO_F_INDIRECT_DESC");
                if (inIndirect) throw new VirtioQueueException("nested indirect descriptor table");
                if ((flags & FlagNext) != 0) throw new VirtioQueueException("indirect descriptor with NEXT set");
                if (length == 0 || length % 16 != 0 || length / 16 > 0x8000)
                    throw new VirtioQueueException($"indirect table length {length} is not a non-empty multiple of 16");
                if (!memory.Contains(address, length)) throw new VirtioQueueException($"indirect table at 0x{address:x}+{length} is outside guest memory");
                tableAddress = address;
                tableSize = length / 16;
                budget = (int)tableSize;
                inIndirect = true;
                index = 0;
                continue;
            }
            if (length > 0 && !memory.Contains(address, length))
                throw new VirtioQueueException($"buffer at 0x{address:x}+{length} is outside guest memory");
            buffers.Add(new GuestBuffer(address, length, (flags & FlagWrite) != 0));
            if ((flags & FlagNext) == 0) break;
            index = next;
        }
        return new DescriptorChain(head, buffers);
    }
}
