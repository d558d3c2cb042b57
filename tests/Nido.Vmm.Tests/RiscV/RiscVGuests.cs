using System.Diagnostics;
using Nido.Tests.Shared;

namespace Nido.Vmm.Tests.RiscV;

/// <summary>
/// The RISC-V ISA test programs of tests/guests/riscv, built once per test run with Debian's bare-metal
/// toolchain (riscv64-unknown-elf-gcc). Tests skip, saying why, when the toolchain or QEMU is missing; a
/// build that fails with the toolchain present fails the test instead.
/// </summary>
internal static class RiscVGuests
{
    /// <summary>Every program build.sh makes, in its order (zbab needs Zba/Zbb).</summary>
    public static readonly string[] Programs =
    [
        "rv64i", "rv64m", "rv64a", "rv64c", "zicsr", "zicntr", "traps", "interrupts",
        "sv39", "sv48", "pmp", "rv64f", "rv64d", "fcvt", "fround", "zbab",
    ];

    private const string Compiler = "riscv64-unknown-elf-gcc";
    private static readonly Lazy<Build> Built = new(BuildAll);

    private sealed record Build(string? Dir, string? SkipReason, string? Error);

    /// <summary>The path of NAME.elf; skips when the toolchain is missing, fails when the build failed.</summary>
    public static string Path(string program)
    {
        var build = Built.Value;
        Assert.SkipWhen(build.SkipReason is not null, build.SkipReason ?? "");
        if (build.Error is not null) Assert.Fail(build.Error);
        return System.IO.Path.Combine(build.Dir!, program + ".elf");
    }

    /// <summary>The directory holding every built program (same skips as <see cref="Path"/>).</summary>
    public static string OutputDirectory() => System.IO.Path.GetDirectoryName(Path(Programs[0]))!;

    /// <summary>qemu-system-riscv64 on PATH, or a skip saying it is missing.</summary>
    public static string Qemu()
    {
        var qemu = FindOnPath("qemu-system-riscv64");
        Assert.SkipWhen(qemu is null, "qemu-system-riscv64 is not installed (Debian: apt-get install qemu-system-misc)");
        return qemu!;
    }

    /// <summary>Runs a program to its end or the timeout (then killed): exit code, stdout, stderr.</summary>
    public static async Task<(int Code, string Out, string Err)> Run(string program, IEnumerable<string> args, int timeoutSeconds,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"{System.IO.Path.GetFileName(program)} {string.Join(' ', start.ArgumentList)} did not exit within {timeoutSeconds} s\n" +
                $"stdout:\n{await output}\nstderr:\n{await error}");
        }
        return (process.ExitCode, await output, await error);
    }

    private static Build BuildAll()
    {
        var compiler = Environment.GetEnvironmentVariable("RISCV_CC") is { Length: > 0 } cc ? cc : Compiler;
        if (!System.IO.Path.IsPathRooted(compiler) && FindOnPath(compiler) is null)
            return new Build(null, $"{compiler} is not installed (Debian: apt-get install gcc-riscv64-unknown-elf)", null);

        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nido-riscv-guests-{Environment.ProcessId}");
        var script = System.IO.Path.Combine(TestPaths.RepoRoot(), "tests", "guests", "riscv", "build.sh");
        var start = new ProcessStartInfo("sh", [script, dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { System.IO.Directory.Delete(dir, true); } catch (IOException) { } };
            return process.ExitCode == 0
                ? new Build(dir, null, null)
                : new Build(null, null, $"tests/guests/riscv/build.sh failed ({process.ExitCode}):\n{error}{output.Result}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new Build(null, $"cannot run sh to build the RISC-V programs: {e.Message}", null);
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
