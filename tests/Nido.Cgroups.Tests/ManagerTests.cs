using Nido.Oci.Runtime;

namespace Nido.Cgroups.Tests;

/// <summary>The managers against a fake cgroupfs tree: which files get which values (v2 conversions included).</summary>
public class ManagerTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"nido-cgfs-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(root, true);

    private string Read(string path) => File.ReadAllText(Path.Combine(root, path)).Trim();

    [Fact]
    public void V2_converts_oci_resources_to_unified_files()
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "cgroup.controllers"), "cpu memory pids io\n");
        File.WriteAllText(Path.Combine(root, "cgroup.subtree_control"), "");
        var layout = new CgroupLayout(CgroupMode.Unified, root, new Dictionary<string, string>(), ["cpu", "memory", "pids", "io"]);
        var m = CgroupManager.For(layout, "/pod/c1", "c1", _ => "/");
        // The fake tree has no kernel to populate a new directory's controllers: provide them as the kernel would.
        Directory.CreateDirectory(Path.Combine(root, "pod/c1"));
        File.WriteAllText(Path.Combine(root, "pod/cgroup.controllers"), "cpu memory pids io\n");
        File.WriteAllText(Path.Combine(root, "pod/c1/cgroup.controllers"), "cpu memory pids io\n");
        m.Create();
        Assert.Equal("+cpu +memory +pids +io", Read("cgroup.subtree_control"));
        m.Apply(new Resources
        {
            Memory = new MemoryResources { Limit = 100 << 20, Swap = 150 << 20, Reservation = 50 << 20 },
            Cpu = new CpuResources { Shares = 1024, Quota = 50000, Period = 100000 },
            Pids = new PidsResources { Limit = 0 },
            BlockIO = new BlockIoResources { Weight = 500, ThrottleReadBpsDevice = [new ThrottleDevice { Major = 8, Minor = 0, Rate = 1048576 }] },
            Unified = new Dictionary<string, string> { ["memory.high"] = "90000000" },
        });
        Assert.Equal("104857600", Read("pod/c1/memory.max"));
        Assert.Equal("52428800", Read("pod/c1/memory.swap.max")); // OCI swap is memory+swap
        Assert.Equal("52428800", Read("pod/c1/memory.low"));
        Assert.Equal("39", Read("pod/c1/cpu.weight"));             // 1 + (1024-2)*9999/262142
        Assert.Equal("50000 100000", Read("pod/c1/cpu.max"));
        Assert.Equal("max", Read("pod/c1/pids.max"));
        Assert.Equal("4950", Read("pod/c1/io.weight"));            // 1 + (500-10)*9999/990
        Assert.Equal("8:0 rbps=1048576", Read("pod/c1/io.max"));
        Assert.Equal("90000000", Read("pod/c1/memory.high"));
        Assert.Equal("/pod/c1", m.Paths["unified"][root.Length..]);
    }

    [Fact]
    public void V2_refuses_what_it_cannot_do()
    {
        Directory.CreateDirectory(Path.Combine(root, "c1"));
        File.WriteAllText(Path.Combine(root, "c1/cgroup.controllers"), "memory\n");
        var layout = new CgroupLayout(CgroupMode.Unified, root, new Dictionary<string, string>(), ["memory"]);
        var m = CgroupManager.For(layout, "/c1", "c1");
        var e = Assert.Throws<CgroupException>(() => m.Apply(new Resources { Pids = new PidsResources { Limit = 5 } }));
        Assert.Contains("pids controller", e.Message);
        e = Assert.Throws<CgroupException>(() => m.Apply(new Resources { Memory = new MemoryResources { Limit = 100, Swap = 50 } }));
        Assert.Contains("below memory.limit", e.Message);
        e = Assert.Throws<CgroupException>(() => m.Apply(new Resources { Unified = new Dictionary<string, string> { ["../escape"] = "1" } }));
        Assert.Contains("not a controller file", e.Message);
        Assert.Throws<CgroupException>(() => CgroupManager.For(layout, "system.slice:nido:c1", "c1"));
        Assert.Throws<CgroupException>(() => CgroupManager.For(layout, "/a/../../etc", "c1"));
    }

    [Fact]
    public void V1_writes_per_controller_and_relative_paths_follow_our_own_cgroup()
    {
        var controllers = new Dictionary<string, string>();
        foreach (var c in new[] { "memory", "pids", "cpu", "devices" })
        {
            controllers[c] = Path.Combine(root, c);
            Directory.CreateDirectory(Path.Combine(root, c, "runtime", "c1"));
        }
        var layout = new CgroupLayout(CgroupMode.Hybrid, "/unused", controllers, []);
        var m = CgroupManager.For(layout, "c1", "c1", _ => "/runtime");
        Assert.Equal(Path.Combine(root, "memory/runtime/c1"), m.Paths["memory"]);
        m.Apply(new Resources
        {
            Memory = new MemoryResources { Limit = 1 << 20 },
            Pids = new PidsResources { Limit = 10 },
            Cpu = new CpuResources { Shares = 256, Quota = -1 },
            Devices = [new DeviceCgroup { Allow = false, Access = "rwm" }, new DeviceCgroup { Allow = true, Type = "c", Major = 10, Minor = 200, Access = "rw" }],
        });
        Assert.Equal("1048576", Read("memory/runtime/c1/memory.limit_in_bytes"));
        Assert.Equal("10", Read("pids/runtime/c1/pids.max"));
        Assert.Equal("-1", Read("cpu/runtime/c1/cpu.cfs_quota_us"));
        Assert.Equal("256", Read("cpu/runtime/c1/cpu.shares"));
        Assert.Equal("a *:* rwm", Read("devices/runtime/c1/devices.deny"));
        // The fake file keeps only the last write: the always-allowed /dev/pts rule comes last.
        Assert.Equal("c 136:* rwm", Read("devices/runtime/c1/devices.allow"));
        var e = Assert.Throws<CgroupException>(() => m.Apply(new Resources { HugepageLimits = [new HugepageLimit { PageSize = "2MB", Limit = 1 }] }));
        Assert.Contains("hugetlb controller, which is not mounted", e.Message);
    }
}
