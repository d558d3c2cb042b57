namespace Nido.Jvm.Tests.Launcher;

/// <summary>
/// Our launcher against the real java 17: same exit code, same lines on the same streams (version
/// and usage texts compared as placeholders). None of these cases gets as far as running a class.
/// </summary>
public class JavaOracleTests
{
    public static TheoryData<string> Cases =>
    [
        "", "-foo", "--foo", "--foo=bar", "-Xfoo", "-XX", "-XX: -version", "-XX:+ -version",
        "-XX:+Foo -version", "-XX:Foo=3 -version", "-XX:UseG1GC -version", "-XX:UseG1GC=1 -version",
        "-XX:+UseG1GC=1 -version", "-XX:+TieredStopAtLevel -version", "-XX:TieredStopAtLevel=x -version",
        "-XX:TieredStopAtLevel=9 -version", "-XX:TieredStopAtLevel -version", "-XX:TieredStopAtLevel= -version",
        "-XX:MaxRAMPercentage=150 -version", "-XX:MaxRAMPercentage=x -version", "-XX:MaxMetaspaceSize=1q -version",
        "-XX:MaxHeapFreeRatio=101 -version", "-XX:CICompilerCount=-1 -version", "-XX:ParallelGCThreads=-1 -version",
        "-XX:ThreadStackSize=2000000 -version", "-XX:#+Foo -version", "-XX:+IgnoreUnrecognizedVMOptions -XX:+Foo -Xfoo -version",
        "-XX:+IgnoreUnrecognizedVMOptions -XX:TieredStopAtLevel=x -version",
        "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxRAMPercentage=75.5 -XX:MaxMetaspaceSize=64m -XX:HeapDumpPath=/tmp/x -version",
        "-Xmx12q", "-Xms12q", "-Xss12q", "-Xmn0 -version", "-Xmx", "-Xmx0", "-Xmx1.5g -version", "-Xmx-1", "-Xmx+5m -version",
        "-Xss1024T -version", "-Xss2t -version", "-Xss1025m -version", "-Xmx16777216T -version", "-Xmx99999999999999999999 -version",
        "-Xmx1kk -version", "-Xmx1b -version", "-XX:MaxHeapSize=12q -version", "-XX:InitialHeapSize=12q -version",
        "-Xmx0x100000000 -Xms0 -Xss0 -version", "-Xmx1 -version", "-Xmx2047k -version", "-Xms64m -Xmx32m -version",
        "-Xss100k -version", "-Xss135k -version", "-Xss136k -version", "-Xms1023k -version", "-Xms1m -version",
        "-XX:+UseG1GC -XX:+UseSerialGC -version", "-XX:+UseSerialGC -XX:-UseSerialGC -XX:+UseG1GC -version",
        "-cp", "-cp -version", "-classpath", "--class-path", "--class-path= -version", "-jar", "-jar -version",
        "-jar /nonexistent/app.jar", "-Xfoo -jar /nonexistent/app.jar", "--source", "--source=", "-m", "--module=",
        "--add-opens -version", "--add-opens= -version", "--add-opens=x -version", "--add-opens=java.base=x -version",
        "--add-opens=/x=y -version", "--add-opens=java.base/=y -version", "--add-opens==y -version", "--add-reads=a -version",
        "--add-reads=a= -version", "--add-exports=a/b= -version", "--add-exports=java.base/java.lang=ALL-UNNAMED -version",
        "--add-opens java.base/java.lang=ALL-UNNAMED -version", "--module-path", "-p", "--add-modules= -version",
        "--add-modules", "--limit-modules -version", "--patch-module=foo -version", "--illegal-access -version",
        "--illegal-access=permit -version", "--enable-preview -version",
        "-version", "--version", "-showversion", "--show-version", "-help", "-h", "-?", "--help", "-version -Xfoo",
        "-help -Xfoo", "-Xfoo -cp", "-XX:+Bar -Xfoo -version", "-Xfoo -XX:+Bar -version", "-Xmx12q -Xfoo", "-showversion -Xfoo",
        "-esa:foo -version", "-eafoo -version", "-ea: -version", "-ea -da:a.b... -esa -dsa -version",
        "-Xverify:foo -version", "-Xverify -version", "-Xverify:none -version", "-noverify -version", "-Xshare:foo -version",
        "-Xshare:off -version", "-Xcheck:foo -version", "-Xcheck:jni -version", "-Xlogfoo -version", "-Xlog:disable -version",
        "-Xbootclasspath:/x -version", "-Xbootclasspath/p:/x -version", "-Xbootclasspath/a:/x -version",
        "-Djava.ext.dirs=/x -version", "-Djava.endorsed.dirs=/x -version", "-Djdk.module.addmods=x -version",
        "-green -version", "-native -version", "-Xprof -version", "-Xfuture -version", "-checksource -version",
        "-mx12q -version", "-ms12q -version", "-server -version", "-client -version", "-verbose:foo -version",
        "-verbose:class,gc -Xint -Xmixed -Xcomp -Xbatch -Xrs -Xnoclassgc -Xdebug -Xnoagent -version",
        "-Xmaxf -version", "-Xmaxf0.5 -version", "-Xmaxjitcodesize0 -version", "-XX:ReservedCodeCacheSize=x -version",
        "-D -Dfoo -D=x -version", "--disable-@files -version", "-disable-@files -version", "-Xt -version", "-t -version",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void SameOutputAsJava(string commandLine)
    {
        JavaOracle.SkipUnlessPresent();
        string[] args = commandLine.Length == 0 ? [] : commandLine.Split(' ');
        Rendered java = JavaOracle.Run(args);
        Rendered ours = JavaOracle.Ours(args);
        Assert.Equal(java.ToString(), ours.ToString());
    }

    public static TheoryData<string, string, string> EnvironmentCases => new()
    {
        { "JDK_JAVA_OPTIONS", "-Dx=1  -Xint", "-version" },
        { "JDK_JAVA_OPTIONS", "", "-version" },
        { "JDK_JAVA_OPTIONS", "-version", "" },
        { "JDK_JAVA_OPTIONS", "-jar", "-version" },
        { "JDK_JAVA_OPTIONS", "--help", "-version" },
        { "JDK_JAVA_OPTIONS", "Main", "-version" },
        { "JDK_JAVA_OPTIONS", "-cp x Main", "-version" },
        { "JDK_JAVA_OPTIONS", "-Dx='a b", "-version" },
        { "JDK_JAVA_OPTIONS", "-Dx='a b' \"-Dy=c d\" -Xfoo", "-version" },
        { "JDK_JAVA_OPTIONS", "-Xmx12q", "-cp" },
        { "JDK_JAVA_OPTIONS", "-cp", "-version" },
        { "JDK_JAVA_OPTIONS", "@/nonexistent/x.args", "-version" },
        { "JAVA_TOOL_OPTIONS", "-Dz=1 -Xfoo", "-version" },
        { "JAVA_TOOL_OPTIONS", "-Dz=1", "-version" },
        { "JAVA_TOOL_OPTIONS", "", "-version" },
        { "JAVA_TOOL_OPTIONS", "-cp x", "-version" },
        { "JAVA_TOOL_OPTIONS", "-help", "-version" },
        { "JAVA_TOOL_OPTIONS", "-Dx='a b", "-version" },
        { "JAVA_TOOL_OPTIONS", "-Xfoo", "-Xbar -version" },
        { "JAVA_TOOL_OPTIONS", "-Dx=1", "-cp" },
        { "JAVA_TOOL_OPTIONS", "-Dx=1", "" },
        { "JAVA_TOOL_OPTIONS", "-Dx=1", "-help" },
        { "JAVA_TOOL_OPTIONS", "-Dx=1", "-jar" },
        { "JAVA_TOOL_OPTIONS", "-Xfoo", "-jar" },
        { "JAVA_TOOL_OPTIONS", "-Dx=1", "-jar /nonexistent/app.jar" },
        { "JAVA_TOOL_OPTIONS", "-XX:+IgnoreUnrecognizedVMOptions", "-XX:+Foo -version" },
        { "_JAVA_OPTIONS", "-Dw=3", "-version" },
        { "_JAVA_OPTIONS", "-Xfoo", "-Xbar -version" },
        { "_JAVA_OPTIONS", "-Xmx1m", "-Xmx64m -version" },
    };

    [Theory]
    [MemberData(nameof(EnvironmentCases))]
    public void SameOutputAsJavaWithEnvironment(string variable, string value, string commandLine)
    {
        JavaOracle.SkipUnlessPresent();
        string[] args = commandLine.Length == 0 ? [] : commandLine.Split(' ');
        var env = new Dictionary<string, string?> { [variable] = value };
        Assert.Equal(JavaOracle.Run(args, env).ToString(), JavaOracle.Ours(args, env).ToString());
    }

    [Fact]
    public void AllThreeVariablesAreAnnouncedInJavasOrder()
    {
        JavaOracle.SkipUnlessPresent();
        var env = new Dictionary<string, string?> { ["JAVA_TOOL_OPTIONS"] = "-Dz=1", ["JDK_JAVA_OPTIONS"] = "-Dq=2", ["_JAVA_OPTIONS"] = "-Dw=3" };
        Assert.Equal(JavaOracle.Run(["-version"], env).ToString(), JavaOracle.Ours(["-version"], env).ToString());
    }

    [Fact]
    public void JarProblemsAsJavaReportsThem()
    {
        JavaOracle.SkipUnlessPresent();
        using var t = new TempTree();
        string noMain = t.Jar("nomain.jar", "Manifest-Version: 1.0\r\nCreated-By: test\r\n\r\n", ("A.class", "x"));
        string noManifest = t.Jar("nomanifest.jar", null, ("a.txt", "x"));
        string notZip = t.File("notzip.jar", "hello");
        string empty = t.File("empty.jar", "");
        string dir = t.Dir("dir.jar");
        string[][] cases =
        [
            ["-jar", noMain], ["-showversion", "-jar", noMain], ["--show-version", "-jar", noMain], ["-version", "-jar", noMain],
            ["-jar", "-Dx=1", noMain], ["-jar", noManifest], ["-jar", notZip], ["-jar", empty], ["-jar", dir],
            ["-Xfoo", "-jar", notZip], ["-jar", noMain, "-Xfoo"], ["-help", "-jar", noMain], ["-showversion"], ["--show-version"],
            ["-cp", notZip, "-version"], ["-jar", "-cp", noMain, "-version"],
        ];
        foreach (string[] args in cases)
            Assert.Equal(JavaOracle.Run(args, cwd: t.Root).ToString(), JavaOracle.Ours(args).ToString());
    }

    [Fact]
    public void ArgFileProblemsAsJavaReportsThem()
    {
        JavaOracle.SkipUnlessPresent();
        using var t = new TempTree();
        string version = t.File("v.args", "-version\n");
        string main = t.File("m.args", "# a comment\nMain\n");
        string[][] cases = [["@/nonexistent/x.args"], ["-Xfoo", "@/nonexistent/x.args"], ["@" + version], ["@" + version, "-Xfoo"]];
        foreach (string[] args in cases)
            Assert.Equal(JavaOracle.Run(args, cwd: t.Root).ToString(), JavaOracle.Ours(args).ToString());
        foreach (string value in (string[])["@" + version, "@" + main, "-Dx=1 @" + main])
        {
            var env = new Dictionary<string, string?> { ["JDK_JAVA_OPTIONS"] = value };
            Assert.Equal(JavaOracle.Run(["-Dy=2"], env, t.Root).ToString(), JavaOracle.Ours(["-Dy=2"], env).ToString());
        }
    }
}
