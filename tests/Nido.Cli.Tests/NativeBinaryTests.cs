using System.Diagnostics;

namespace Nido.Cli.Tests;

/// <summary>The published NativeAOT binary (test.sh builds it and sets NIDO_BIN).</summary>
public class NativeBinaryTests
{
    private static string Binary() => Nido.Tests.Shared.TestPaths.NativeNido();

    private static (int Code, string Out, string Err) Exec(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), $"{file} did not exit");
        return (p.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void Is_a_native_elf_executable_without_managed_assemblies()
    {
        var bin = Binary();
        var bytes = File.ReadAllBytes(bin).AsSpan(0, 4).ToArray();
        Assert.Equal(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }, bytes);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(bin)!, "nido.dll")), "a NativeAOT publish has no IL beside it");
        var (code, output, _) = Exec(bin, "--version");
        Assert.Equal(0, code);
        Assert.Contains("native (AOT)", output);
    }

    [Fact]
    public void Doctor_runs_on_this_host()
    {
        var (code, output, err) = Exec(Binary(), "doctor");
        Assert.True(code is 0 or 1, $"doctor exited {code}: {err}");
        foreach (var name in new[] { "kernel", "privileges", "kvm", "cgroups", "namespaces", "overlayfs", "tun", "seccomp" })
            Assert.Matches($"(?m)^(ok|warn|FAIL) +{name} ", output);
    }

    [Fact]
    public void Errors_are_one_line_on_stderr()
    {
        var (code, output, err) = Exec(Binary(), "no-such-verb");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("nido: Unrecognized command or argument 'no-such-verb'. (see 'nido --help')\n", err);
    }
}
