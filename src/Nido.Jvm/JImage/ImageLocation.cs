namespace Nido.Jvm.JImage;

/// <summary>
/// One entry's attributes, decoded from the locations table. Each attribute is a byte (kind &lt;&lt; 3 | length - 1)
/// then that many big-endian value bytes; kind 0 ends the list. Name parts are offsets into the strings table
/// (0 = absent); the content offset is relative to the end of the index.
/// </summary>
internal readonly struct ImageLocation
{
    private const int KindEnd = 0, KindModule = 1, KindParent = 2, KindBase = 3, KindExtension = 4,
        KindOffset = 5, KindCompressed = 6, KindUncompressed = 7, KindCount = 8;

    public ulong Module { get; init; }
    public ulong Parent { get; init; }
    public ulong Base { get; init; }
    public ulong Extension { get; init; }
    public ulong ContentOffset { get; init; }
    /// <summary>Stored size when compressed; 0 means the content is stored as is.</summary>
    public ulong CompressedSize { get; init; }
    public ulong UncompressedSize { get; init; }

    /// <summary>Decodes the attributes at <paramref name="offset"/>; throws InvalidDataException when they leave the table.</summary>
    public static ImageLocation Decode(ReadOnlySpan<byte> locations, long offset)
    {
        if ((ulong)offset >= (ulong)locations.Length)
            throw new InvalidDataException($"location offset {offset} is outside the {locations.Length}-byte locations table");
        Span<ulong> values = stackalloc ulong[KindCount];
        int at = (int)offset;
        // Like the JDK's reader, the end of the table also ends the list.
        while (at < locations.Length)
        {
            int data = locations[at++];
            int kind = data >> 3;
            if (kind == KindEnd) break;
            if (kind >= KindCount)
                throw new InvalidDataException($"location at {offset} has unknown attribute kind {kind}");
            int length = (data & 7) + 1;
            if (length > locations.Length - at)
                throw new InvalidDataException($"location at {offset} runs past the end of the locations table");
            ulong value = 0;
            for (int i = 0; i < length; i++) value = value << 8 | locations[at++];
            values[kind] = value;
        }
        return new ImageLocation
        {
            Module = values[KindModule],
            Parent = values[KindParent],
            Base = values[KindBase],
            Extension = values[KindExtension],
            ContentOffset = values[KindOffset],
            CompressedSize = values[KindCompressed],
            UncompressedSize = values[KindUncompressed],
        };
    }
}
