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

    [Fact]
    public void Nido_runc_is_the_runtime_alone_with_runcs_surface()
    {
        var runc = Path.Combine(Path.GetDirectoryName(Binary())!, "nido-runc");
        Assert.True(File.Exists(runc), $"{runc} is missing (./nido builds it)");
        Assert.False(new FileInfo(runc).LinkTarget is not null, "nido-runc is its own binary, not a link to nido");
        Assert.True(new FileInfo(runc).Length < new FileInfo(Binary()).Length / 2, "nido-runc holds the runtime only");
        var (code, version, _) = Exec(runc, "--version");
        Assert.Equal(0, code);
        Assert.Equal(Exec(Binary(), "--version").Out, version);
        Assert.Equal(version, Exec(runc, "-v").Out);
        var (listCode, list, _) = Exec(runc, "--root", Path.Combine(Path.GetTempPath(), $"nido-runc-{Guid.NewGuid():N}"), "list", "-q");
        Assert.Equal(0, listCode);
        Assert.Empty(list);
        var (badCode, badOut, err) = Exec(runc, "no-such-verb");
        Assert.Equal(2, badCode);
        Assert.Empty(badOut);
        Assert.Equal("nido: Unrecognized command or argument 'no-such-verb'. (see 'nido-runc --help')\n", err);
        var (gone, _, goneErr) = Exec(runc, "state", "no-such-container");
        Assert.Equal(1, gone);
        Assert.Equal("nido: container no-such-container does not exist\n", goneErr);
    }
}
