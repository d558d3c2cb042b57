using Nido.Hypervisor.Memory;
using Nido.Machines.X86;

namespace Nido.Machines.Tests;

public sealed class E820Tests
{
    private static readonly E820Entry[] Low =
    [
        new(0, 0x9fc00, E820Type.Ram),
        new(0x9fc00, 0x400, E820Type.Reserved), // EBDA.
        new(0xe0000, 0x20000, E820Type.Reserved), // BIOS area: the ACPI tables.
    ];

    [Fact]
    public void OneRegionIsLowMemoryTheHolesAndRamFromOneMiB()
    {
        using var m = GuestMemory.Anonymous([(0, 16UL << 20)]);
        Assert.Equal([.. Low, new(0x100000, 15UL << 20, E820Type.Ram)], E820.For(m));
        Assert.Equal(15UL << 20, E820.ContiguousAboveOneMiB(m));
    }

    [Fact]
    public void RamAbove4GiBIsItsOwnEntry()
    {
        // The guest-physical layout of a big VM, with small host mappings.
        using var m = GuestMemory.Anonymous([(0, 2UL << 20), (X86Layout.MmioGapEnd, 4UL << 20)]);
        Assert.Equal([.. Low, new(0x100000, 1UL << 20, E820Type.Ram), new(0x1_0000_0000, 4UL << 20, E820Type.Ram)], E820.For(m));
        Assert.Equal(1UL << 20, E820.ContiguousAboveOneMiB(m)); // Only up to the hole.
    }

    [Fact]
    public void MemoryEndingBelowOneMiBHasNoHighEntry()
    {
        using var m = GuestMemory.Anonymous([(0, 512UL << 10)]);
        Assert.Equal(Low, E820.For(m));
        Assert.Equal(0UL, E820.ContiguousAboveOneMiB(m));
    }

    [Fact]
    public void NoRegionAtOneMiBMeansNothingContiguous()
    {
        using var m = GuestMemory.Anonymous([(0, 512UL << 10), (2UL << 20, 2UL << 20)]);
        Assert.Equal(0UL, E820.ContiguousAboveOneMiB(m));
        Assert.Equal(new E820Entry(2UL << 20, 2UL << 20, E820Type.Ram), E820.For(m)[^1]);
    }
}
