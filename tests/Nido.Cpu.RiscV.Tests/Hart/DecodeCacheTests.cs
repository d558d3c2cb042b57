using Nido.Cpu.RiscV.Tests.Infrastructure;
using static Nido.Cpu.RiscV.Tests.Infrastructure.Asm;

namespace Nido.Cpu.RiscV.Tests.Harts;

/// <summary>The decode cache re-checks each slot against memory: rewritten code runs as rewritten, with no flush.</summary>
public sealed class DecodeCacheTests
{
    private const ulong Base = TestMachine.RamBase;

    private static ulong RunOnceAt(TestMachine m, ulong pc)
    {
        m.Hart.Pc = pc;
        Assert.Equal(HartExit.Budget, m.Hart.Run(1));
        return m.Hart.GetX(5);
    }

    [Fact]
    public void RewrittenInstructionBytesAreDecodedAgain()
    {
        using var m = new TestMachine();
        m.Code(Base, Addi(5, 0, 1));
        Assert.Equal(1ul, RunOnceAt(m, Base));
        m.Code(Base, Addi(5, 0, 2));
        Assert.Equal(2ul, RunOnceAt(m, Base));
    }

    [Fact]
    public void AnInstructionCanChangeLengthInPlace()
    {
        using var m = new TestMachine();
        m.Code16(Base, CLi(5, 3));
        m.Code16(Base + 2, CLi(6, 9));
        Assert.Equal(3ul, RunOnceAt(m, Base));
        Assert.Equal(Base + 2, m.Hart.Pc);
        m.Code(Base, Addi(5, 0, 300)); // now one 32-bit instruction over both halfwords
        Assert.Equal(300ul, RunOnceAt(m, Base));
        Assert.Equal(Base + 4, m.Hart.Pc);
        m.Code16(Base, CLi(5, -1)); // and back: the upper half is stale bits again
        Assert.Equal(ulong.MaxValue, RunOnceAt(m, Base));
        Assert.Equal(Base + 2, m.Hart.Pc);
    }

    [Fact]
    public void AnInstructionStraddlingAPageIsDecodedFromBothPages()
    {
        using var m = new TestMachine();
        var at = Base + 0xffe;
        m.Code(at, Addi(5, 0, 0x123));
        Assert.Equal(0x123ul, RunOnceAt(m, at));
        m.Code(at, Addi(5, 0, 0x456)); // the immediate lives in the upper half, in the next page
        Assert.Equal(0x456ul, RunOnceAt(m, at));
    }

    [Fact]
    public void CodeThatStoresOverALaterInstructionRunsTheNewOne()
    {
        using var m = new TestMachine();
        // sw puts x6 over the addi after the fence.i. The first pass stores the addi that is there (and caches
        // it); the second stores addi x5, x0, 42 over it.
        m.Hart.SetX(7, Base + 12);
        m.Code(Base, Sw(6, 7, 0), FenceI, Nop, Addi(5, 0, 1));
        m.Hart.SetX(6, Addi(5, 0, 1));
        m.Hart.Run(4);
        Assert.Equal(1ul, m.Hart.GetX(5));
        m.Hart.SetX(6, Addi(5, 0, 42));
        m.Hart.Pc = Base;
        m.Hart.Run(4);
        Assert.Equal(42ul, m.Hart.GetX(5));
    }

    [Fact]
    public void ALoopKeepsRunningFromTheCache()
    {
        using var m = new TestMachine();
        // x5 counts to 1000 in a two-instruction loop; a stale cache would show as a wrong count.
        m.Code(Base, Addi(5, 5, 1), B(1, 5, 6, -4)); // bne x5, x6, -4
        m.Hart.SetX(6, 1000);
        m.Hart.Run(2000);
        Assert.Equal(1000ul, m.Hart.GetX(5));
        Assert.Equal(Base + 8, m.Hart.Pc);
    }
}
