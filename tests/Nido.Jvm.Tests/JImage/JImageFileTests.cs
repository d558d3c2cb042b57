using System.Diagnostics;
using Nido.Jvm.JImage;

namespace Nido.Jvm.Tests.JImage;

/// <summary>Reads the installed JDK 17's lib/modules and checks it against the JDK's own jimage tool.</summary>
public sealed class JImageFileTests
{
    // Classes across several modules, with nested and inner names; module and internal name.
    private static readonly (string Module, string Class)[] Samples =
    [
        ("java.base", "java/lang/Object"),
        ("java.base", "java/lang/String"),
        ("java.base", "java/util/Map$Entry"),
        ("java.base", "java/util/HashMap"),
        ("java.base", "java/lang/invoke/MethodHandle"),
        ("java.base", "jdk/internal/misc/Unsafe"),
        ("java.base", "java/lang/Thread$State"),
        ("java.sql", "java/sql/Connection"),
        ("java.logging", "java/util/logging/Logger"),
        ("java.desktop", "javax/swing/JFrame"),
        ("java.xml", "javax/xml/parsers/DocumentBuilder"),
        ("jdk.compiler", "com/sun/tools/javac/Main"),
    ];

    [Fact]
    public void FindsObjectAndString()
    {
        using var image = JImageFile.Open(Jdk17.RequireModulesFile());
        foreach (var name in new[] { "java/lang/Object", "java/lang/String" })
        {
            var bytes = image.FindClass(name);
            Assert.NotNull(bytes);
            Assert.Equal([0xCA, 0xFE, 0xBA, 0xBE], bytes.AsSpan(0, 4).ToArray());
        }
    }

    [Fact]
    public void FindsClassesInOtherModulesAndNestedClasses()
    {
        using var image = JImageFile.Open(Jdk17.RequireModulesFile());
        var connection = image.FindClass("java/sql/Connection");
        Assert.NotNull(connection);
        Assert.Equal(connection, image.Read("java.sql", "java/sql/Connection.class"));
        Assert.NotNull(image.FindClass("java/util/Map$Entry"));
    }

    [Fact]
    public void AbsentClassesAndResourcesAreNull()
    {
        using var image = JImageFile.Open(Jdk17.RequireModulesFile());
        Assert.Null(image.FindClass("java/lang/NoSuchClass"));
        Assert.Null(image.FindClass("no/such/package/Foo"));
        Assert.Null(image.FindClass("NoPackage"));
        Assert.Null(image.FindClass(""));
        Assert.Null(image.Read("java.base", "java/sql/Connection.class")); // right path, wrong module
        Assert.Null(image.Read("no.such.module", "java/lang/Object.class"));
        Assert.Null(image.Read("java.base", "java/lang/Object.clas"));
        Assert.Null(image.Read("java.base", "java/lang/Object.class\0"));
        Assert.Null(image.Read("java.base", "java/lang/\u00e9t\u00e9.class"));
    }

    [Fact]
    public void MapsPackagesToModules()
    {
        using var image = JImageFile.Open(Jdk17.RequireModulesFile());
        Assert.Equal("java.base", image.ModuleOfPackage("java/lang"));
        Assert.Equal("java.base", image.ModuleOfPackage("java/util"));
        Assert.Equal("java.sql", image.ModuleOfPackage("java/sql"));
        Assert.Equal("java.logging", image.ModuleOfPackage("java/util/logging"));
        // java.lang also appears, empty, in modules that only hold subpackages of it: the non-empty one wins.
        Assert.Equal("java.instrument", image.ModuleOfPackage("java/lang/instrument"));
        // "java" is only a prefix of packages, it holds nothing itself.
        Assert.Null(image.ModuleOfPackage("java"));
        Assert.Null(image.ModuleOfPackage("no/such/package"));
        Assert.Equal("java.base", image.ModuleOfPackage("java/lang")); // cached answer
    }

    [Fact]
    public void ListsModules()
    {
        using var image = JImageFile.Open(Jdk17.RequireModulesFile());
        Assert.Contains("java.base", image.Modules);
        Assert.Contains("java.sql", image.Modules);
        Assert.Contains("jdk.compiler", image.Modules);
        Assert.DoesNotContain("", image.Modules);
        Assert.Equal(image.Modules.Order(StringComparer.Ordinal), image.Modules);
        Assert.Equal(image.Modules.Count, image.Modules.Distinct().Count());
    }

    [Fact]
    public void BytesEqualWhatJimageExtractGives()
    {
        var modules = Jdk17.RequireModulesFile();
        using var dir = new JImageTempFiles();
        Jdk17.Run("jimage", "extract", "--dir", dir.Directory,
            "--include", string.Join(',', Samples.Select(s => $"/{s.Module}/{s.Class}.class")), modules);
        using var image = JImageFile.Open(modules);
        foreach (var (module, name) in Samples)
        {
            var expected = File.ReadAllBytes(Path.Combine(dir.Directory, module, name + ".class"));
            Assert.Equal(expected, image.FindClass(name));
            Assert.Equal(expected, image.Read(module, name + ".class"));
        }
        var moduleInfo = image.Read("java.base", "module-info.class");
        Assert.NotNull(moduleInfo);
        Assert.Equal(0xCA, moduleInfo[0]);
    }

    [Fact]
    public void ReadsFromManyThreadsAtOnce()
    {
        using var image = JImageFile.Open(Jdk17.RequireModulesFile());
        var expected = Samples.Select(s => image.FindClass(s.Class)).ToArray();
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var fresh = i % 8 == 0 ? JImageFile.Open(image.Path) : null;
            var reader = fresh ?? image;
            for (int round = 0; round < 20; round++)
            for (int k = 0; k < Samples.Length; k++)
            {
                int j = (k + i) % Samples.Length;
                Assert.Equal(expected[j], reader.FindClass(Samples[j].Class));
            }
            Assert.Contains("java.base", reader.Modules);
        });
    }

    [Fact]
    public void ReadsAfterDisposeAreRefused()
    {
        var image = JImageFile.Open(Jdk17.RequireModulesFile());
        image.Dispose();
        image.Dispose();
        Assert.Throws<ObjectDisposedException>(() => image.FindClass("java/util/HashMap"));
    }

    /// <summary>
    /// Opening the image and finding the first class, as the JVM does at start, twenty times over (each open maps and
    /// unmaps the file). The time is reported for bench/jvm.sh's readers, never asserted.
    /// </summary>
    [Fact]
    public void OpenAndFindClassRepeatedly()
    {
        var path = Jdk17.RequireModulesFile();
        var first = Stopwatch.StartNew();
        using (var image = JImageFile.Open(path)) Assert.NotNull(image.FindClass("java/lang/Object"));
        first.Stop();
        var times = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            var again = Stopwatch.StartNew();
            using var image = JImageFile.Open(path);
            Assert.NotNull(image.FindClass("java/lang/Object"));
            times.Add(again.Elapsed.TotalMicroseconds);
        }
        times.Sort();
        TestContext.Current.SendDiagnosticMessage(
            $"Open+FindClass(java/lang/Object): first in process {first.Elapsed.TotalMicroseconds:F0} us (JIT included), then median {times[times.Count / 2]:F0} us");
    }
}
