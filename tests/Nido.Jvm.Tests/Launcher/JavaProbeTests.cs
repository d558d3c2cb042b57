namespace Nido.Jvm.Tests.Launcher;

/// <summary>Runs a real program under the real java and checks that our parse gives it the same class path, arguments and properties.</summary>
public class JavaProbeTests
{
    private static void Same(string[] args, Dictionary<string, string?>? env = null, string? cwd = null) =>
        Assert.Equal(JavaProbe.Run(args, env, cwd), JavaProbe.Ours(args, env));

    [Fact]
    public void ArgFileWithQuotesEscapesAndComments()
    {
        string probe = JavaProbe.Directory();
        using var t = new TempTree();
        string file = t.File("run.args",
            "# comment line\n-cp '" + probe + "' -Dt.a=\"x y\" # trailing comment\n-Dt.b='tab\\there' \"-Dt.c=a\\\\b\"\n"
            + "-Dt.d=ab#gone\n-Dt.e=\"open quote\n-Dt.f='continued \\\n     line'\nProbe one \"two words\" '' three\n");
        Same(["-Dt.z=cli", "@" + file, "after", "@" + file]);
    }

    [Fact]
    public void EnvironmentVariablesAndOrder()
    {
        string probe = JavaProbe.Directory();
        using var t = new TempTree();
        string file = t.File("env.args", "-Dt.fromfile=1 -Dt.x=file");
        var env = new Dictionary<string, string?>
        {
            ["JDK_JAVA_OPTIONS"] = $"-Dt.x=jdk '-Dt.q=a b' @{file}",
            ["JAVA_TOOL_OPTIONS"] = "-Dt.x=tool -Dt.tool=\"1 2\"",
            ["_JAVA_OPTIONS"] = "-Dt.last=yes",
            ["CLASSPATH"] = probe,
        };
        Same(["-Dt.x=cli", "Probe", "-Dt.x=arg"], env);
        Same(["-Dt.x=cli", "-Djava.class.path=" + probe, "Probe"], new Dictionary<string, string?> { ["_JAVA_OPTIONS"] = "-Dt.y=1" });
    }

    [Fact]
    public void ClassPathForms()
    {
        string probe = JavaProbe.Directory();
        using var t = new TempTree();
        t.Jar("lib/only.jar", null);
        Same(["-cp", $"{probe}::{t.Root}/lib/*:{t.Root}/nothing/*", "Probe"]);
        Same(["--class-path=" + probe, "Probe", "x"]);
        Same(["-cp", "ignored", "-jar", Path.Combine(probe, "probe.jar"), "a", "-version"]);
        Same(["Probe", "", "@x", "-cp"], cwd: probe);
        Same(["-D", "-Dt.", "-Dt.empty", "-Dt.eq==", "-Dt.u=\u00e9\u4e2d", "-cp", probe, "Probe"]);
    }
}
