namespace Nido.Linux.Tests;

public class TrampolineTests
{
    [Fact]
    public void Committed_bytes_match_the_assembly_source()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/as"), "binutils (as) is not installed; cannot re-assemble spawn_trampoline.S");
        var root = RepoRoot();
        var r = Run.Capture(new SpawnOptions { Path = "/bin/bash", Arguments = ["bash", Path.Combine(root, "scripts/gen-trampoline.sh")] });
        Assert.Equal(0, r.Status.Code);
        var expected = r.Stdout.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(h => Convert.ToByte(h, 16)).ToArray();
        Assert.Equal(expected, SpawnTrampoline.Code.ToArray());
    }

    internal static string RepoRoot() => Nido.Tests.Shared.TestPaths.RepoRoot();
}
