using Nido.Jvm.Launcher;

namespace Nido.Jvm.Tests.Launcher;

public class JavaOptionsTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static JavaOptions Parse(params string[] args) => JavaOptions.Parse(args, NoEnvironment);

    private static JavaOptions Parse(Dictionary<string, string?> env, params string[] args) => JavaOptions.Parse(args, env);

    private static JavaLauncherException Fails(params string[] args) => Assert.Throws<JavaLauncherException>(() => Parse(args));

    private static KeyValuePair<string, string>[] UserProperties(JavaOptions o) =>
        o.SystemProperties.Where(p => !p.Key.StartsWith("sun.java.", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void ClassPathOptionsAndTheMainClass()
    {
        var o = Parse("-cp", "a:b::c", "com.x.Main", "x", "y");
        Assert.Equal(LauncherAction.Run, o.Action);
        Assert.Equal(["a", "b", "", "c"], o.ClassPath);
        Assert.Equal("a:b::c", o.ClassPathString);
        Assert.Equal("com.x.Main", o.MainClass);
        Assert.Null(o.JarFile);
        Assert.Equal(["x", "y"], o.ProgramArguments);
        Assert.Equal(["q"], Parse("-classpath", "q", "M").ClassPath);
        Assert.Equal(["q"], Parse("--class-path", "q", "M").ClassPath);
        Assert.Equal(["q", "r"], Parse("--class-path=q:r", "M").ClassPath);
        Assert.Equal([""], Parse("-cp", "", "M").ClassPath);
    }

    [Fact]
    public void ClassPathDefaultsToClasspathVariableThenDot()
    {
        Assert.Equal(["."], Parse("M").ClassPath);
        var env = new Dictionary<string, string?> { ["CLASSPATH"] = "/env/a:/env/b" };
        Assert.Equal(["/env/a", "/env/b"], Parse(env, "M").ClassPath);
        Assert.Equal(["cli"], Parse(env, "-cp", "cli", "M").ClassPath);
        Assert.Equal([""], Parse(new Dictionary<string, string?> { ["CLASSPATH"] = "" }, "M").ClassPath);
    }

    [Fact]
    public void LastClassPathSettingWinsIncludingJavaClassPathProperty()
    {
        Assert.Equal(["z"], Parse("-cp", "a", "-Djava.class.path=z", "M").ClassPath);
        Assert.Equal(["a"], Parse("-Djava.class.path=z", "-cp", "a", "M").ClassPath);
        Assert.Equal(["z"], Parse("-Djava.class.path=z", "M").ClassPath); // no "." added then
        Assert.DoesNotContain(Parse("-Djava.class.path=z", "M").SystemProperties, p => p.Key == "java.class.path");
    }

    [Fact]
    public void ClassPathWildcardsAreExpandedForCpButNotForTheProperty()
    {
        using var t = new TempTree();
        t.Jar("lib/b.jar", null);
        t.Jar("lib/a.jar", null);
        string lib = t.PathOf("lib");
        Assert.Equal([$"{lib}/a.jar", $"{lib}/b.jar", "x"], Parse("-cp", $"{lib}/*:x", "M").ClassPath);
        Assert.Equal([$"{lib}/a.jar", $"{lib}/b.jar"], Parse(new Dictionary<string, string?> { ["CLASSPATH"] = $"{lib}/*" }, "M").ClassPath);
        Assert.Equal([$"{lib}/*"], Parse($"-Djava.class.path={lib}/*", "M").ClassPath);
    }

    [Fact]
    public void MainClassWithSlashesBecomesABinaryName()
    {
        Assert.Equal("pkg.sub.Main", Parse("pkg/sub/Main").MainClass);
    }

    [Fact]
    public void ArgumentsAfterTheMainClassAreNeverParsed()
    {
        var o = Parse("-Da=1", "Main", "-Xfoo", "-version", "-cp", "@nofile", "-server");
        Assert.Equal(LauncherAction.Run, o.Action);
        Assert.Equal(["-Xfoo", "-version", "-cp", "@nofile", "-server"], o.ProgramArguments);
    }

    [Fact]
    public void SystemPropertiesInOrderWithTheLaunchersOwn()
    {
        var o = Parse("-Da=1", "-Db", "-Da=2", "-D=x", "-Dk=v=w", "Main", "p");
        Assert.Equal([new("a", "1"), new("b", ""), new("a", "2"), new("", "x"), new("k", "v=w"),
            new("sun.java.command", "Main p"), new("sun.java.launcher", "SUN_STANDARD")], o.SystemProperties);
    }

    [Theory]
    [InlineData("-Xmx1g", 1L << 30, null, null)]
    [InlineData("-Xmx0x1000000", 0x1000000L, null, null)]
    [InlineData("-Xmx2t", 2L << 40, null, null)]
    [InlineData("-Xmx64M", 64L << 20, null, null)]
    [InlineData("-XX:MaxHeapSize=3m", 3L << 20, null, null)]
    [InlineData("-Xms2m", null, 2L << 20, null)]
    [InlineData("-Xms0", null, 0L, null)]
    [InlineData("-XX:InitialHeapSize=8m", null, 8L << 20, null)]
    [InlineData("-Xss1m", null, null, 1L << 20)]
    [InlineData("-Xss200000", null, null, 200704L)]
    [InlineData("-Xss0", null, null, 0L)]
    [InlineData("-XX:ThreadStackSize=512", null, null, 512L << 10)]
    [InlineData("-ss2m", null, null, 2L << 20)]
    [InlineData("-mx5m", 5L << 20, null, null)]
    public void SizesInBytes(string option, long? max, long? initial, long? stack)
    {
        var o = Parse(option, "Main");
        Assert.Equal(max, o.MaxHeap);
        Assert.Equal(initial, o.InitialHeap);
        Assert.Equal(stack, o.ThreadStack);
    }

    [Fact]
    public void BadSizesFailAsJava()
    {
        var e = Fails("-Xmx12q", "Main");
        Assert.Equal(1, e.ExitCode);
        Assert.Equal(["Invalid maximum heap size: -Xmx12q", "Error: Could not create the Java Virtual Machine.",
            "Error: A fatal exception has occurred. Program will exit."], e.StderrLines);
        Assert.Empty(e.StdoutLines);
        Assert.Equal("Invalid initial heap size: -Xms1.5g", Fails("-Xms1.5g", "Main").StderrLines[0]);
        Assert.Equal(["Invalid thread stack size: -Xss2g", "The specified size exceeds the maximum representable size."],
            Fails("-Xss2g", "Main").StderrLines.Take(2));
        var tooSmall = Fails("-Xmx1k", "Main");
        Assert.Equal(["Error occurred during initialization of VM", "Too small maximum heap"], tooSmall.StdoutLines);
        Assert.Empty(tooSmall.StderrLines);
    }

    [Fact]
    public void InterpretOnlyAndModes()
    {
        Assert.True(Parse("-Xint", "M").InterpretOnly);
        Assert.False(Parse("-Xint", "-Xmixed", "M").InterpretOnly);
        Assert.False(Parse("M").InterpretOnly);
        Assert.Equal(["-Xcomp", "-Xbatch", "-Xshare:off", "-Xlog:gc", "-Xbootclasspath/a:/x"],
            Parse("-Xint", "-Xcomp", "-Xbatch", "-Xshare:off", "-Xlog:gc", "-Xbootclasspath/a:/x", "M").OtherVmOptions);
    }

    [Fact]
    public void Verbose()
    {
        Assert.True(Parse("-verbose:class", "M").VerboseClass);
        Assert.True(Parse("-verbose", "M").VerboseClass);
        var o = Parse("-verbose:gc", "-verbose:jni", "-verbose:module", "-verbose:foo", "M");
        Assert.False(o.VerboseClass);
        Assert.True(o.VerboseGC && o.VerboseJni && o.VerboseModule);
        Assert.True(Parse("-verbosegc", "M").VerboseGC);
    }

    [Fact]
    public void AssertionsAreRecordedInOrder()
    {
        var o = Parse("-ea", "-da:com.x...", "-enableassertions:com.x.Y", "-disableassertions", "-ea:...", "-esa", "M");
        Assert.Equal([new(true, null), new(false, "com.x..."), new(true, "com.x.Y"), new(false, null), new(true, "...")], o.Assertions);
        Assert.True(o.SystemAssertions);
        Assert.False(Parse("-enablesystemassertions", "-dsa", "M").SystemAssertions);
        Assert.Equal("Unrecognized option: -eax", Fails("-eax", "M").StderrLines[0]);
    }

    [Fact]
    public void ServerAndClientAreIgnoredBeforeTheMainClass()
    {
        var o = Parse("-server", "-client", "-cp", "x", "M", "-server");
        Assert.Equal(["-server"], o.ProgramArguments);
        Assert.Equal(LauncherMessages.NotSupported("-XXaltjvm (another VM library)"), Fails("-XXaltjvm=zero", "M").StderrLines[0]);
    }

    [Fact]
    public void KnownVmFlagsAreRecordedOthersRejected()
    {
        var o = Parse("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxRAMPercentage=75.5", "-XX:MaxMetaspaceSize=64m",
            "-XX:HeapDumpPath=/tmp/x", "-XX:-UseSerialGC", "M");
        Assert.Equal([new("UseSerialGC", "true"), new("TieredStopAtLevel", "1"), new("MaxRAMPercentage", "75.5"),
            new("MaxMetaspaceSize", "67108864"), new("HeapDumpPath", "/tmp/x"), new("UseSerialGC", "false")], o.VmFlags);
        Assert.Equal("false", o.Flag("UseSerialGC"));
        Assert.Null(o.Flag("UseG1GC"));
        Assert.Equal("Unrecognized VM option 'Foo'", Fails("-XX:+Foo", "M").StderrLines[0]);
        Assert.Equal("Unrecognized VM option 'Foo=3'", Fails("-XX:Foo=3", "M").StderrLines[0]);
        Assert.DoesNotContain(Parse("-XX:+IgnoreUnrecognizedVMOptions", "-XX:+Foo", "M").VmFlags, f => f.Name == "Foo");
    }

    [Fact]
    public void ModuleOptionsAndPreview()
    {
        var o = Parse("--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-modules", "java.sql", "--enable-preview", "M");
        Assert.Equal([new("--add-opens", "java.base/java.lang=ALL-UNNAMED"), new("--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED"),
            new("--add-modules", "java.sql")], o.ModuleOptions);
        Assert.True(o.EnablePreview);
        var illegal = Parse("--illegal-access=permit", "M");
        Assert.Equal(["Nido JVM warning: Ignoring option --illegal-access=permit; support was removed in 17.0"], illegal.Notes);
    }

    [Theory]
    [InlineData("-version", LauncherAction.PrintVersion, false)]
    [InlineData("--version", LauncherAction.PrintVersion, true)]
    [InlineData("-help", LauncherAction.PrintHelp, false)]
    [InlineData("-h", LauncherAction.PrintHelp, false)]
    [InlineData("-?", LauncherAction.PrintHelp, false)]
    [InlineData("--help", LauncherAction.PrintHelp, true)]
    [InlineData("-X", LauncherAction.PrintExtraHelp, false)]
    [InlineData("--help-extra", LauncherAction.PrintExtraHelp, true)]
    [InlineData("-fullversion", LauncherAction.PrintFullVersion, false)]
    [InlineData("--full-version", LauncherAction.PrintFullVersion, true)]
    public void InformationActions(string option, LauncherAction action, bool stdout)
    {
        var o = Parse(option, "-Xthis-is-not-parsed", "Main");
        Assert.Equal(action, o.Action);
        Assert.Equal(stdout, o.PrintToStdout);
        Assert.Null(o.MainClass);
    }

    [Fact]
    public void ShowVersionThenRun()
    {
        var o = Parse("--show-version", "Main");
        Assert.Equal(LauncherAction.Run, o.Action);
        Assert.True(o.ShowVersion);
        Assert.True(o.PrintToStdout);
        Assert.True(Parse("--dry-run", "Main").DryRun);
        Assert.Equal("-XshowSettings:properties", Parse("-XshowSettings:properties", "Main").ShowSettings);
    }

    [Fact]
    public void NoMainClassPrintsUsageToStderrAndExits1()
    {
        var e = Fails();
        Assert.Equal(1, e.ExitCode);
        Assert.Equal(JavaUsage.Lines(JavaUsage.Help), e.StderrLines);
        var shown = Fails("--show-version");
        Assert.True(shown.Output[0].IsVersion);
        Assert.Equal(LauncherStream.Stdout, shown.Output[0].Stream);
        Assert.Equal(JavaUsage.Lines(JavaUsage.Help), shown.StdoutLines);
    }

    [Fact]
    public void UsageNamesNido()
    {
        Assert.StartsWith("Usage: nido java [options] <mainclass> [args...]\n", JavaUsage.Help, StringComparison.Ordinal);
        Assert.EndsWith("--<name> <value>.\n\n", JavaUsage.Help, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOptionFailsAsJava()
    {
        var e = Fails("-foo", "Main");
        Assert.Equal(["Unrecognized option: -foo", "Error: Could not create the Java Virtual Machine.",
            "Error: A fatal exception has occurred. Program will exit."], e.StderrLines);
    }

    [Fact]
    public void SourceFilesAndModulesAreNotSupported()
    {
        using var t = new TempTree();
        string source = t.File("Hello.java", "class Hello {}");
        Assert.Contains("not supported by Nido", Fails(source).StderrLines[0]);
        Assert.Contains("not supported by Nido", Fails("--source", "17", source).StderrLines[0]);
        Assert.Contains("not supported by Nido", Fails("-m", "mod/cls").StderrLines[0]);
        Assert.Equal("Main.java", Parse("Main.java").MainClass); // no such file: a class name, as java takes it
    }

    [Fact]
    public void JdkJavaOptionsArePrependedAndAnnounced()
    {
        var env = new Dictionary<string, string?> { ["JDK_JAVA_OPTIONS"] = "-Dx=1 '-Dy=a b' -cp /from/env" };
        var o = Parse(env, "-Dx=2", "Main");
        Assert.Equal(["NOTE: Picked up JDK_JAVA_OPTIONS: -Dx=1 '-Dy=a b' -cp /from/env"], o.Notes);
        Assert.Equal([new("x", "1"), new("y", "a b"), new("x", "2")], UserProperties(o));
        Assert.Equal(["/from/env"], o.ClassPath);
        var e = Assert.Throws<JavaLauncherException>(() => Parse(new Dictionary<string, string?> { ["JDK_JAVA_OPTIONS"] = "Main" }, "-version"));
        Assert.Equal(["NOTE: Picked up JDK_JAVA_OPTIONS: Main", "Error: Cannot specify main class in environment variable JDK_JAVA_OPTIONS"],
            e.StderrLines);
    }

    [Fact]
    public void ToolOptionsComeFirstAndUnderscoreOptionsLast()
    {
        var env = new Dictionary<string, string?> { ["JAVA_TOOL_OPTIONS"] = "-Dx=tool -Dt=1", ["_JAVA_OPTIONS"] = "-Dx=last" };
        var o = Parse(env, "-Dx=cli", "Main");
        Assert.Equal(["Picked up JAVA_TOOL_OPTIONS: -Dx=tool -Dt=1", "Picked up _JAVA_OPTIONS: -Dx=last"], o.Notes);
        Assert.Equal([new("x", "tool"), new("t", "1"), new("x", "cli"), new("x", "last")], UserProperties(o));
        var late = Parse(new Dictionary<string, string?> { ["_JAVA_OPTIONS"] = "-Djava.class.path=/late" }, "-cp", "a", "Main");
        Assert.Equal(["/late"], late.ClassPath);
    }

    [Fact]
    public void ArgFilesExpandUntilTheMainClass()
    {
        using var t = new TempTree();
        string opts = t.File("opts", "# options\n-cp \"/a b/c\" # the class path\n-Dmsg='hello world'\n");
        string main = t.File("main", "com.x.Main first \"second arg\" @not-expanded\n");
        var o = Parse("@" + opts, "@" + main, "third", "@" + opts);
        Assert.Equal(["/a b/c"], o.ClassPath);
        Assert.Equal("com.x.Main", o.MainClass);
        Assert.Equal(["first", "second arg", "@not-expanded", "third", "@" + opts], o.ProgramArguments);
        Assert.Equal([new("msg", "hello world")], UserProperties(o));
    }

    [Fact]
    public void ArgFileEscapesAndDisabling()
    {
        using var t = new TempTree();
        string opts = t.File("opts", "-Dx=1");
        Assert.Equal("@Main", Parse("@@Main").MainClass);
        // java 17 stops expanding after --disable-@files, then rejects the option itself; so do we.
        Assert.Equal("Unrecognized option: --disable-@files", Fails("--disable-@files", "@" + opts).StderrLines[0]);
        var e = Fails("@" + t.PathOf("missing"));
        Assert.Equal([$"Error: could not open `{t.PathOf("missing")}'"], e.StderrLines);
        Assert.Equal(1, e.ExitCode);
    }

    [Fact]
    public void JarRunsItsMainClass()
    {
        using var t = new TempTree();
        string jar = t.Jar("app.jar", "Manifest-Version: 1.0\r\nMain-Class: com.example.app.Ma\r\n in\r\nClass-Path: lib/a.jar\r\n\r\n");
        var o = Parse("-Dx=1", "-jar", jar, "arg");
        Assert.Equal(LauncherAction.Run, o.Action);
        Assert.Equal("com.example.app.Main", o.MainClass);
        Assert.Equal(jar, o.JarFile);
        Assert.Equal([jar], o.ClassPath);
        Assert.Equal(["arg"], o.ProgramArguments);
        Assert.Equal([jar], Parse("-cp", "ignored", "-jar", jar).ClassPath);
    }

    [Fact]
    public void JarErrorsAsJava()
    {
        using var t = new TempTree();
        string noMain = t.Jar("nomain.jar", "Manifest-Version: 1.0\n\n");
        string corrupt = t.File("corrupt.jar", "not a zip");
        string missing = t.PathOf("missing.jar");
        Assert.Equal([$"no main manifest attribute, in {noMain}"], Fails("-jar", noMain).StderrLines);
        Assert.Equal([$"Error: Invalid or corrupt jarfile {corrupt}"], Fails("-jar", corrupt).StderrLines);
        Assert.Equal([$"Error: Unable to access jarfile {missing}"], Fails("-jar", missing).StderrLines);
        var e = Fails("-jar");
        Assert.Equal("Error: -jar requires jar file specification", e.StderrLines[0]);
        Assert.Equal(JavaUsage.Lines(JavaUsage.Help), e.StderrLines.Skip(1));
    }
}
