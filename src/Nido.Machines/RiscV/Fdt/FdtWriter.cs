using System.Buffers.Binary;
using System.Text;

namespace Nido.Machines.RiscV.Fdt;

/// <summary>
/// Writes a flattened device tree blob (DTB version 17, the devicetree specification's format): a node/property
/// structure block, a deduplicated strings block and an empty memory-reservation map, all big-endian.
/// </summary>
public sealed class FdtWriter
{
    private const uint Magic = 0xd00dfeed, TokenBeginNode = 1, TokenEndNode = 2, TokenProp = 3, TokenEnd = 9;

    private readonly MemoryStream _structure = new();
    private readonly MemoryStream _strings = new();
    private readonly Dictionary<string, int> _stringOffsets = [];
    private int _depth;
    private uint _nextPhandle = 1;

    /// <summary>A fresh phandle value for a node that others reference.</summary>
    public uint AllocatePhandle() => _nextPhandle++;

    public void BeginNode(string name)
    {
        Word(TokenBeginNode);
        Bytes(Encoding.ASCII.GetBytes(name + "\0"));
        Pad();
        _depth++;
    }

    public void EndNode()
    {
        if (_depth == 0) throw new InvalidOperationException("FDT: EndNode without a node");
        Word(TokenEndNode);
        _depth--;
    }

    public void Property(string name, ReadOnlySpan<byte> value)
    {
        Word(TokenProp);
        Word((uint)value.Length);
        Word((uint)StringOffset(name));
        Bytes(value);
        Pad();
    }

    public void Empty(string name) => Property(name, []);

    public void String(string name, string value) => Property(name, Encoding.ASCII.GetBytes(value + "\0"));

    /// <summary>A string list (NUL-separated, as compatible lists are).</summary>
    public void Strings(string name, params string[] values) => Property(name, Encoding.ASCII.GetBytes(string.Concat(values.Select(v => v + "\0"))));

    public void Cells(string name, params uint[] cells)
    {
        var bytes = new byte[cells.Length * 4];
        for (var i = 0; i < cells.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), cells[i]);
        Property(name, bytes);
    }

    public void U64(string name, ulong value) => Cells(name, (uint)(value >> 32), (uint)value);

    /// <summary>A reg/ranges pair for #address-cells = #size-cells = 2.</summary>
    public void Reg64(string name, ulong address, ulong size) => Cells(name, (uint)(address >> 32), (uint)address, (uint)(size >> 32), (uint)size);

    /// <summary>The finished blob.</summary>
    public byte[] Finish(uint bootCpu = 0)
    {
        if (_depth != 0) throw new InvalidOperationException($"FDT: {_depth} node(s) left open");
        Word(TokenEnd);
        const int headerSize = 40, reserveMapSize = 16;
        var structOffset = headerSize + reserveMapSize;
        var stringsOffset = structOffset + (int)_structure.Length;
        var total = stringsOffset + (int)_strings.Length;
        var blob = new byte[(total + 7) & ~7];
        var h = blob.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(h[0..], Magic);
        BinaryPrimitives.WriteUInt32BigEndian(h[4..], (uint)blob.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], (uint)structOffset);
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], (uint)stringsOffset);
        BinaryPrimitives.WriteUInt32BigEndian(h[16..], headerSize);
        BinaryPrimitives.WriteUInt32BigEndian(h[20..], 17);
        BinaryPrimitives.WriteUInt32BigEndian(h[24..], 16);
        BinaryPrimitives.WriteUInt32BigEndian(h[28..], bootCpu);
        BinaryPrimitives.WriteUInt32BigEndian(h[32..], (uint)_strings.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[36..], (uint)_structure.Length);
        _structure.ToArray().CopyTo(blob, structOffset);
        _strings.ToArray().CopyTo(blob, stringsOffset);
        return blob;
    }

    private int StringOffset(string name)
    {
        if (_stringOffsets.TryGetValue(name, out var offset)) return offset;
        offset = (int)_strings.Length;
        _strings.Write(Encoding.ASCII.GetBytes(name + "\0"));
        _stringOffsets[name] = offset;
        return offset;
    }

    private void Word(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        _structure.Write(b);
    }

    private void Bytes(ReadOnlySpan<byte> bytes) => _structure.Write(bytes);

    private void Pad()
    {
        while (_structure.Length % 4 != 0) _structure.WriteByte(0);
    }
}
