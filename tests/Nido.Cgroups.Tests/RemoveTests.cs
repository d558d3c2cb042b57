namespace Nido.Cgroups.Tests;

/// <summary>Removing a container's cgroup from a real hierarchy: one rmdir, child cgroups first.</summary>
public class RemoveTests
{
    [Fact]
    public void A_cgroup_with_child_cgroups_and_control_files_is_removed_and_a_missing_one_is_fine()
    {
        Assert.SkipUnless(Environment.UserName == "root", "creating cgroups needs root");
        var layout = CgroupLayout.DetectSelf();
        var hierarchy = layout.V1Controllers.TryGetValue("pids", out var pids) ? pids : layout.UnifiedMountPoint;
        Assert.SkipUnless(hierarchy is not null, "neither a cgroup2 nor a v1 pids hierarchy is mounted on this host");
        var dir = Path.Combine(hierarchy!, $"nido-remove-test-{Environment.ProcessId}");
        Directory.CreateDirectory(Path.Combine(dir, "child", "grandchild"));
        Directory.CreateDirectory(Path.Combine(dir, "sibling"));
        try
        {
            Assert.NotEmpty(Directory.GetFiles(dir)); // the kernel's control files, which do not keep rmdir from working
            CgroupFiles.Remove(dir);
            Assert.False(Directory.Exists(dir));
            CgroupFiles.Remove(dir);
        }
        finally
        {
            foreach (var d in new[] { "child/grandchild", "child", "sibling", "" })
                if (Directory.Exists(Path.Combine(dir, d))) Directory.Delete(Path.Combine(dir, d));
        }
    }
}
