using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Nido.Jvm.JImage;

namespace Nido.Jvm.Tests.JImage;

/// <summary>The zip and compact-cp stages on inputs built here, good and broken.</summary>
public sealed class DecompressorTests
{
    /// <summary>A strings table for decompressors without an image.</summary>
    private sealed class Strings
    {
        private readonly Dictionary<int, byte[]> _byOffset = [];
        private readonly Dictionary<string, int> _byString = [];
        public int Add(string s)
        {
            if (_byString.TryGetValue(s, out int o)) return o;
            o = 1 + 17 * _byString.Count; // any distinct offsets do
            _byString[s] = o;
            _byOffset[o] = ModifiedUtf8.Encode(s);
            return o;
        }
        public ReadOnlySpan<byte> Get(long offset) =>
            _byOffset.TryGetValue((int)offset, out var b) ? b : throw new InvalidDataException($"no string at {offset}");
    }

    /// <summary>jlink's compact integer form (CompressIndexes): 1-3 bytes with a size header, else a plain int.</summary>
    internal static byte[] CompressedInt(int value)
    {
        int width = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)value);
        int size = Math.Min(((width + 2) >> 3) + 1, 4);
        var result = new byte[size];
        for (int i = 0; i < size; i++) result[i] = (byte)(value >> ((size - i - 1) * 8));
        if (size < 4) result[0] |= (byte)(0x80 | size << 5);
        return result;
    }

    private static byte[] U2(int v) => [(byte)(v >> 8), (byte)v];
    private static byte[] Utf8Entry(string s) { var b = ModifiedUtf8.Encode(s); return [1, .. U2(b.Length), .. b]; }

    /// <summary>A class file with every kind of pool entry, as compact-cp stores it and as it rebuilds.</summary>
    internal static (byte[] Transformed, byte[] Rebuilt) SampleCompactCp(Func<string, int> intern)
    {
        byte[] head = [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61, .. U2(14)];
        byte[] tail = [0, 0x21, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xAB];
        byte[] longEntry = [5, 1, 2, 3, 4, 5, 6, 7, 8], doubleEntry = [6, 8, 7, 6, 5, 4, 3, 2, 1];
        byte[] others = [3, 0, 0, 0, 42, 15, 6, 0, 2, 17, 0, 1, 0, 4, 19, 0, 1];
        const string desc = "(Ljava/lang/String;ILFoo;[Ljava/util/List;)V";
        var transformed = new List<byte>(head);
        transformed.AddRange(Utf8Entry("Code"));                                       // #1
        transformed.AddRange([23, .. CompressedInt(intern("java/lang/Object"))]);      // #2
        transformed.AddRange([7, 0, 2]);                                               // #3
        var indexes = new[] { "java/lang", "String", "", "Foo", "java/util", "List" }
            .SelectMany(s => CompressedInt(intern(s))).ToArray();
        transformed.AddRange([25, .. CompressedInt(intern("(L;IL;[L;)V")), .. CompressedInt(indexes.Length), .. indexes]); // #4
        transformed.AddRange(longEntry);                                               // #5, #6
        transformed.AddRange(doubleEntry);                                             // #7, #8
        transformed.AddRange(others);                                                  // #9 int, #10 handle, #11 dynamic, #12 module
        transformed.AddRange([23, .. CompressedInt(intern("\u00e9t\u00e9\0"))]);       // #13
        transformed.AddRange(tail);

        byte[] rebuilt =
        [
            .. head, .. Utf8Entry("Code"), .. Utf8Entry("java/lang/Object"), 7, 0, 2, .. Utf8Entry(desc),
            .. longEntry, .. doubleEntry, .. others, .. Utf8Entry("\u00e9t\u00e9\0"), .. tail,
        ];
        return (transformed.ToArray(), rebuilt);
    }

    private static byte[] Header(bool bigEndian, long stored, long size, int nameOffset)
    {
        var h = new byte[ResourceDecompressor.HeaderSize];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(h, ResourceDecompressor.HeaderMagic);
            BinaryPrimitives.WriteInt64BigEndian(h.AsSpan(4), stored);
            BinaryPrimitives.WriteInt64BigEndian(h.AsSpan(12), size);
            BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(20), nameOffset);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h, ResourceDecompressor.HeaderMagic);
            BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(4), stored);
            BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(12), size);
            BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(20), nameOffset);
        }
        h[28] = 1;
        return h;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var packed = new MemoryStream();
        using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return packed.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(0x1FFF)]
    [InlineData(0x2000)]
    [InlineData(0x1FFFFF)]
    [InlineData(0x200000)]
    [InlineData(int.MaxValue)]
    public void CompressedIntsRead(int value)
    {
        var bytes = CompressedInt(value);
        int at = 0;
        Assert.Equal(value, StringSharingDecompressor.ReadCompressedInt(bytes, ref at));
        Assert.Equal(bytes.Length, at);
    }

    [Fact]
    public void CompactCpRebuildsThePool()
    {
        var strings = new Strings();
        var (transformed, rebuilt) = SampleCompactCp(strings.Add);
        Assert.Equal(rebuilt, StringSharingDecompressor.Decompress(transformed, rebuilt.Length, strings.Get));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ZipOverCompactCpChainUndoesBoth(bool bigEndian)
    {
        var strings = new Strings();
        var (transformed, rebuilt) = SampleCompactCp(strings.Add);
        byte[] inner = [.. Header(bigEndian, transformed.Length, rebuilt.Length, strings.Add("compact-cp")), .. transformed];
        var packed = Deflate(inner);
        byte[] outer = [.. Header(bigEndian, packed.Length, inner.Length, strings.Add("zip")), .. packed];
        Assert.Equal(rebuilt, ResourceDecompressor.Decompress(outer, bigEndian, strings.Get, rebuilt.Length));
    }

    [Fact]
    public void ContentWithoutAStageHeaderIsReturnedAsIs()
    {
        var strings = new Strings();
        byte[] plain = [.. Encoding.ASCII.GetBytes("not compressed at all, but long enough")];
        Assert.Same(plain, ResourceDecompressor.Decompress(plain, false, strings.Get, plain.Length));
    }

    [Fact]
    public void BrokenStagesGiveInvalidData()
    {
        var strings = new Strings();
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abc", 100)));
        var packed = Deflate(data);
        int zip = strings.Add("zip");

        byte[] Stage(long size, byte[] body, int name) => [.. Header(false, body.Length, size, name), .. body];
        void Broken(byte[] content, string expected, long finalSize = 300)
        {
            var e = Assert.Throws<InvalidDataException>(() => ResourceDecompressor.Decompress(content, false, strings.Get, finalSize));
            Assert.Contains(expected, e.Message);
        }

        Assert.Equal(data, ResourceDecompressor.Decompress(Stage(300, packed, zip), false, strings.Get, 300));
        Broken(Stage(300, packed, strings.Add("lz4")), "unknown decompressor 'lz4'");
        Broken(Stage(300, packed, 99999), "no string at 99999");
        Broken(Stage(301, packed, zip), "inflated to 300 bytes, expected 301");
        Broken(Stage(300, packed[..(packed.Length / 2)], zip), "");
        Broken(Stage(300, [.. Enumerable.Repeat((byte)0xFF, 40)], zip), "");
        Broken(Stage(long.MaxValue, packed, zip), "claims");
        Broken(Stage(1L << 40, packed, zip), "claims", finalSize: 1 << 30);

        Broken(Stage(300, [], zip), "inflated to 0 bytes, expected 300");
        // A zlib stream that asks for a preset dictionary (FDICT), which jlink never writes.
        Broken(Stage(300, [0x78, 0x20, 0, 0, 0, 1, .. packed[2..]], zip), "");

        // A header chain that never ends: each zip stage inflates to another zip stage.
        byte[] chain = data;
        for (int i = 0; i < 10; i++) chain = Stage(chain.Length, Deflate(chain), zip);
        Broken(chain, "more than 8 compression stages", finalSize: 300);
    }

    [Fact]
    public void BrokenCompactCpGivesInvalidData()
    {
        var strings = new Strings();
        var (transformed, rebuilt) = SampleCompactCp(strings.Add);
        for (int cut = 0; cut < transformed.Length; cut++)
            Assert.Throws<InvalidDataException>(() => StringSharingDecompressor.Decompress(transformed.AsSpan(0, cut), rebuilt.Length, strings.Get));
        Assert.Throws<InvalidDataException>(() => StringSharingDecompressor.Decompress(transformed, rebuilt.Length - 1, strings.Get));
        Assert.Throws<InvalidDataException>(() => StringSharingDecompressor.Decompress(transformed, rebuilt.Length + 1, strings.Get));

        byte[] head = [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61, 0, 2];
        var e = Assert.Throws<InvalidDataException>(() => StringSharingDecompressor.Decompress([.. head, 2, 0, 0], 13, strings.Get));
        Assert.Contains("unknown tag 2", e.Message);
        e = Assert.Throws<InvalidDataException>(() => StringSharingDecompressor.Decompress([.. head, 99], 13, strings.Get));
        Assert.Contains("unknown tag 99", e.Message);
        e = Assert.Throws<InvalidDataException>(() => StringSharingDecompressor.Decompress([.. head, 23, 0x80 | 0 << 5], 13, strings.Get));
        Assert.Contains("zero length", e.Message);
    }

    [Fact]
    public void MutatedCompactCpGivesInvalidDataOrBytes()
    {
        var strings = new Strings();
        var (transformed, rebuilt) = SampleCompactCp(strings.Add);
        var random = new Random(1234);
        for (int round = 0; round < 5000; round++)
        {
            var input = (byte[])transformed.Clone();
            for (int k = random.Next(1, 4); k > 0; k--) input[random.Next(input.Length)] = (byte)random.Next(256);
            try
            {
                StringSharingDecompressor.Decompress(input, rebuilt.Length, strings.Get);
            }
            catch (InvalidDataException)
            {
            }
        }
    }
}
