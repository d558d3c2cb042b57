using System.Text;
using Nido.Jvm.Launcher;

namespace Nido.Jvm.Tests.Launcher;

public class ClassPathTests
{
    private static string Text(byte[]? bytes) => bytes == null ? "<none>" : Encoding.UTF8.GetString(bytes);

    [Fact]
    public void FirstEntryThatHasTheClassWins()
    {
        using var t = new TempTree();
        t.File("one/com/x/A.class", "one");
        t.File("two/com/x/A.class", "two");
        t.File("two/com/x/B.class", "two-b");
        string jar = t.Jar("three.jar", null, ("com/x/A.class", "jar"), ("com/x/C.class", "jar-c"));
        using var cp = new ClassPath([t.PathOf("missing"), t.PathOf("one"), jar, t.PathOf("two")]);
        Assert.Equal("one", Text(cp.FindClass("com/x/A")));
        Assert.Equal("two-b", Text(cp.FindClass("com/x/B")));
        Assert.Equal("jar-c", Text(cp.FindClass("com/x/C")));
        Assert.Null(cp.FindClass("com/x/D"));
    }

    [Fact]
    public void StringFormSplitsOnColonsAndEmptyEntriesAreTheBaseDirectory()
    {
        using var t = new TempTree();
        t.File("Main.class", "here");
        t.File("sub/Other.class", "sub");
        using var cp = new ClassPath("nope::sub", t.Root);
        Assert.Equal(["nope", "", "sub"], cp.Entries);
        Assert.Equal("here", Text(cp.FindClass("Main")));
        Assert.Equal("sub", Text(cp.FindClass("Other")));
        using var empty = new ClassPath("", t.Root);
        Assert.Equal("here", Text(empty.FindClass("Main")));
    }

    [Fact]
    public void WildcardExpandsToTheJarsInTheDirectory()
    {
        using var t = new TempTree();
        t.Jar("lib/b.jar", null, ("B.class", "b"));
        t.Jar("lib/a.JAR", null, ("A.class", "a"), ("B.class", "from-a"));
        t.Jar("lib/c.Jar", null, ("C.class", "c")); // java takes only .jar and .JAR
        t.File("lib/d.txt", "d");
        t.Dir("empty");
        string lib = t.PathOf("lib");
        Assert.Equal($"x:{lib}/a.JAR:{lib}/b.jar:y", ClassPathWildcard.Expand($"x:{lib}/*:y"));
        Assert.Equal("lib/a.JAR:lib/b.jar", ClassPathWildcard.Expand("lib/*", t.Root));
        // No jars, or no directory: the entry stays as written (and is then simply not found).
        Assert.Equal("empty/*:gone/*", ClassPathWildcard.Expand("empty/*:gone/*", t.Root));
        Assert.Equal("lib/x*", ClassPathWildcard.Expand("lib/x*", t.Root));
        using var cp = new ClassPath("lib/*", t.Root);
        Assert.Equal("from-a", Text(cp.FindClass("B")));
        Assert.Null(cp.FindClass("C"));
    }

    [Fact]
    public void AFileNamedStarIsNotAWildcard()
    {
        using var t = new TempTree();
        t.Jar("lib/a.jar", null);
        t.File("lib/*", "not a jar");
        Assert.Equal("lib/*", ClassPathWildcard.Expand("lib/*", t.Root));
    }

    [Fact]
    public void ManifestClassPathComesRightAfterItsJar()
    {
        using var t = new TempTree();
        // Class-Path continued over two lines, with a directory (trailing '/'), a missing jar and one seen before.
        string manifest = "Manifest-Version: 1.0\r\nClass-Path: lib/dep.jar classes/ missing.j\r\n ar lib/dep.jar ../outside/\r\n\r\n";
        string app = t.Jar("app/app.jar", manifest, ("App.class", "app"));
        t.Jar("app/lib/dep.jar", "Class-Path: nested.jar\n", ("Dep.class", "dep"), ("Shared.class", "dep"));
        t.Jar("app/lib/nested.jar", null, ("Nested.class", "nested"), ("Shared.class", "nested"));
        t.File("app/classes/Loose.class", "loose");
        t.File("outside/Out.class", "out");
        t.File("later/Shared.class", "later");
        t.File("later/Loose.class", "later");
        using var cp = new ClassPath([app, t.PathOf("later")]);
        Assert.Equal("app", Text(cp.FindClass("App")));
        Assert.Equal("dep", Text(cp.FindClass("Dep")));
        Assert.Equal("nested", Text(cp.FindClass("Nested")));
        Assert.Equal("dep", Text(cp.FindClass("Shared")));
        Assert.Equal("loose", Text(cp.FindClass("Loose")));
        Assert.Equal("out", Text(cp.FindClass("Out")));
    }

