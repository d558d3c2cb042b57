using System.Buffers.Binary;

namespace Nido.Jvm.ClassFile;

/// <summary>Big-endian cursor over class-file bytes; running past the end is a ClassFormatError ("Truncated class file").</summary>
internal ref struct ClassReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    public int Position;

    public readonly int Remaining => _data.Length - Position;

    public byte U1() => Take(1)[0];
    public ushort U2() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));
    public int U4() => BinaryPrimitives.ReadInt32BigEndian(Take(4));
    public long U8() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > Remaining) throw new ClassFormatException("Truncated class file");
        var span = _data.Slice(Position, length);
        Position += length;
        return span;
    }
}
