namespace Nido.Devices.Legacy;

/// <summary>
/// The MC146818 CMOS clock and its RAM (ports 0x70 index, 0x71 data): the host's UTC time in BCD or binary as
/// register B asks, never "update in progress", and the memory-size bytes firmware would have written.
/// </summary>
public sealed class CmosRtc : IBusDevice
{
    public const ushort IndexPort = 0x70;

    private const int RegA = 0x0a, RegB = 0x0b, RegC = 0x0c, RegD = 0x0d;
    private readonly object _lock = new();
    private readonly byte[] _ram = new byte[128];
    private readonly Func<DateTime> _now;
    private byte _index;

    public CmosRtc(ulong lowMemoryBytes, ulong highMemoryBytes, Func<DateTime>? now = null)
    {
        _now = now ?? (() => DateTime.UtcNow);
        _ram[RegA] = 0x26; // 32.768 kHz time base, 1024 Hz rate.
        _ram[RegB] = 0x02; // 24-hour, BCD.
        _ram[RegD] = 0x80; // Battery good.
        SetWord(0x15, 640); // Base memory in KiB.
        var extended = Math.Min(0xffffUL, lowMemoryBytes > 1 << 20 ? (lowMemoryBytes - (1 << 20)) >> 10 : 0);
        SetWord(0x17, (ushort)extended);
        SetWord(0x30, (ushort)extended);
        var above16M = Math.Min(0xffffUL, lowMemoryBytes > 16 << 20 ? (lowMemoryBytes - (16 << 20)) >> 16 : 0);
        SetWord(0x34, (ushort)above16M);
        var above4G = highMemoryBytes >> 16; // In 64 KiB units, three bytes.
        _ram[0x5b] = (byte)above4G;
        _ram[0x5c] = (byte)(above4G >> 8);
        _ram[0x5d] = (byte)(above4G >> 16);
    }

    private void SetWord(int index, ushort value)
    {
        _ram[index] = (byte)value;
        _ram[index + 1] = (byte)(value >> 8);
    }

    public void Read(ulong offset, Span<byte> data)
    {
        data.Clear();
        lock (_lock)
            data[0] = offset == 0 ? _index : ReadRegister(_index);
    }

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        lock (_lock)
        {
            if (offset == 0) _index = (byte)(data[0] & 0x7f); // Bit 7 masks NMIs on a PC; nothing to mask here.
            // Time writes are dropped: the guest sees the host's clock (as under Firecracker).
            else if (_index is not (RegC or RegD or 0x32) && _index >= RegA) _ram[_index] = data[0];
        }
    }

    private byte ReadRegister(int index)
    {
        if (index is not (0 or 2 or 4 or 6 or 7 or 8 or 9 or 0x32)) return index == RegA ? (byte)(_ram[RegA] & 0x7f) : _ram[index];
        var t = _now();
        var hour = t.Hour;
        var pm = false;
        if ((_ram[RegB] & 0x02) == 0)
        {
            pm = hour >= 12;
            hour = hour % 12 == 0 ? 12 : hour % 12;
        }
        var value = index switch
        {
            0 => t.Second, 2 => t.Minute, 4 => hour, 6 => (int)t.DayOfWeek + 1,
            7 => t.Day, 8 => t.Month, 9 => t.Year % 100, _ => t.Year / 100,
        };
        var encoded = (_ram[RegB] & 0x04) != 0 ? (byte)value : (byte)((value / 10) << 4 | value % 10);
        return index == 4 && pm ? (byte)(encoded | 0x80) : encoded;
    }
}
