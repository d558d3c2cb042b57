using Nido.Linux;

namespace Nido.Cgroups.Tests;

public class CgroupLayoutTests
{
    internal const string Hybrid = """
        31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
        39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
        40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
        41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """;

    internal const string Unified = "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n";

    internal const string Legacy = """
        32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory,clone_children
        """;

    [Fact]
    public void Hybrid_hosts_have_v1_controllers_and_a_cgroup2_mount()
    {
        var layout = CgroupLayout.Detect(MountInfo.Parse(Hybrid), p => p == "/sys/fs/cgroup/unified/cgroup.controllers" ? "hugetlb\n" : null);
        Assert.Equal(CgroupMode.Hybrid, layout.Mode);
        Assert.Equal("/sys/fs/cgroup/unified", layout.UnifiedMountPoint);
        Assert.Equal("/sys/fs/cgroup/memory", layout.V1Controllers["memory"]);
        Assert.True(layout.V1Controllers.ContainsKey("name=systemd"));
        Assert.Equal(["hugetlb"], layout.UnifiedControllers);
        Assert.Equal("v1 hybrid: cpu cpuacct freezer memory pids on v1; cgroup2 at /sys/fs/cgroup/unified with hugetlb", layout.Describe());
    }

    [Fact]
    public void Unified_hosts_have_one_cgroup2_hierarchy()
    {
        var layout = CgroupLayout.Detect(MountInfo.Parse(Unified), _ => "cpuset cpu io memory hugetlb pids rdma misc\n");
        Assert.Equal(CgroupMode.Unified, layout.Mode);
        Assert.Empty(layout.V1Controllers);
        Assert.Equal(8, layout.UnifiedControllers.Count);
        Assert.StartsWith("v2 (unified) at /sys/fs/cgroup; controllers: cpuset cpu io", layout.Describe());
    }

    [Fact]
    public void Legacy_hosts_and_comounted_controllers()
    {
        var layout = CgroupLayout.Detect(MountInfo.Parse(Legacy));
        Assert.Equal(CgroupMode.Legacy, layout.Mode);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", layout.V1Controllers["cpu"]);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", layout.V1Controllers["cpuacct"]);
        Assert.False(layout.V1Controllers.ContainsKey("clone_children"));
    }

    [Fact]
    public void No_cgroup_mounts()
    {
        var layout = CgroupLayout.Detect(MountInfo.Parse("22 1 0:21 / / rw - ext4 /dev/vda rw\n"));
        Assert.Equal(CgroupMode.None, layout.Mode);
        Assert.Equal("no cgroup filesystem is mounted", layout.Describe());
    }

    [Fact]
    public void This_host_is_detected()
    {
        var layout = CgroupLayout.DetectSelf();
        Assert.NotEqual(CgroupMode.None, layout.Mode);
        if (layout.Mode is CgroupMode.Unified or CgroupMode.Hybrid) Assert.NotNull(layout.UnifiedMountPoint);
    }
}
