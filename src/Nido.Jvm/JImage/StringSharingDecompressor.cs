namespace Nido.Jvm.JImage;

/// <summary>
/// jlink's "compact-cp" stage: a class file whose constant pool had its UTF-8 entries moved into the image's
/// shared strings table. Two extra tags stand in for CONSTANT_Utf8: 23, a string by its strings-table offset, and
/// 25, a descriptor whose class names were cut out ("L" then package offset and simple-name offset, in order).
/// Offsets and lengths use a compact integer form; everything after the pool is copied unchanged.
/// </summary>
internal static class StringSharingDecompressor
{
    public const byte ExternalizedString = 23;
    public const byte ExternalizedDescriptor = 25;
    private const byte Utf8 = 1;

    /// <summary>Bytes after the tag of each fixed-size constant (JVMS 4.4); 0 marks tags with no fixed size.</summary>
    private static ReadOnlySpan<byte> EntrySizes =>
    [
        0, 0, 0, 4, 4, 8, 8, 2, 2, 4, 4, 4, 4, 0, 0, 3, 2, 4, 4, 2, 2,
    ];

    public static byte[] Decompress(ReadOnlySpan<byte> input, int size, StringLookup strings)
    {
        var output = new byte[size];
        int inAt = 0, outAt = 0;
        // magic, minor and major version, then the constant pool count.
        Copy(input, ref inAt, output, ref outAt, 8);
        int count = input.Length >= inAt + 2 ? input[inAt] << 8 | input[inAt + 1] : 0;
        Copy(input, ref inAt, output, ref outAt, 2);
        for (int i = 1; i < count; i++)
        {
            byte tag = Take(input, ref inAt);
            switch (tag)
            {
                case Utf8:
                {
                    Put(output, ref outAt, Utf8);
                    int length = input.Length >= inAt + 2 ? input[inAt] << 8 | input[inAt + 1] : 0;
                    Copy(input, ref inAt, output, ref outAt, 2 + length);
                    break;
                }
                case ExternalizedString:
                {
                    var s = strings(ReadCompressedInt(input, ref inAt));
                    Put(output, ref outAt, Utf8);
                    PutU2(output, ref outAt, s.Length);
                    Put(output, ref outAt, s);
                    break;
                }
                case ExternalizedDescriptor:
                    Put(output, ref outAt, Utf8);
                    Reconstruct(input, ref inAt, output, ref outAt, strings);
                    break;
                default:
                    int entry = tag < EntrySizes.Length ? EntrySizes[tag] : 0;
                    if (entry == 0) throw new InvalidDataException($"constant pool entry {i} has unknown tag {tag}");
                    Put(output, ref outAt, tag);
                    Copy(input, ref inAt, output, ref outAt, entry);
                    if (tag is 5 or 6) i++; // long and double take two pool slots
                    break;
            }
        }
        int rest = input.Length - inAt;
        if (rest != output.Length - outAt)
            throw new InvalidDataException($"compact-cp content is {outAt + rest} bytes once rebuilt, expected {size}");
        Copy(input, ref inAt, output, ref outAt, rest);
        return output;
    }

    /// <summary>Rebuilds a descriptor: its skeleton keeps the "L"s, and each is followed by package/ and simple name.</summary>
    private static void Reconstruct(ReadOnlySpan<byte> input, ref int inAt, byte[] output, ref int outAt, StringLookup strings)
    {
        var skeleton = strings(ReadCompressedInt(input, ref inAt));
        int indexBytes = ReadCompressedInt(input, ref inAt);
        if (indexBytes > input.Length - inAt)
            throw new InvalidDataException("compact-cp descriptor indexes run past the end of the content");
        var indexes = input.Slice(inAt, indexBytes);
        inAt += indexBytes;

        int lengthAt = outAt;
        PutU2(output, ref outAt, 0);
        int indexAt = 0;
        foreach (byte c in skeleton)
        {
            Put(output, ref outAt, c);
            if (c != (byte)'L') continue;
            var package = strings(ReadCompressedInt(indexes, ref indexAt));
            if (!package.IsEmpty)
            {
                Put(output, ref outAt, package);
                Put(output, ref outAt, (byte)'/');
            }
            Put(output, ref outAt, strings(ReadCompressedInt(indexes, ref indexAt)));
        }
        int length = outAt - lengthAt - 2;
        if (length > ushort.MaxValue) throw new InvalidDataException("compact-cp descriptor longer than 65535 bytes");
        output[lengthAt] = (byte)(length >> 8);
        output[lengthAt + 1] = (byte)length;
    }

    /// <summary>
    /// jlink's compact integer: a first byte with the top bit set holds the byte count (1-3) in bits 6-5 and the
    /// value's top 5 bits; otherwise the value is a plain big-endian 4-byte int (so at most 31 bits).
    /// </summary>
    internal static int ReadCompressedInt(ReadOnlySpan<byte> input, ref int at)
    {
        byte first = Take(input, ref at);
        int length = (first & 0x80) != 0 ? first >> 5 & 3 : 4;
        if (length == 0) throw new InvalidDataException("compact-cp integer with a zero length");
        int value = (first & 0x80) != 0 ? first & 0x1F : first;
        for (int i = 1; i < length; i++) value = value << 8 | Take(input, ref at);
        return value;
    }

    private static byte Take(ReadOnlySpan<byte> input, ref int at)
    {
        if (at >= input.Length) throw new InvalidDataException("compact-cp content ends early");
        return input[at++];
    }

    private static void Copy(ReadOnlySpan<byte> input, ref int inAt, byte[] output, ref int outAt, int length)
    {
        if (length > input.Length - inAt) throw new InvalidDataException("compact-cp content ends early");
        Put(output, ref outAt, input.Slice(inAt, length));
        inAt += length;
    }

    private static void Put(byte[] output, ref int at, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > output.Length - at) throw new InvalidDataException("compact-cp content rebuilds larger than its stated size");
        bytes.CopyTo(output.AsSpan(at));
        at += bytes.Length;
    }

    private static void Put(byte[] output, ref int at, byte b) => Put(output, ref at, [b]);

    private static void PutU2(byte[] output, ref int at, int value)
    {
        if (value > ushort.MaxValue) throw new InvalidDataException("compact-cp string longer than 65535 bytes");
        Put(output, ref at, [(byte)(value >> 8), (byte)value]);
    }
}
