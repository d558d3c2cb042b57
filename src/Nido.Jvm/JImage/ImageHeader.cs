using System.Buffers.Binary;

namespace Nido.Jvm.JImage;

/// <summary>
/// The fixed 28-byte header of a jimage: seven 32-bit words in the image's byte order (the order the magic reads
/// right in), then the index (redirect table, offsets table, location attributes, strings) whose sizes it gives.
/// </summary>
internal readonly struct ImageHeader
{
    public const int Size = 7 * 4;
    public const uint Magic = 0xCAFEDADA;
    public const int MajorVersion = 1;
    public const int MinorVersion = 0;

    public bool BigEndian { get; init; }
    public int Flags { get; init; }
    public int ResourceCount { get; init; }
    public int TableLength { get; init; }
    public int LocationsSize { get; init; }
    public int StringsSize { get; init; }

    public long RedirectOffset => Size;
    public long OffsetsOffset => RedirectOffset + 4L * TableLength;
    public long LocationsOffset => OffsetsOffset + 4L * TableLength;
    public long StringsOffset => LocationsOffset + LocationsSize;
    /// <summary>Resource contents start here; a location's offset attribute is relative to it.</summary>
    public long IndexSize => StringsOffset + StringsSize;

    /// <summary>Reads and checks the header; <paramref name="fileLength"/> bounds the index it describes.</summary>
    public static ImageHeader Parse(ReadOnlySpan<byte> bytes, long fileLength, string path)
    {
        if (bytes.Length < Size)
            throw new JImageException(path, $"file is {fileLength} bytes, shorter than the {Size}-byte header");
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        bool bigEndian;
        if (magic == Magic) bigEndian = false;
        else if (BinaryPrimitives.ReverseEndianness(magic) == Magic) bigEndian = true;
        else throw new JImageException(path, $"bad magic 0x{magic:X8} (not a jimage file)");

        Span<int> words = stackalloc int[7];
        for (int i = 0; i < words.Length; i++)
            words[i] = bigEndian
                ? BinaryPrimitives.ReadInt32BigEndian(bytes[(4 * i)..])
                : BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]);

        int version = words[1];
        int major = (int)((uint)version >> 16), minor = version & 0xFFFF;
        if (major != MajorVersion || minor != MinorVersion)
            throw new JImageException(path, $"unsupported version {major}.{minor} (only {MajorVersion}.{MinorVersion} is known)");

        var header = new ImageHeader
        {
            BigEndian = bigEndian,
            Flags = words[2],
            ResourceCount = words[3],
            TableLength = words[4],
            LocationsSize = words[5],
            StringsSize = words[6],
        };
        // The tables are addressed with int offsets (as the JDK's reader does), so each must fit in one.
        if (header.TableLength < 0 || header.TableLength > int.MaxValue / 4)
            throw new JImageException(path, $"bad hash table length {header.TableLength}");
        if (header.LocationsSize < 0)
            throw new JImageException(path, $"bad locations size {header.LocationsSize}");
        if (header.StringsSize < 0)
            throw new JImageException(path, $"bad strings size {header.StringsSize}");
        if (header.IndexSize > fileLength)
            throw new JImageException(path,
                $"truncated index: header and tables need {header.IndexSize} bytes but the file has {fileLength}");
        return header;
    }
}
