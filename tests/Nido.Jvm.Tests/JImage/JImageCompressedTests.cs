using Nido.Jvm.JImage;

namespace Nido.Jvm.Tests.JImage;

/// <summary>
/// Debian's lib/modules is stored uncompressed, so these make compressed images with JDK 17's jlink
/// (--compress=1 is string sharing, "compact-cp"; --compress=2 is zip) and compare every entry with what the
/// JDK's jimage tool extracts from them.
/// </summary>
public sealed class JImageCompressedTests
{
    [Theory]
    [InlineData("1", "java.sql")]
    [InlineData("2", "java.base")]
    public void EveryEntryEqualsJimageExtract(string level, string modules)
    {
        Jdk17.RequireModulesFile();
        Assert.SkipUnless(Directory.Exists(Path.Combine(Jdk17.Home, "jmods")), "no jmods for jlink");
        using var dir = new JImageTempFiles();
        var runtime = Path.Combine(dir.Directory, "runtime");
        var extracted = Path.Combine(dir.Directory, "extracted");
        Jdk17.Run("jlink", "--add-modules", modules, $"--compress={level}", "--output", runtime);
        var imagePath = Path.Combine(runtime, "lib", "modules");
        Jdk17.Run("jimage", "extract", "--dir", extracted, imagePath);

        using var image = JImageFile.Open(imagePath);
        var moduleDirs = Directory.GetDirectories(extracted).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(moduleDirs, image.Modules);
        int files = 0;
        foreach (var module in moduleDirs)
        {
            var root = Path.Combine(extracted, module);
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                var resource = Path.GetRelativePath(root, file);
                var bytes = image.Read(module, resource);
                Assert.True(bytes is not null, $"{module}/{resource} missing");
                Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(bytes), $"{module}/{resource} differs");
                files++;
            }
        }
        Assert.True(files > 5000, $"only {files} entries extracted");
        Assert.Equal(File.ReadAllBytes(Path.Combine(extracted, "java.base", "java", "lang", "Object.class")),
            image.FindClass("java/lang/Object"));
    }
}
