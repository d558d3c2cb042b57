using System.Runtime.CompilerServices;
using Nido.Linux;

namespace Nido.Cli.Commands;

/// <summary>
/// The RISC-V emulator's binary translator and the JVM's JIT emit CIL, which this NativeAOT binary cannot run:
/// riscv64 runs and java programs are handed (execve, same pid, same terminal) to nido-emu, the same command line on
/// CoreCLR with the translators installed, which the build publishes beside nido. NIDO_JIT=off keeps the run here,
/// interpreted.
/// </summary>
public static class JitHost
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "emu", "nido-emu");

    /// <summary>Names of the runtime settings the hand-off added to the environment (comma-separated).</summary>
    public const string AddedVariable = "NIDO_HOST_ADDED_ENV";

    /// <summary>In the host: takes the settings the hand-off added out of the environment again (the runtime has read them).</summary>
    public static void RemoveAddedSettings()
    {
        if (Environment.GetEnvironmentVariable(AddedVariable) is not { } names) return;
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries)) Environment.SetEnvironmentVariable(name, null);
        Environment.SetEnvironmentVariable(AddedVariable, null);
    }

    /// <summary>
    /// False when NIDO_JIT=off keeps runs in this process, interpreted, or NIDO_JIT=native keeps them here with the
    /// native tier alone (java's x86-64 compiler; riscv64 runs interpret).
    /// </summary>
    public static bool Wanted => !Off && Environment.GetEnvironmentVariable("NIDO_JIT") != "native";

    /// <summary>NIDO_JIT=off (or 0): no compiler at all, the run interpreted here.</summary>
    public static bool Off => Environment.GetEnvironmentVariable("NIDO_JIT") is "off" or "0";

    /// <summary>
    /// This process's environment with <paramref name="runtimeDefaults"/> added where unset, and the list of what was
    /// added: the host removes those again once its runtime has read them, so programs and their children never see them.
    /// </summary>
    public static List<string> HostEnvironment(IReadOnlyList<(string Name, string Value)> runtimeDefaults)
    {
        var env = Exec.InheritedEnvironment();
        var added = new List<string>();
        foreach (var (name, value) in runtimeDefaults)
            if (Environment.GetEnvironmentVariable(name) is null)
            {
                env.Add($"{name}={value}");
                added.Add(name);
            }
        if (added.Count > 0) env.Add($"{AddedVariable}={string.Join(',', added)}");
        return env;
    }

    /// <summary>
    /// Returns when the run stays in this process (already CoreCLR, translation off, or no host).
    /// <paramref name="runtimeDefaults"/> are CoreCLR settings for the host unless the environment sets them.
    /// </summary>
    public static void HandOff(TextWriter stderr, string what, params (string Name, string Value)[] runtimeDefaults)
    {
        if (RuntimeFeature.IsDynamicCodeSupported || !Wanted) return;
        if (!File.Exists(Path))
        {
            stderr.WriteLine($"nido: {what}: the JIT host {Path} is missing (rebuild with ./nido); interpreting");
            return;
        }
        var args = Environment.GetCommandLineArgs();
        try
        {
            Exec.Execve(Path, [Path, .. args.Skip(1)], HostEnvironment(runtimeDefaults));
        }
        catch (ErrnoException e)
        {
            stderr.WriteLine($"nido: {what}: cannot start the JIT host: {e.Message}; interpreting");
        }
    }
}
