using Nido.Hypervisor.X86;
using Nido.Machines.X86;

namespace Nido.Machines.Tests;

public sealed class CpuidSetupTests
{
    private static CpuidEntry Entry(uint function, uint index = 0, uint eax = 0, uint ebx = 0, uint ecx = 0, uint edx = 0) =>
        new() { Function = function, Index = index, Eax = eax, Ebx = ebx, Ecx = ecx, Edx = edx };

    // What KVM reports, roughly: a host APIC id and logical count in leaf 1 that must not leak through.
    private static readonly CpuidEntry[] Supported =
    [
        Entry(0, eax: 0xd, ebx: 0x756e6547),
        Entry(1, eax: 0x906ea, ebx: 0x07_10_08_01, ecx: 0x7ffafbff, edx: 0x1fabfbff),
        Entry(4, 0, eax: 0x1c004121), // L1d.
        Entry(4, 3, eax: 0x1c03c163), // L3.
        Entry(0xb, 0, eax: 1, ebx: 2, ecx: 0x100, edx: 7),
        Entry(0xb, 1, eax: 4, ebx: 16, ecx: 0x201, edx: 7),
        Entry(0xb, 2, eax: 0, ebx: 0, ecx: 2, edx: 7),
    ];

    private static CpuidEntry Find(CpuidEntry[] entries, uint function, uint index = 0) =>
        entries.Single(e => e.Function == function && e.Index == index);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 4)]
    [InlineData(3, 4)]
    public void Leaf1HasThisVcpusApicIdTheCountAndTheHypervisorBit(int index, int cpus)
    {
        var entries = CpuidSetup.For(Supported, index, cpus);
        var leaf1 = Find(entries, 1);
        Assert.Equal((uint)index, leaf1.Ebx >> 24);
        Assert.Equal((uint)cpus, leaf1.Ebx >> 16 & 0xff);
        Assert.Equal(8u, leaf1.Ebx >> 8 & 0xff);   // CLFLUSH line: 8 quadwords.
        Assert.Equal(1u, leaf1.Ebx & 0xff);        // Brand index kept.
        Assert.Equal(1u, leaf1.Ecx >> 31);
        Assert.Equal(cpus > 1, (leaf1.Edx & 1u << 28) != 0); // HTT: more than one logical processor.
        Assert.Equal(Supported[1].Eax, leaf1.Eax);
        Assert.Equal(Supported[1].Ecx, leaf1.Ecx & 0x7fffffff);
    }

    [Theory]
    [InlineData(0, 1, 0u)]
    [InlineData(2, 3, 2u)]
    [InlineData(5, 8, 3u)]
    [InlineData(8, 9, 4u)]
    public void Leaf0xBHasTheX2ApicIdAndTheTopology(int index, int cpus, uint coreBits)
    {
        var entries = CpuidSetup.For(Supported, index, cpus);
        var smt = Find(entries, 0xb, 0);
        var core = Find(entries, 0xb, 1);
        var end = Find(entries, 0xb, 2);
        Assert.Equal((0u, 1u, 0x100u, (uint)index), (smt.Eax, smt.Ebx, smt.Ecx, smt.Edx)); // One thread per core.
        Assert.Equal((coreBits, (uint)cpus, 0x201u, (uint)index), (core.Eax, core.Ebx, core.Ecx, core.Edx));
        Assert.Equal((0u, 0u, 2u, (uint)index), (end.Eax, end.Ebx, end.Ecx, end.Edx)); // Level type 0: the end.
    }

    [Fact]
    public void Leaf4CountsTheCoresAndSharesOnlyTheL3()
    {
        var entries = CpuidSetup.For(Supported, 0, 4);
        var l1 = Find(entries, 4, 0);
        var l3 = Find(entries, 4, 3);
        Assert.Equal(3u, l1.Eax >> 26);
        Assert.Equal(0u, l1.Eax >> 14 & 0xfff);
        Assert.Equal(Supported[2].Eax & 0x3fff, l1.Eax & 0x3fff);
        Assert.Equal(3u, l3.Eax >> 26);
        Assert.Equal(3u, l3.Eax >> 14 & 0xfff);
    }

    [Fact]
    public void OtherLeavesAndTheInputAreLeftAlone()
    {
        var input = Supported.ToArray();
        var entries = CpuidSetup.For(input, 1, 2);
        Assert.Equal(Supported[0], Find(entries, 0));
        Assert.Equal(Supported, input);
    }
}
