using System.Buffers.Binary;

namespace Nido.Devices.Legacy;

/// <summary>
/// QEMU's firmware configuration device, its traditional I/O interface (selector port 0x510, data port 0x511, no
/// DMA): the items test kernels read to size themselves — kvm-unit-tests take their CPU count from it and would
/// otherwise wait for 65,535 APs. A write to the selector picks an item; each data read returns its next bytes,
/// zeros past its end and for items that do not exist. The write channel is not offered.
/// </summary>
public sealed class FwCfg : IBusDevice
{
    public const ushort DefaultPort = 0x510;
    public const ushort Length = 2;
    public const ushort Signature = 0x00, Id = 0x01, Uuid = 0x02, RamSize = 0x03, NoGraphic = 0x04, NbCpus = 0x05, MaxCpus = 0x0f, FileDir = 0x19;

    private readonly Dictionary<ushort, byte[]> _items = [];
    private readonly object _lock = new();
    private byte[] _selected = [];
    private int _position;

    public FwCfg(int cpus, ulong ramBytes)
    {
        _items[Signature] = "QEMU"u8.ToArray();
        _items[Id] = Le32(1); // the traditional interface only (bit 1, DMA, clear)
        _items[Uuid] = new byte[16];
        var ram = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(ram, ramBytes);
        _items[RamSize] = ram;
        _items[NoGraphic] = Le16(1);
        _items[NbCpus] = Le16((ushort)cpus);
        _items[MaxCpus] = Le16((ushort)cpus);
        _items[FileDir] = new byte[4]; // no files (a big-endian count of 0)
        Select(Signature);
    }

    public void Read(ulong offset, Span<byte> data)
    {
        if (offset != 1)
        {
            data.Clear();
            return;
        }
        lock (_lock)
            for (var i = 0; i < data.Length; i++)
                data[i] = _position < _selected.Length ? _selected[_position++] : (byte)0;
    }

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        if (offset != 0 || data.Length < 2) return; // the selector is 16 bits; data writes are ignored
        lock (_lock) Select(BinaryPrimitives.ReadUInt16LittleEndian(data));
    }

    private void Select(ushort key)
    {
        // Bit 14 asked for the write channel and bit 15 for an architecture-specific item: neither exists here.
        _selected = _items.TryGetValue(key, out var item) ? item : [];
        _position = 0;
    }

    private static byte[] Le16(ushort v)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        return b;
    }

    private static byte[] Le32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return b;
    }
}
