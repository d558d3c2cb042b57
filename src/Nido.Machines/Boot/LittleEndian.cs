using System.Buffers.Binary;

namespace Nido.Machines.Boot;

/// <summary>Field access at byte offsets of the little-endian formats the loaders read (ELF, Multiboot, the zero page).</summary>
internal static class LittleEndian
{
    public static ushort U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b[at..]);

    public static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b[at..]);

    public static ulong U64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b[at..]);

    public static void W32(Span<byte> b, int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(b[at..], value);

    public static void W64(Span<byte> b, int at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(b[at..], value);
}
