namespace Nido.Devices;

/// <summary>
/// Address ranges to devices (one bus for ports, one for MMIO). Built before the vCPUs start and read-only after,
/// so lookups take no lock; each device serialises itself.
/// </summary>
public sealed class Bus(string name)
{
    private readonly record struct Range(ulong Start, ulong Length, IBusDevice Device)
    {
        public ulong End => Start + Length;
    }

    private Range[] _ranges = [];

    public string Name { get; } = name;

    public void Insert(ulong start, ulong length, IBusDevice device)
    {
        if (length == 0 || start + length < start)
            throw new ArgumentException($"{Name} bus: range 0x{start:x}+0x{length:x} is empty or wraps");
        foreach (var r in _ranges)
            if (start < r.End && r.Start < start + length)
                throw new ArgumentException($"{Name} bus: 0x{start:x}+0x{length:x} overlaps {r.Device.GetType().Name} at 0x{r.Start:x}+0x{r.Length:x}");
        _ranges = [.. _ranges.Append(new Range(start, length, device)).OrderBy(r => r.Start)];
    }

    /// <summary>The device whose range holds the whole access, and the offset into it.</summary>
    public bool TryFind(ulong address, int size, out IBusDevice device, out ulong offset)
    {
        var ranges = _ranges;
        int lo = 0, hi = ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var r = ranges[mid];
            if (address < r.Start) hi = mid - 1;
            else if (address >= r.End) lo = mid + 1;
            else if ((ulong)size <= r.End - address)
            {
                device = r.Device;
                offset = address - r.Start;
                return true;
            }
            else break;
        }
        device = null!;
        offset = 0;
        return false;
    }

    /// <summary>Reads from the device at <paramref name="address"/>; false (data all ones, as an open bus) when none.</summary>
    public bool Read(ulong address, Span<byte> data)
    {
        if (TryFind(address, data.Length, out var device, out var offset))
        {
            device.Read(offset, data);
            return true;
        }
        data.Fill(0xff);
        return false;
    }

    public bool Write(ulong address, ReadOnlySpan<byte> data)
    {
        if (!TryFind(address, data.Length, out var device, out var offset)) return false;
        device.Write(offset, data);
        return true;
    }
}
