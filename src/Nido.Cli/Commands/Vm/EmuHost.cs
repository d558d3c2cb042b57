using System.Collections;
using System.Runtime.CompilerServices;
using Nido.Linux;

namespace Nido.Cli.Commands.Vm;

/// <summary>
/// The RISC-V emulator's binary translator emits CIL, which this NativeAOT binary cannot run: riscv64 runs are
/// handed (execve, same pid, same terminal) to nido-emu, the same command line on CoreCLR with the translator
/// installed, which the build publishes beside nido. NIDO_JIT=off keeps the run here, interpreted.
/// </summary>
internal static class EmuHost
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "emu", "nido-emu");

    /// <summary>Returns when the run stays in this process (already CoreCLR, translation off, or no host).</summary>
    public static void HandOff(TextWriter stderr)
    {
        if (RuntimeFeature.IsDynamicCodeSupported || Environment.GetEnvironmentVariable("NIDO_JIT") is "off" or "0") return;
        if (!File.Exists(Path))
        {
            stderr.WriteLine($"nido: vm: the emulator's translator host {Path} is missing (rebuild with ./nido); interpreting");
            return;
        }
        var args = Environment.GetCommandLineArgs();
        var env = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").ToList();
        try
        {
            Exec.Execve(Path, [Path, .. args.Skip(1)], env);
        }
        catch (ErrnoException e)
        {
            stderr.WriteLine($"nido: vm: cannot start the emulator's translator host: {e.Message}; interpreting");
        }
    }
}
