using Nido.Machines.X86;

namespace Nido.Machines.Tests;

public sealed class X86LayoutTests
{
    private const ulong GiB = 1UL << 30;

    [Theory]
    [InlineData(64UL << 20)]
    [InlineData(2 * GiB)]
    [InlineData(3 * GiB)] // Exactly fills the space below the hole.
    public void SmallGuestsAreOneRangeFromZero(ulong size) => Assert.Equal([(0UL, size)], X86Layout.RamRanges(size));

    [Theory]
    [InlineData(3 * GiB + 4096, 4096UL)]
    [InlineData(4 * GiB, GiB)]
    [InlineData(16 * GiB, 13 * GiB)]
    public void RamPastThreeGiBMovesAboveFourGiB(ulong size, ulong above)
    {
        var ranges = X86Layout.RamRanges(size);
        Assert.Equal([(0UL, 3 * GiB), (4 * GiB, above)], ranges);
        Assert.Equal(size, ranges.Aggregate(0UL, (s, r) => s + r.Size));
    }

    [Fact]
    public void TheHoleHoldsTheApicsAndDeviceMmio()
    {
        Assert.Equal(3 * GiB, X86Layout.MmioGapStart);
        Assert.Equal(4 * GiB, X86Layout.MmioGapEnd);
        foreach (var a in new[] { X86Layout.IoApic, X86Layout.LocalApic, X86Layout.DeviceMmio })
            Assert.InRange(a, X86Layout.MmioGapStart, X86Layout.MmioGapEnd - 1);
    }
}
