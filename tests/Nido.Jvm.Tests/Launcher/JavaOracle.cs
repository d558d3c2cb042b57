using System.Diagnostics;
using Nido.Jvm.Launcher;

namespace Nido.Jvm.Tests.Launcher;

/// <summary>
/// Runs the real java 17 and renders its output and ours in one comparable form: the version text,
/// the usage text and HotSpot's warning prefix become placeholders, since those legitimately differ.
/// </summary>
internal static class JavaOracle
{
    public const string JdkBin = "/usr/lib/jvm/java-17-openjdk-amd64/bin";

    private const string Version = "<version>";
    private const string Usage = "<usage>";

    public static string Java => Path.Combine(JdkBin, "java");

    public static void SkipUnlessPresent() =>
        Assert.SkipUnless(File.Exists(Java), $"the oracle {Java} is missing (scripts/setup.sh group jvm installs JDK 17)");

    /// <summary>Runs java with only the given launcher variables set.</summary>
    public static Rendered Run(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? env = null, string? cwd = null)
    {
        var psi = new ProcessStartInfo(Java)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cwd ?? Directory.GetCurrentDirectory(),
        };
        foreach (string arg in args)
            psi.ArgumentList.Add(arg);
        foreach (string name in (string[])["JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH"])
            psi.Environment.Remove(name);
        foreach ((string name, string? value) in env ?? new Dictionary<string, string?>())
            psi.Environment[name] = value;
        using var process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "java did not finish");
        return new Rendered(process.ExitCode, Normalize(Lines(stdout.Result)), Normalize(Lines(stderr.Result)));
    }

    /// <summary>What our launcher would print for these arguments, up to running main.</summary>
    public static Rendered Ours(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? env = null)
    {
        var stdout = new List<string>();
        var stderr = new List<string>();
        try
        {
            JavaOptions o = JavaOptions.Parse(args, env ?? new Dictionary<string, string?>());
            stderr.AddRange(o.Notes);
            List<string> stream = o.PrintToStdout ? stdout : stderr;
            if (o.Action == LauncherAction.PrintVersion || o.ShowVersion)
                stream.Add(Version);
            if (o.Action == LauncherAction.PrintHelp)
                stream.Add(Usage);
            return new Rendered(0, stdout.ToArray(), stderr.ToArray());
        }
        catch (JavaLauncherException e)
        {
            foreach (LauncherLine line in e.Output)
                (line.Stream == LauncherStream.Stdout ? stdout : stderr).Add(line.IsVersion ? Version : line.Text);
            return new Rendered(e.ExitCode, Normalize(stdout), Normalize(stderr));
        }
    }

    private static List<string> Lines(string text)
    {
        var lines = text.Split('\n').ToList();
        if (lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static string[] Normalize(List<string> lines)
    {
        var result = new List<string>();
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.StartsWith("openjdk version \"", StringComparison.Ordinal) || line.StartsWith("openjdk 17", StringComparison.Ordinal))
            {
                result.Add(Version);
                i += 2; // the runtime and VM lines
            }
            else if (line.StartsWith("Usage: java [options]", StringComparison.Ordinal) || line.StartsWith("Usage: nido java [options]", StringComparison.Ordinal))
            {
                result.Add(Usage);
                while (i < lines.Count && lines[i] != "--<name> <value>.")
                    i++;
                i++; // the empty line that ends it
            }
            else
            {
                result.Add(line.Replace("OpenJDK 64-Bit Server VM warning: ", "Nido JVM warning: ", StringComparison.Ordinal));
            }
        }
        return result.ToArray();
    }
}
