using Nido.Jvm.JImage;

namespace Nido.Jvm.Tests.JImage;

/// <summary>Hostile and truncated images: every operation either works or throws JImageException, nothing else.</summary>
public sealed class JImageFuzzTests
{
    /// <summary>Opens the image and does everything the JVM would; returns whether it got through without JImageException.</summary>
    private static bool Exercise(string path)
    {
        try
        {
            using var image = JImageFile.Open(path);
            _ = image.Modules;
            foreach (var name in new[] { "java/lang/Object", "java/lang/Shared", "p/q/Thing", "java/lang/String", "x/Y", "a" })
                _ = image.FindClass(name);
            foreach (var package in new[] { "java/lang", "p/q", "p", "java", "no/such" })
                _ = image.ModuleOfPackage(package);
            _ = image.Read("java.base", "java/lang/Zipped.txt");
            _ = image.Read("m.two", "p/q/README");
            _ = image.Read("m.two", "p/q/\u00e9t\u00e9.txt");
            _ = image.Read("java.base", "module-info.class");
            return true;
        }
        catch (JImageException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void MutatedImagesGiveJImageExceptionOrBytes(bool bigEndian, int seed)
    {
        var original = ConstructedImageTests.SampleImage(bigEndian);
        int indexEnd = IndexSize(original, bigEndian);
        var random = new Random(seed);
        using var files = new JImageTempFiles();
        var path = files.Write(original);
        Assert.True(Exercise(path));
        int survived = 0;
        for (int round = 0; round < 3000; round++)
        {
            var image = (byte[])original.Clone();
            for (int k = random.Next(1, 5); k > 0; k--)
            {
                // Mostly the header and tables, where offsets live; sometimes the contents.
                int at = random.Next(4) == 0 ? random.Next(image.Length) : random.Next(indexEnd);
                image[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)(image[at] ^ 1 << random.Next(8)),
                    _ => 0xFF,
                };
            }
            File.WriteAllBytes(path, image);
            if (Exercise(path)) survived++;
        }
        // Both outcomes must occur, or the mutations missed the parts that matter.
        Assert.InRange(survived, 1, 2999);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ImagesCutAtEveryLengthGiveJImageExceptionOrBytes(bool bigEndian)
    {
        var image = ConstructedImageTests.SampleImage(bigEndian);
        using var files = new JImageTempFiles();
        var path = files.Write(image);
        for (int length = 0; length < image.Length; length++)
        {
            File.WriteAllBytes(path, image.AsSpan(0, length));
            Assert.False(Exercise(path), $"cut at {length} of {image.Length} read as whole");
        }
    }

    [Fact]
    public void RealImageHeadsGiveJImageExceptionOrBytes()
    {
        var modules = Jdk17.RequireModulesFile();
        using var source = File.OpenRead(modules);
        var header = new byte[28];
        source.ReadExactly(header);
        int indexEnd = IndexSize(header, bigEndian: false);
        using var files = new JImageTempFiles();
        foreach (int length in new[] { 0, 4, 27, 28, 29, 4096, indexEnd - 1, indexEnd, indexEnd + 4096, indexEnd + 2_000_000 })
        {
            var head = new byte[length];
            source.Position = 0;
            source.ReadExactly(head);
            var path = files.Write(head);
            bool complete = Exercise(path);
            Assert.False(complete && length <= indexEnd, $"head of {length} bytes read as whole");
            if (length > indexEnd)
            {
                using var image = JImageFile.Open(path);
                // Object's content lies within the first 2 MB of contents in this JDK, java.sql's classes far beyond.
                try { Assert.NotNull(image.FindClass("java/lang/Object")); }
                catch (JImageException e) { Assert.Contains("past the end of the file", e.Message); }
                var e2 = Assert.Throws<JImageException>(() => image.FindClass("java/sql/Connection"));
                Assert.Contains("past the end of the file", e2.Message);
            }
        }
    }

    [Theory]
    [InlineData("redirect", "redirect entry points at slot")]
    [InlineData("offsets", "outside the")]
    [InlineData("locations", "unknown attribute kind 31")]
    [InlineData("strings", "has no terminating NUL")]
    public void BrokenTablesAreNamedInTheError(string table, string expected)
    {
        var image = ConstructedImageTests.SampleImage(bigEndian: false);
        int Word(int i) => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(4 * i));
        int n = Word(4), locations = 28 + 8 * n, strings = locations + Word(5), end = strings + Word(6);
        switch (table)
        {
            case "redirect":
                for (int i = 0; i < n; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(28 + 4 * i), -1 - n - i);
                break;
            case "offsets":
                for (int i = 0; i < n; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(28 + 4 * (n + i)), Word(5) + i);
                break;
            case "locations":
                image.AsSpan(locations, strings - locations).Fill(0xFF);
                break;
            case "strings":
                image.AsSpan(strings, end - strings).Replace((byte)0, (byte)'a');
                break;
        }
        using var files = new JImageTempFiles();
        var path = files.Write(image);
        using var opened = JImageFile.Open(path);
        var e = Assert.Throws<JImageException>(() => opened.FindClass("java/lang/Object"));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    private static int IndexSize(byte[] image, bool bigEndian)
    {
        int Word(int i) => bigEndian
            ? System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(4 * i))
            : System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(4 * i));
        return 28 + 8 * Word(4) + Word(5) + Word(6);
    }
}
