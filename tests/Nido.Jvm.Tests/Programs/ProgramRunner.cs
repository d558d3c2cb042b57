using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Nido.Jvm.Tests.Programs;

/// <summary>What one run of a JVM printed and how it ended.</summary>
internal sealed record RunResult(IReadOnlyList<string> Command, int ExitCode, byte[] Stdout, byte[] Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);
    public string StderrText => Encoding.UTF8.GetString(Stderr);
}

/// <summary>Runs a process with a time limit in a controlled environment, capturing stdout and stderr as bytes.</summary>
internal static class ProgramRunner
{
    /// <summary>Per process; NIDO_JVM_PROGRAM_TIMEOUT (seconds) overrides it for slow JVMs.</summary>
    public static TimeSpan Timeout =>
        int.TryParse(Environment.GetEnvironmentVariable("NIDO_JVM_PROGRAM_TIMEOUT"), out var s) && s > 0 ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(120);

    /// <summary>
    /// The environment every JVM (and javac) runs in: the test process's, without the variables the java launcher
    /// reacts to (JAVA_TOOL_OPTIONS, _JAVA_OPTIONS, JDK_JAVA_OPTIONS, CLASSPATH), with a fixed locale and time zone
    /// (LANG/LC_ALL=C.UTF-8, TZ=UTC) and NIDO_PROGRAM naming the program, plus the program's own run.txt variables.
    /// </summary>
    public static Dictionary<string, string> EnvironmentFor(string program, IReadOnlyDictionary<string, string> extra)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            env[(string)e.Key] = (string?)e.Value ?? "";
        foreach (var name in new[] { "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH" }) env.Remove(name);
        foreach (var name in env.Keys.Where(k => k.StartsWith("LC_", StringComparison.Ordinal)).ToList()) env.Remove(name);
        env["LANG"] = "C.UTF-8";
        env["LC_ALL"] = "C.UTF-8";
        env["TZ"] = "UTC";
        env["NIDO_PROGRAM"] = program;
        foreach (var (k, v) in extra) env[k] = v;
        return env;
    }

    public static RunResult Run(IReadOnlyList<string> command, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Skip(1)) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        foreach (var (k, v) in environment) psi.Environment[k] = v;

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {command[0]}");
        p.StandardInput.Close(); // programs reading System.in see end of file
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var copyOut = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var copyErr = p.StandardError.BaseStream.CopyToAsync(stderr);
        var limit = Timeout;
        if (!p.WaitForExit(limit))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit(10_000);
            Task.WaitAll([copyOut, copyErr], 10_000);
            Assert.Fail($"timed out after {limit.TotalSeconds:0} s and was killed: {Describe(command)}\n"
                + $"--- stdout so far ---\n{Clip(Encoding.UTF8.GetString(stdout.ToArray()))}\n--- stderr so far ---\n{Clip(Encoding.UTF8.GetString(stderr.ToArray()))}");
        }
        // The process has exited; its pipes close unless it left a child holding them.
        if (!Task.WaitAll([copyOut, copyErr], 30_000))
            Assert.Fail($"exited but its stdout/stderr stayed open (a child process kept them?): {Describe(command)}");
        return new RunResult(command, p.ExitCode, stdout.ToArray(), stderr.ToArray());
    }

    public static string Describe(IEnumerable<string> command) =>
        string.Join(' ', command.Select(a => a.Length == 0 || a.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\') ? "'" + a.Replace("'", "'\\''") + "'" : a));

    public static string Clip(string s, int max = 6000) => s.Length <= max ? s : s[..max] + $"\n[... {s.Length - max} more characters]";
}

/// <summary>The JDK 17 that is the oracle and the compiler: NIDO_JDK17_HOME or /usr/lib/jvm/java-17-openjdk-amd64.</summary>
internal static class Jdk17
{
    public static string Home =>
        System.Environment.GetEnvironmentVariable("NIDO_JDK17_HOME") is { Length: > 0 } h ? h : "/usr/lib/jvm/java-17-openjdk-amd64";

    public static string Java => Path.Combine(Home, "bin", "java");

    public static string Javac => Path.Combine(Home, "bin", "javac");

    /// <summary>Skips the calling test, saying why, when javac or java is missing.</summary>
    public static void Require()
    {
        Assert.SkipUnless(File.Exists(Javac), $"no JDK 17 javac at '{Javac}' (scripts/setup.sh jvm installs openjdk-17-jdk-headless; NIDO_JDK17_HOME overrides the path)");
        Assert.SkipUnless(File.Exists(Java), $"no JDK 17 java at '{Java}' (scripts/setup.sh jvm installs it)");
    }
}

/// <summary>
/// The programs compiled once per test run: each into its own temporary directory (classes/ for javac's
/// output, work/ as the working directory of every run), deleted when the run ends.
/// </summary>
public sealed class CompiledPrograms : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<string>> _compiled = new(StringComparer.Ordinal);
    private readonly Lazy<string> _root = new(() => Directory.CreateTempSubdirectory("nido-jvm-programs-").FullName);

    internal string Root => _root.Value;

    /// <summary>The class directory of the program, compiled (and corrupted, per corrupt.txt) on first use.</summary>
    internal string Classes(ProgramSpec spec) => _compiled.GetOrAdd(spec.Name, _ => new Lazy<string>(() => Compile(spec))).Value;

    /// <summary>An empty working directory for one run of the program (the same path for the oracle and the JVM under test).</summary>
    internal string FreshWorkDirectory(ProgramSpec spec)
    {
        var dir = Path.Combine(Root, spec.Name, "work");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private string Compile(ProgramSpec spec)
    {
        var classes = Path.Combine(Root, spec.Name, "classes");
        Directory.CreateDirectory(classes);
        var command = new List<string> { Jdk17.Javac, "-encoding", "UTF-8", "-d", classes };
        command.AddRange(spec.Sources);
        var result = ProgramRunner.Run(command, spec.Directory, ProgramRunner.EnvironmentFor(spec.Name, new Dictionary<string, string>()));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"javac failed ({result.ExitCode}) for {spec.Name}:\n{result.StdoutText}{result.StderrText}");
        if (spec.ChangedSources.Count > 0)
        {
            result = ProgramRunner.Run([Jdk17.Javac, "-encoding", "UTF-8", "-cp", classes, "-d", classes, .. spec.ChangedSources], spec.Directory,
                ProgramRunner.EnvironmentFor(spec.Name, new Dictionary<string, string>()));
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"javac of changed/ failed ({result.ExitCode}) for {spec.Name}:\n{result.StdoutText}{result.StderrText}");
        }
        foreach (var c in spec.Corruptions) c.Apply(classes);
        foreach (var source in spec.NativeSources) CompileLibrary(spec, source, classes);
        return classes;
    }

    /// <summary>A JNI library: gcc -shared against the oracle JDK's jni.h, into lib&lt;name&gt;.so beside the classes.</summary>
    private static void CompileLibrary(ProgramSpec spec, string source, string classes)
    {
        var library = Path.Combine(classes, $"lib{Path.GetFileNameWithoutExtension(source)}.so");
        var include = Path.Combine(Jdk17.Home, "include");
        var result = ProgramRunner.Run(["gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Werror", "-pthread", "-I", include, "-I", Path.Combine(include, "linux"), "-o", library, source],
            spec.Directory, ProgramRunner.EnvironmentFor(spec.Name, new Dictionary<string, string>()));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"gcc failed ({result.ExitCode}) for {spec.Name}/{Path.GetFileName(source)}:\n{result.StdoutText}{result.StderrText}");
    }

    public void Dispose()
    {
        if (!_root.IsValueCreated) return;
        try { Directory.Delete(_root.Value, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
