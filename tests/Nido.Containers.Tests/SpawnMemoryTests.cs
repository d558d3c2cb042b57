using Nido.Oci.Runtime;
using LinuxConfig = Nido.Oci.Runtime.Linux;

namespace Nido.Containers.Tests;

/// <summary>
/// The init runs in the runtime's memory until it executes only where nothing the kernel keeps per memory is touched
/// (see SpawnOptions.ShareMemory): the default container does, these settings make it copy.
/// </summary>
public class SpawnMemoryTests
{
    private static readonly Spec Plain = new() { Process = new Process { Args = ["true"] }, Linux = new LinuxConfig { Resources = new Resources { Pids = new PidsResources { Limit = 10 } } } };

    [Fact]
    public void A_plain_container_shares()
    {
        Assert.True(Container.MayShareMemory(Plain));
        Assert.True(Container.MayShareMemory(Plain with { Linux = null }));
        Assert.True(Container.MayShareMemory(Plain with { Linux = new LinuxConfig { Resources = new Resources { Cpu = new CpuResources { Cpus = "0" } } } }));
    }

    [Fact]
    public void An_oom_score_adj_a_memory_limit_unified_keys_or_cpuset_nodes_do_not()
    {
        Assert.False(Container.MayShareMemory(Plain with { Process = Plain.Process! with { OomScoreAdj = 100 } }));
        Assert.False(Container.MayShareMemory(Plain with { Linux = new LinuxConfig { Resources = new Resources { Memory = new MemoryResources { Limit = 1 << 20 } } } }));
        Assert.False(Container.MayShareMemory(Plain with { Linux = new LinuxConfig { Resources = new Resources { Cpu = new CpuResources { Mems = "0" } } } }));
        Assert.False(Container.MayShareMemory(Plain with { Linux = new LinuxConfig { Resources = new Resources { Unified = new() { ["memory.max"] = "1M" } } } }));
    }
}
