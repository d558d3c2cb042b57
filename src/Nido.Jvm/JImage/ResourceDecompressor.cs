using System.Buffers.Binary;

namespace Nido.Jvm.JImage;

/// <summary>
/// Undoes jlink's resource compression. A compressed resource is a chain: each stage starts with a 29-byte header
/// (magic 0xCAFEFAFA, u8 stored size, u8 size after this stage, u4 strings offset of the decompressor's name,
/// u4 unused, u1 terminal flag, all in the image's byte order) and the stages are undone until the bytes no longer
/// start with the magic, as the JDK does. Malformed input gives InvalidDataException.
/// </summary>
internal static class ResourceDecompressor
{
    public const int HeaderSize = 29;
    public const uint HeaderMagic = 0xCAFEFAFA;
    /// <summary>jlink applies at most two plugins (compact-cp then zip); more stages than this is a loop in a hostile file.</summary>
    private const int MaxStages = 8;

    public static byte[] Decompress(byte[] content, bool bigEndian, StringLookup strings, long finalSize)
    {
        // A stage never needs to be much larger than the final resource (string sharing can grow the data by a
        // few bytes per constant at most); the cap keeps a hostile size from allocating gigabytes.
        long stageLimit = Math.Min(Array.MaxLength, 2 * finalSize + 65536);
        for (int stage = 0; ; stage++)
        {
            if (content.Length < HeaderSize || ReadUInt32(content, 0, bigEndian) != HeaderMagic) return content;
            if (stage == MaxStages) throw new InvalidDataException($"more than {MaxStages} compression stages");
            ulong size = ReadUInt64(content, 12, bigEndian);
            if (size > (ulong)stageLimit)
                throw new InvalidDataException($"compression stage claims {size} bytes for a {finalSize}-byte resource");
            long nameOffset = ReadUInt32(content, 20, bigEndian);
            var name = strings(nameOffset);
            if (name.SequenceEqual("zip"u8))
                content = ZipDecompressor.Decompress(content, HeaderSize, (int)size);
            else if (name.SequenceEqual("compact-cp"u8))
                content = StringSharingDecompressor.Decompress(content.AsSpan(HeaderSize), (int)size, strings);
            else
                throw new InvalidDataException($"unknown decompressor '{ModifiedUtf8.Decode(name)}'");
        }
    }

    private static uint ReadUInt32(byte[] b, int at, bool bigEndian) => bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

    private static ulong ReadUInt64(byte[] b, int at, bool bigEndian) => bigEndian
        ? BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at));
}
