using System.Diagnostics;

namespace Nido.Jvm.Tests.JImage;

/// <summary>The installed JDK 17 the jimage tests read (its lib/modules) and check against (its jimage and jlink tools).</summary>
internal static class Jdk17
{
    public const string Home = "/usr/lib/jvm/java-17-openjdk-amd64";
    public static string ModulesFile => Path.Combine(Home, "lib", "modules");

    /// <summary>The path of lib/modules; skips the test when JDK 17 is not installed.</summary>
    public static string RequireModulesFile()
    {
        Assert.SkipUnless(File.Exists(ModulesFile), $"no JDK 17 image at {ModulesFile} (setup.sh group jvm installs it)");
        return ModulesFile;
    }

    /// <summary>The path of a JDK tool (bin/NAME); skips the test when it is missing.</summary>
    public static string RequireTool(string name)
    {
        var path = Path.Combine(Home, "bin", name);
        Assert.SkipUnless(File.Exists(path), $"no {path} to check against");
        return path;
    }

    /// <summary>Runs a JDK tool to completion, failing the test with its output when it exits non-zero.</summary>
    public static void Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(RequireTool(tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {stdout.Result}{stderr}");
    }
}
