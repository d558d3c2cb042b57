using System.Diagnostics;
using System.IO.Compression;
using Nido.Jvm.Launcher;

namespace Nido.Jvm.Tests.Launcher;

/// <summary>
/// A tiny Java program, compiled once with the JDK's javac, that prints what it was started with
/// (java.class.path, its arguments, the "t.*" system properties), and the same rendering of our parse.
/// </summary>
internal static class JavaProbe
{
    private const string Source = """
        public class Probe {
            static String esc(String s) {
                return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\f", "\\f");
            }
            public static void main(String[] args) {
                System.out.println("cp=" + esc(System.getProperty("java.class.path")));
                for (String a : args) System.out.println("arg=" + esc(a));
                System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("t.")).sorted()
                    .forEach(k -> System.out.println("prop:" + esc(k) + "=" + esc(System.getProperty(k))));
            }
        }
        """;

    private static readonly Lazy<string?> Compiled = new(Compile);

    /// <summary>The directory holding Probe.class (and probe.jar, with Main-Class: Probe); skips when javac is missing.</summary>
    public static string Directory()
    {
        JavaOracle.SkipUnlessPresent();
        string javac = Path.Combine(JavaOracle.JdkBin, "javac");
        Assert.SkipUnless(File.Exists(javac), $"{javac} is missing (scripts/setup.sh group jvm installs JDK 17)");
        return Compiled.Value ?? throw new InvalidOperationException("javac failed on the probe");
    }

    /// <summary>What java's run of Probe printed (stdout only; the launcher's notes go to stderr).</summary>
    public static string Run(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? env = null, string? cwd = null)
    {
        Rendered r = JavaOracle.Run(args, env, cwd);
        Assert.True(r.ExitCode == 0, r.ToString());
        return string.Join('\n', r.Stdout);
    }

    /// <summary>What Probe would print if started as our parse says.</summary>
    public static string Ours(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? env = null)
    {
        JavaOptions o = JavaOptions.Parse(args, env ?? new Dictionary<string, string?>());
        Assert.Equal(LauncherAction.Run, o.Action);
        Assert.Equal("Probe", o.MainClass);
        var lines = new List<string> { "cp=" + Escape(o.ClassPathString) };
        lines.AddRange(o.ProgramArguments.Select(a => "arg=" + Escape(a)));
        var props = new Dictionary<string, string>();
        foreach ((string key, string value) in o.SystemProperties.Where(p => p.Key.StartsWith("t.", StringComparison.Ordinal)))
            props[key] = value;
        lines.AddRange(props.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"prop:{Escape(p.Key)}={Escape(p.Value)}"));
        return string.Join('\n', lines);
    }

    private static string Escape(string s) =>
        s.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t").Replace("\f", "\\f");

    private static string? Compile()
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("nido-launcher-probe-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(dir, recursive: true);
        File.WriteAllText(Path.Combine(dir, "Probe.java"), Source);
        var psi = new ProcessStartInfo(Path.Combine(JavaOracle.JdkBin, "javac"), ["-d", dir, Path.Combine(dir, "Probe.java")]);
        using (var javac = Process.Start(psi)!)
        {
            javac.WaitForExit();
            if (javac.ExitCode != 0)
                return null;
        }
        using var zip = ZipFile.Open(Path.Combine(dir, "probe.jar"), ZipArchiveMode.Create);
        using (var manifest = new StreamWriter(zip.CreateEntry("META-INF/MANIFEST.MF").Open()))
            manifest.Write("Manifest-Version: 1.0\r\nMain-Class: Probe\r\n\r\n");
        zip.CreateEntryFromFile(Path.Combine(dir, "Probe.class"), "Probe.class");
        return dir;
    }
}
