using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Nido.Cpu.RiscV.Tests.Decoder;

/// <summary>
/// GNU binutils' RISC-V disassembler as an oracle. A raw binary is wrapped into an object by as (.incbin, with
/// -march naming Zba/Zbb, which objdump 2.40 takes only from an ELF's .riscv.attributes: -M has no arch option
/// and -b binary means plain rv64gc), its mapping symbols are stripped (else objdump prints the bytes as .word
/// data), and the result is disassembled with -M no-aliases,numeric and -z (no "..." for zero runs).
/// </summary>
internal static partial class Objdump
{
    private const string Prefix = "riscv64-unknown-elf-";

    /// <summary>Why the oracle cannot run here, or null.</summary>
    public static string? Unavailable()
    {
        foreach (var tool in new[] { "objdump", "as", "objcopy" })
            if (!OnPath(Prefix + tool)) return $"{Prefix}{tool} is not installed (binutils-riscv64-unknown-elf)";
        return null;
    }

    /// <summary>Disassembles <paramref name="code"/> (loaded at address 0): address → (mnemonic, operands without comments).</summary>
    public static Dictionary<ulong, (string Mnemonic, string Operands)> Disassemble(byte[] code)
    {
        var dir = Directory.CreateTempSubdirectory("nido-objdump-");
        try
        {
            var bin = Path.Combine(dir.FullName, "code.bin");
            File.WriteAllBytes(bin, code);
            File.WriteAllText(Path.Combine(dir.FullName, "code.s"), $".text\n.incbin \"{bin}\"\n");
            Run("as", dir.FullName, "-march=rv64gc_zba_zbb", "-o", "code.o", "code.s");
            Run("objcopy", dir.FullName, "--strip-all", "code.o", "stripped.o");
            var text = Run("objdump", dir.FullName, "-d", "-z", "-M", "no-aliases,numeric", "stripped.o");
            var result = new Dictionary<ulong, (string, string)>();
            foreach (var line in text.Split('\n'))
            {
                var m = Line().Match(line);
                if (!m.Success) continue;
                var operands = m.Groups[3].Value;
                var hash = operands.IndexOf('#');
                if (hash >= 0) operands = operands[..hash];
                result[ulong.Parse(m.Groups[1].Value, NumberStyles.HexNumber)] = (m.Groups[2].Value, operands.Trim());
            }
            return result;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // "   1c:\t2020f1c3          \tfmadd.s\tf3,f1,f2,f4"; continuation lines of long data have no mnemonic.
    [GeneratedRegex(@"^\s*([0-9a-f]+):\t[0-9a-f ]+\t(\S+)\t?(.*)$")]
    private static partial Regex Line();

    private static string Run(string tool, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(Prefix + tool) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Prefix}{tool} exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));
}
