using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Nido.Cpu.RiscV.Tests.Float.Qemu;

/// <summary>
/// A bare-metal RV64GC program, generated from the operation table, that QEMU runs as the oracle: it reads
/// (op, frm, a, b, c) records that QEMU's loader places at 0x80200000, executes each with frm set and
/// fflags cleared, and writes the 64-bit result and fflags to the 16550 UART (a file on the host), then
/// powers off through the SiFive test device.
/// </summary>
internal static class QemuGuest
{
    const string Gcc = "riscv64-unknown-elf-gcc", Qemu = "qemu-system-riscv64";

    /// <summary>Why the guest cannot run here, or null when both tools are on PATH.</summary>
    public static string? Unavailable()
    {
        foreach (string tool in new[] { Qemu, Gcc })
            if (!OnPath(tool)) return $"{tool} is not installed";
        return null;
    }

    static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    /// <summary>Runs the records; returns (result, fflags) for each.</summary>
    public static (ulong Result, byte Flags)[] Run(IReadOnlyList<string> asmBodies,
        IReadOnlyList<(int Op, int Rm, ulong A, ulong B, ulong C)> records)
    {
        string source = CSource(asmBodies);
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
        // Cached with the other test artifacts (not in /tmp, where it would outlive the checkout).
        string dir = Path.Combine(Nido.Tests.Shared.TestPaths.RepoRoot(), "artifacts", "test-cache", "fp-qemu-" + hash);
        Directory.CreateDirectory(dir);
        string elf = Path.Combine(dir, "guest.elf");
        if (!File.Exists(elf))
        {
            // Built in a private directory and moved into the cache, so concurrent runs cannot see half a build.
            string build = Path.Combine(dir, $"build-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(build);
            File.WriteAllText(Path.Combine(build, "guest.c"), source);
            File.WriteAllText(Path.Combine(build, "start.S"), StartAsm);
            File.WriteAllText(Path.Combine(build, "link.ld"), LinkerScript);
            Exec(Gcc, build, "-march=rv64gc", "-mabi=lp64d", "-mcmodel=medany", "-O1", "-nostdlib", "-nostartfiles",
                "-ffreestanding", "-T", "link.ld", "start.S", "guest.c", "-o", "guest.elf");
            File.Move(Path.Combine(build, "guest.elf"), elf, overwrite: true);
            Directory.Delete(build, recursive: true);
        }

        string run = Path.Combine(dir, $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(run);
        try
        {
            using (var input = new BinaryWriter(File.Create(Path.Combine(run, "in.bin"))))
            {
                input.Write((ulong)records.Count);
                foreach (var r in records)
                {
                    input.Write((ulong)r.Op);
                    input.Write((ulong)r.Rm);
                    input.Write(r.A);
                    input.Write(r.B);
                    input.Write(r.C);
                }
            }
            Exec(Qemu, run, "-M", "virt", "-bios", "none", "-display", "none", "-monitor", "none",
                "-serial", "file:out.bin", "-kernel", elf,
                "-device", "loader,file=in.bin,addr=0x80200000,force-raw=on");
            byte[] output = File.ReadAllBytes(Path.Combine(run, "out.bin"));
            if (output.Length != records.Count * 9)
                throw new InvalidOperationException($"guest wrote {output.Length} bytes for {records.Count} records");
            var results = new (ulong, byte)[records.Count];
            for (int i = 0; i < results.Length; i++)
                results[i] = (BitConverter.ToUInt64(output, i * 9), output[i * 9 + 8]);
            return results;
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    static void Exec(string file, string dir, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within 60 s");
        }
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} exited with {p.ExitCode}: {stderr.Result}{stdout.Result}");
    }

    static string CSource(IReadOnlyList<string> asmBodies)
    {
        var sb = new StringBuilder("""
            #include <stdint.h>
            typedef struct { uint64_t op, rm, a, b, c; } rec_t;
            #define COUNT (*(volatile const uint64_t *)0x80200000)
            #define RECS ((volatile const rec_t *)0x80200008)
            static void put(uint8_t v) { volatile uint8_t *u = (uint8_t *)0x10000000; while (!(u[5] & 0x20)) {} u[0] = v; }
            static uint64_t exec(uint64_t op, uint64_t a, uint64_t b, uint64_t c) {
              uint64_t r = 0;
              switch (op) {

            """);
        for (int i = 0; i < asmBodies.Count; i++)
            sb.Append($"  case {i}: __asm__ volatile(\"{asmBodies[i]}\" : \"=&r\"(r) : \"r\"(a), \"r\"(b), \"r\"(c) : \"fa0\", \"fa1\", \"fa2\", \"fa3\"); break;\n");
        sb.Append("""
              }
              return r;
            }
            void main(void) {
              uint64_t n = COUNT;
              for (uint64_t i = 0; i < n; i++) {
                uint64_t op = RECS[i].op, rm = RECS[i].rm, a = RECS[i].a, b = RECS[i].b, c = RECS[i].c, fl;
                __asm__ volatile("csrw frm, %0\n csrw fflags, zero" : : "r"(rm));
                uint64_t r = exec(op, a, b, c);
                __asm__ volatile("csrr %0, fflags" : "=r"(fl));
                for (int k = 0; k < 8; k++) put((uint8_t)(r >> (8 * k)));
                put((uint8_t)fl);
              }
              *(volatile uint32_t *)0x100000 = 0x5555;
              for (;;) {}
            }

            """);
        return sb.ToString();
    }

    const string StartAsm = """
        .section .text.init
        .globl _start
        _start:
          la sp, stack_top
          li t0, 0x2000
          csrs mstatus, t0
          call main
        1: j 1b

        """;

    const string LinkerScript = """
        ENTRY(_start)
        SECTIONS {
          . = 0x80000000;
          .text : { *(.text.init) *(.text*) }
          .rodata : { *(.rodata*) *(.srodata*) }
          .data : { *(.data*) *(.sdata*) }
          .bss : { *(.bss*) *(.sbss*) *(COMMON) }
          . = ALIGN(16);
          . += 0x4000;
          stack_top = .;
        }

        """;
}
