namespace Nido.Cgroups.Tests;

public class AttachWarmupTests
{
    [Fact]
    public void Candidates_are_this_process_own_cgroup_files_and_one_exists()
    {
        var files = AttachWarmup.OwnProcsFiles().ToList();
        Assert.All(files, f => Assert.EndsWith("/cgroup.procs", f));
        Assert.All(files, f => Assert.StartsWith("/sys/fs/cgroup/", f));
        Assert.DoesNotContain(files, f => f.Contains("name="));
        Assert.Contains(files, File.Exists);
    }

    [Fact]
    public void Warming_up_moves_nothing_and_creates_no_file()
    {
        Assert.SkipUnless(Environment.UserName == "root", "writing cgroup.procs needs root");
        var before = File.ReadAllText("/proc/self/cgroup");
        var stray = new[] { "/sys/fs/cgroup/cgroup.procs" }.Where(f => !File.Exists(f)).ToList();
        AttachWarmup.Begin();
        // The write may wait for a grace period; give it time, then check nothing changed.
        Thread.Sleep(500);
        Assert.Equal(before, File.ReadAllText("/proc/self/cgroup"));
        Assert.All(stray, f => Assert.False(File.Exists(f), $"{f} was created"));
    }
}
