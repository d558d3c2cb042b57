namespace Nido.Cgroups.Tests;

/// <summary>
/// A memory limit above a container's cgroup (a pod's, a slice's) could OOM-kill its init: such an init keeps memory
/// of its own. Checked on a fake tree of cgroup files, for both modes.
/// </summary>
public sealed class AncestorLimitTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("nido-cg-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, relative))!);
        File.WriteAllText(Path.Combine(root, relative), text);
    }

    [Fact]
    public void V2_a_limited_ancestor_counts_and_max_does_not()
    {
        var manager = CgroupManager.FromPaths("v2", new Dictionary<string, string> { ["unified"] = Path.Combine(root, "pod/ctr") });
        Write("pod/memory.max", "max\n");
        Assert.False(CgroupManager.AncestorLimitsMemory(manager));
        Write("pod/memory.max", "1073741824\n");
        Assert.True(CgroupManager.AncestorLimitsMemory(manager));
    }

    [Fact]
    public void V1_the_unlimited_value_does_not_count_and_parents_still_to_be_made_have_none()
    {
        var manager = CgroupManager.FromPaths("v1", new Dictionary<string, string>
        {
            ["memory"] = Path.Combine(root, "memory/slice/new/ctr"), ["pids"] = Path.Combine(root, "pids/slice/new/ctr"),
        });
        Write("memory/slice/memory.limit_in_bytes", "9223372036854771712\n");
        Write("pids/slice/pids.max", "10\n");
        Assert.False(CgroupManager.AncestorLimitsMemory(manager));
        Write("memory/slice/memory.limit_in_bytes", "536870912\n");
        Assert.True(CgroupManager.AncestorLimitsMemory(manager));
    }
}
