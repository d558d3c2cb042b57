using Nido.Vmm.Config;
using Nido.Vmm.Tests.Infrastructure;

namespace Nido.Vmm.Tests;

/// <summary>Multiboot kernels under KVM: what the loader hands over, checked by the guest itself.</summary>
public sealed class MultibootTests
{
    private static VmConfig Config(string guest, string cmdline = "", string? initrd = null, ulong memory = 256UL << 20, int cpus = 1) =>
        new() { Kernel = Guests.Path(guest), CommandLine = cmdline, Initrd = initrd, MemoryBytes = memory, Cpus = cpus };

    [Fact]
    public void GuestExitCodeIsTheValueWrittenToPortF4()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(Config("hello.elf", "code=42"));
        Assert.Contains("hello from nido guest", run.Lines);
        Assert.Equal(new VmOutcome(42, null), run.Outcome);
    }

    [Fact]
    public void InfoBlockHasCommandLineMemoryAndMap()
    {
        Guests.RequireKvm();
        var kernel = Guests.Path("mbinfo.elf");
        var run = GuestRun.Start(Config("mbinfo.elf", "alpha beta=2", memory: 128UL << 20));
        Assert.Equal(0, run.Outcome.ExitCode);
        Assert.Contains($"cmdline={kernel} alpha beta=2", run.Lines);
        Assert.Contains("mem_lower=639 mem_upper=130048", run.Lines);
        Assert.Contains("mmap base=0x0 len=0x9fc00 type=1", run.Lines);
        Assert.Contains("mmap base=0x100000 len=0x7f00000 type=1", run.Lines);
        Assert.Contains("mods=0", run.Lines);
        Assert.Contains("fw_cfg signature=QEMU cpus=1 ram=0x8000000", run.Lines);
    }

    [Fact]
    public void MemoryAboveTheHoleIsMappedAbove4GiB()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(Config("mbinfo.elf", memory: 4UL << 30));
        Assert.Equal(0, run.Outcome.ExitCode);
        Assert.Contains("mmap base=0x100000 len=0xbff00000 type=1", run.Lines);
        Assert.Contains("mmap base=0x100000000 len=0x40000000 type=1", run.Lines);
    }

    [Fact]
    public void ModulesArriveWithTheirStringsAndBytes()
    {
        Guests.RequireKvm();
        var dir = Directory.CreateTempSubdirectory("nido-mods").FullName;
        try
        {
            var a = Path.Combine(dir, "a.bin");
            var b = Path.Combine(dir, "b.bin");
            File.WriteAllBytes(a, [1, 2, 3, 250]);
            var big = Enumerable.Range(0, 10000).Select(i => (byte)(i * 7)).ToArray();
            File.WriteAllBytes(b, big);
            var run = GuestRun.Start(Config("mbinfo.elf", initrd: $"{a} first arg,{b}"));
            Assert.Equal(0, run.Outcome.ExitCode);
            Assert.Contains("mods=2", run.Lines);
            Assert.Contains($"mod 0 len=4 string={a} first arg sum=0x{256:x8}", run.Lines);
            var sum = big.Aggregate(0u, (s, x) => s + x);
            Assert.Contains($"mod 1 len=10000 string={b} sum=0x{sum:x8}", run.Lines);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void CpuidShowsTheHypervisorAndApicId()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(Config("cpuid.elf"));
        Assert.Equal(0, run.Outcome.ExitCode);
        Assert.Contains("hypervisor=1", run.Lines);
        Assert.Contains("apic_id=0", run.Lines);
        Assert.Contains("lm=1", run.Lines);
        Assert.Contains("msr_apic_base=0xfee00900", run.Lines);
    }
}
