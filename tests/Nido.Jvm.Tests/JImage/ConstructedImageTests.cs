using Nido.Jvm.JImage;

namespace Nido.Jvm.Tests.JImage;

/// <summary>Images written byte by byte by TestImageBuilder: lookups, both byte orders, compressed entries, header errors.</summary>
public sealed class ConstructedImageTests
{
    private static readonly byte[] ObjectClass = [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61, 1, 2, 3];
    private static readonly byte[] ThingClass = [0xCA, 0xFE, 0xBA, 0xBE, 9, 9, 9];

    /// <summary>A small image with plain, zipped and zipped-over-compact-cp entries and package entries.</summary>
    internal static byte[] SampleImage(bool bigEndian)
    {
        var b = new TestImageBuilder(bigEndian);
        var zipped = TestImageBuilder.Ascii(string.Concat(Enumerable.Repeat("hello jimage ", 40)));
        var (transformed, rebuilt) = DecompressorTests.SampleCompactCp(b.String);
        b.Resource("java.base", "java/lang/Object.class", ObjectClass)
            .Resource("java.base", "java/lang/Zipped.txt", b.Zip(zipped), zipped.Length, compressed: true)
            .Resource("java.base", "java/lang/Shared.class", b.Zip(b.CompactCp(transformed, rebuilt.Length)), rebuilt.Length, compressed: true)
            .Resource("java.base", "module-info.class", [0xCA, 0xFE])
            .Resource("m.two", "p/q/Thing.class", ThingClass)
            .Resource("m.two", "p/q/README", TestImageBuilder.Ascii("no extension"))
            .Resource("m.two", "p/q/\u00e9t\u00e9.txt", [42])
            .Package("java.lang", ("m.two", true), ("java.base", false))
            .Package("p.q", ("m.two", false))
            .Package("p", ("m.two", true));
        return b.Build();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsEntriesInEitherByteOrder(bool bigEndian)
    {
        using var files = new JImageTempFiles();
        using var image = JImageFile.Open(files.Write(SampleImage(bigEndian)));
        Assert.Equal(ObjectClass, image.Read("java.base", "java/lang/Object.class"));
        Assert.Equal(ObjectClass, image.FindClass("java/lang/Object"));
        Assert.Equal(ThingClass, image.FindClass("p/q/Thing"));
        Assert.Equal(TestImageBuilder.Ascii("no extension"), image.Read("m.two", "p/q/README"));
        Assert.Equal([42], image.Read("m.two", "p/q/\u00e9t\u00e9.txt"));
        Assert.Equal(string.Concat(Enumerable.Repeat("hello jimage ", 40)),
            System.Text.Encoding.ASCII.GetString(image.Read("java.base", "java/lang/Zipped.txt")!));
        Assert.Equal(DecompressorTests.SampleCompactCp(new TestImageBuilder().String).Rebuilt.Length,
            image.FindClass("java/lang/Shared")!.Length);
        Assert.Equal(["java.base", "m.two"], image.Modules);
        Assert.Equal("java.base", image.ModuleOfPackage("java/lang"));
        Assert.Equal("m.two", image.ModuleOfPackage("p/q"));
        Assert.Null(image.ModuleOfPackage("p"));
        Assert.Null(image.FindClass("p/Nothing"));
        Assert.Null(image.Read("m.two", "p/q/Thing.clas"));
        Assert.Null(image.Read("m.two", "p/q/README.txt"));
        Assert.Null(image.Read("java.base", "p/q/Thing.class"));
    }

    [Fact]
    public void CompactCpEntryRebuildsExactly()
    {
        using var files = new JImageTempFiles();
        var b = new TestImageBuilder();
        var (transformed, rebuilt) = DecompressorTests.SampleCompactCp(b.String);
        b.Resource("a", "x/Y.class", b.CompactCp(transformed, rebuilt.Length), rebuilt.Length, compressed: true)
            .Resource("a", "x/Z.class", b.Zip(b.CompactCp(transformed, rebuilt.Length)), rebuilt.Length, compressed: true)
            .Package("x", ("a", false));
        using var image = JImageFile.Open(files.Write(b.Build()));
        Assert.Equal(rebuilt, image.FindClass("x/Y"));
        Assert.Equal(rebuilt, image.FindClass("x/Z"));
    }

    [Fact]
    public void FindsEveryOneOfManyEntries()
    {
        // Enough names that several share a first-hash bucket and the redirect table needs seeds.
        var b = new TestImageBuilder();
        for (int i = 0; i < 500; i++) b.Resource("m", $"pkg{i % 7}/C{i}.class", [(byte)i, (byte)(i >> 8)]);
        for (int p = 0; p < 7; p++) b.Package($"pkg{p}", ("m", false));
        using var files = new JImageTempFiles();
        using var image = JImageFile.Open(files.Write(b.Build()));
        for (int i = 0; i < 500; i++)
        {
            Assert.Equal(new byte[] { (byte)i, (byte)(i >> 8) }, image.FindClass($"pkg{i % 7}/C{i}"));
            Assert.Null(image.FindClass($"pkg{i % 7}/D{i}"));
        }
    }

    [Fact]
    public void EmptyTableFindsNothing()
    {
        using var files = new JImageTempFiles();
        byte[] header = [0xDA, 0xDA, 0xFE, 0xCA, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        using var image = JImageFile.Open(files.Write(header));
        Assert.Null(image.FindClass("java/lang/Object"));
        Assert.Null(image.Read("java.base", "java/lang/Object.class"));
        Assert.Empty(image.Modules);
    }

    [Theory]
    [InlineData(new byte[] { 0xDA, 0xDA, 0xFE, 0xCB }, "bad magic")]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00 }, "bad magic")]
    public void BadMagicIsRefused(byte[] magic, string expected)
    {
        var image = SampleImage(false);
        magic.CopyTo(image, 0);
        AssertRefused(image, expected);
    }

    [Theory]
    [InlineData(0x00020000, "unsupported version 2.0")]
    [InlineData(0x00010001, "unsupported version 1.1")]
    public void OtherVersionsAreRefused(int version, string expected)
    {
        AssertRefused(new TestImageBuilder().Resource("m", "a/B.class", [1]).Build(version), expected);
        AssertRefused(new TestImageBuilder(bigEndian: true).Resource("m", "a/B.class", [1]).Build(version), expected);
    }

    [Fact]
    public void TruncatedFilesAreRefused()
    {
        var image = SampleImage(false);
        AssertRefused([], "shorter than the 28-byte header");
        AssertRefused(image[..27], "shorter than the 28-byte header");
        AssertRefused(image[..28], "truncated index");
        AssertRefused(image[..100], "truncated index");
        // A table length that cannot fit: negative, and too large to address.
        var bad = (byte[])image.Clone();
        bad[16] = 0xFF; bad[17] = 0xFF; bad[18] = 0xFF; bad[19] = 0xFF;
        AssertRefused(bad, "bad hash table length -1");
        bad[19] = 0x3F;
        AssertRefused(bad, "bad hash table length 1073741823");
        bad[19] = 0x1F;
        AssertRefused(bad, "truncated index");
    }

    [Fact]
    public void ContentPastTheEndIsRefusedOnRead()
    {
        // The builder writes the /modules directory's content last, so cutting one byte cuts it short.
        var image = SampleImage(false);
        using var files = new JImageTempFiles();
        using var opened = JImageFile.Open(files.Write(image[..^1]));
        var e = Assert.Throws<JImageException>(() => opened.Modules);
        Assert.Contains("'/modules'", e.Message);
        Assert.Contains("lies past the end of the file", e.Message);
        Assert.Equal(ObjectClass, opened.FindClass("java/lang/Object"));
    }

    [Fact]
    public void MissingFilesAndDirectoriesAreRefused()
    {
        using var files = new JImageTempFiles();
        var missing = Path.Combine(files.Directory, "absent");
        var e = Assert.Throws<JImageException>(() => JImageFile.Open(missing));
        Assert.Contains(missing, e.Message);
        Assert.Contains("cannot open", e.Message);
        Assert.Throws<JImageException>(() => JImageFile.Open(files.Directory));
    }

    private static void AssertRefused(byte[] image, string expected)
    {
        using var files = new JImageTempFiles();
        var path = files.Write(image);
        var e = Assert.Throws<JImageException>(() => JImageFile.Open(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }
}
