using System.Diagnostics;
using Nido.Tests.Shared;
using Nido.Vmm.Tests.Infrastructure;

namespace Nido.Vmm.Tests;

/// <summary>`nido vm run` as users call it: the native binary, its exit code, stdout and stderr.</summary>
public sealed class CliTests
{
    private static (int Code, string Out, string Err) Nido(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo(TestPaths.NativeNido(), ["vm", "run", .. args])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var p = Process.Start(start)!;
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "nido vm run did not exit within 60 s");
        return (p.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void ExitCodeIsTheGuestsAndTheConsoleIsStdio()
    {
        Guests.RequireKvm();
        var (code, output, error) = Nido("", "--kernel", Guests.Path("hello.elf"), "--cmdline", "code=7");
        Assert.Equal(7, code);
        Assert.Contains("hello from nido guest", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void StdinFeedsTheSerialConsole()
    {
        Guests.RequireKvm();
        var (code, output, _) = Nido("ping\nquit\n", "--kernel", Guests.Path("echo.elf"));
        Assert.Equal(0, code);
        Assert.Contains("got: ping", output);
        Assert.Contains("bye", output);
    }

    [Fact]
    public void TripleFaultExitsNonZeroWithTheReasonOnStderr()
    {
        Guests.RequireKvm();
        var (code, _, error) = Nido("", "--kernel", Guests.Path("triple.elf"));
        Assert.Equal(1, code);
        Assert.Contains("nido: vm: guest triple fault", error);
    }

    [Theory]
    [InlineData("--memory", "12x", "memory: \"12x\" is not a size")]
    [InlineData("--cpus", "0", "cpus: 0 is outside")]
    [InlineData("--accel", "tcg", "--accel: \"tcg\" is not kvm or emu")]
    [InlineData("--disk", "/nonexistent.img", "disk: /nonexistent.img does not exist")]
    public void BadFlagsAreNamed(string flag, string value, string message)
    {
        var (code, _, error) = Nido("", "--kernel", "/bin/true", flag, value);
        Assert.Equal(1, code);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("--arch", "riscv64", "--accel", "kvm", "accel: riscv64 guests run on the emulator")]
    [InlineData("--accel", "emu", "--cpus", "1", "accel: the emulator runs riscv64 guests")]
    [InlineData("--bios", "none", "--cpus", "1", "bios: --bios applies to riscv64 guests only")]
    [InlineData("--arch", "riscv64", "--bios", "/nonexistent/fw.bin", "bios: /nonexistent/fw.bin does not exist")]
    [InlineData("--arch", "riscv64", "--huge-pages", "--cpus=1", "huge-pages: not available for the emulator's RAM")]
    public void ArchAccelAndBiosCombinationsAreChecked(string flag1, string value1, string flag2, string value2, string message)
    {
        var (code, _, error) = Nido("", "--kernel", "/bin/true", flag1, value1, flag2, value2);
        Assert.Equal(1, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void AnX86ElfIsRefusedAsARiscVKernel()
    {
        var (code, _, error) = Nido("", "--arch", "riscv64", "--bios", "none", "--kernel", Guests.Path("hello.elf"));
        Assert.Equal(1, code);
        Assert.Contains("is not a 64-bit RISC-V ELF", error);
    }

    [Fact]
    public void MissingKernelIsAnError()
    {
        var (code, _, error) = Nido("", "--kernel", "/nonexistent/kernel");
        Assert.Equal(1, code);
        Assert.Contains("kernel: /nonexistent/kernel does not exist", error);
    }
}