    [Fact]
    public void ManifestDirectoryWithoutTrailingSlashIsNotUsed()
    {
        using var t = new TempTree();
        string app = t.Jar("app.jar", "Class-Path: classes\n");
        t.File("classes/A.class", "a");
        using var cp = new ClassPath([app]);
        Assert.Null(cp.FindClass("A"));
    }

    [Fact]
    public void CorruptJarNamesItselfEveryTimeTheSearchReachesIt()
    {
        using var t = new TempTree();
        t.File("first/A.class", "a");
        string bad = t.File("bad.jar", "this is not a zip");
        using var cp = new ClassPath([t.PathOf("first"), bad]);
        Assert.Equal("a", Text(cp.FindClass("A"))); // found before the bad jar: it is not opened
        var e = Assert.Throws<JarFileException>(() => cp.FindClass("B"));
        Assert.Equal(bad, e.JarPath);
        Assert.Contains(bad, e.Message);
        Assert.False(e.CannotOpen);
        Assert.Throws<JarFileException>(() => cp.ResourceLocation("B.class"));
    }

    [Fact]
    public void ResourceLocationsAreJavaUrls()
    {
        using var t = new TempTree();
        t.File("dir/com/x/A.class", "a");
        t.File("dir/META-INF/services/S", "dir");
        string jar = t.Jar("my lib.jar", null, ("META-INF/services/S", "jar"), ("com/y/", ""), ("com/y/B.class", "b"));
        using var cp = new ClassPath([t.PathOf("dir"), jar]);
        string root = t.Root;
        Assert.Equal($"file:{root}/dir/com/x/A.class", cp.ResourceLocation("com/x/A.class"));
        Assert.Equal($"file:{root}/dir/com/x/", cp.ResourceLocation("com/x"));
        Assert.Equal($"jar:file:{root}/my%20lib.jar!/com/y/B.class", cp.ResourceLocation("com/y/B.class"));
        Assert.Equal($"jar:file:{root}/my%20lib.jar!/com/y", cp.ResourceLocation("com/y"));
        Assert.Equal([$"file:{root}/dir/META-INF/services/S", $"jar:file:{root}/my%20lib.jar!/META-INF/services/S"],
            cp.ResourceLocations("META-INF/services/S"));
        Assert.Equal("dir", Text(cp.FindResource("META-INF/services/S")));
    }

    [Fact]
    public void NamesCannotLeaveADirectory()
    {
        using var t = new TempTree();
        t.File("secret.txt", "s");
        t.File("dir/a/B.class", "b");
        using var cp = new ClassPath([t.PathOf("dir")]);
        Assert.Null(cp.FindResource("../secret.txt"));
        Assert.Null(cp.FindResource("/secret.txt"));
        Assert.Equal("b", Text(cp.FindResource("a/../a/B.class")));
    }

    [Fact]
    public void MultiReleaseJarServesTheNewestVersionUpTo17()
    {
        using var t = new TempTree();
        string jar = t.Jar("mr.jar", "Multi-Release: true\n",
            ("A.class", "base"), ("META-INF/versions/9/A.class", "9"), ("META-INF/versions/11/A.class", "11"),
            ("META-INF/versions/21/A.class", "21"), ("B.class", "base-b"));
        using var cp = new ClassPath([jar]);
        Assert.Equal("11", Text(cp.FindClass("A")));
        Assert.Equal("base-b", Text(cp.FindClass("B")));
    }

    [Fact]
    public void ManyThreadsLoadFromOneJarAtOnce()
    {
        using var t = new TempTree();
        var entries = Enumerable.Range(0, 200).Select(i => ($"p/C{i}.class", new string((char)('a' + i % 26), 1000 + i))).ToArray();
        string jar = t.Jar("many.jar", null, entries);
        using var cp = new ClassPath([t.PathOf("nothing-here"), jar]);
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, k =>
        {
            int i = k % 200;
            Assert.Equal(entries[i].Item2, Text(cp.FindClass($"p/C{i}")));
        });
    }

    [Fact]
    public void DisposedClassPathRefusesSearches()
    {
        using var t = new TempTree();
        string jar = t.Jar("a.jar", null, ("A.class", "a"));
        var cp = new ClassPath([jar]);
        Assert.NotNull(cp.FindClass("A"));
        cp.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cp.FindClass("A"));
    }
}
