using System.Diagnostics;
using Nido.Hypervisor.Kvm;
using Nido.Tests.Shared;

namespace Nido.Vmm.Tests.Infrastructure;

/// <summary>
/// The freestanding guests of tests/guests, built once per test run with the host's gcc/as/ld. Tests that
/// need them, or KVM, skip with the reason when the machine lacks either.
/// </summary>
internal static class Guests
{
    private static readonly Lazy<(string? Dir, string Why)> Built = new(Build);

    public static string Path(string name)
    {
        var (dir, why) = Built.Value;
        Assert.SkipWhen(dir is null, why);
        return System.IO.Path.Combine(dir!, name);
    }

    public static void RequireKvm()
    {
        Assert.SkipUnless(KvmHypervisor.IsAvailable(out var why), $"KVM is not usable here: {why}");
    }

    private static (string?, string) Build()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nido-guests-{Environment.ProcessId}");
        var script = System.IO.Path.Combine(TestPaths.RepoRoot(), "tests", "guests", "build.sh");
        var start = new ProcessStartInfo("bash", [script, dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, true); } catch (IOException) { } };
            return process.ExitCode == 0 ? (dir, "") : (null, $"tests/guests/build.sh failed (gcc/binutils missing?): {error}{output.Result}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"cannot run bash to build the guests: {e.Message}");
        }
    }
}
