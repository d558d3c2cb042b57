using Nido.Cpu.RiscV.Float;
using static Nido.Cpu.RiscV.Float.FpFlags;

namespace Nido.Cpu.RiscV.Tests.Float;

public class CompareClassifyTests
{
    const ulong PosZero = 0, NegZero = 0x8000_0000_0000_0000, One = 0x3FF0_0000_0000_0000, NegOne = 0xBFF0_0000_0000_0000;
    const ulong QNaN = 0x7FF8_0000_0000_0000, SNaN = 0x7FF4_0000_0000_0000;

    [Theory]
    [InlineData(0xFFF0_0000_0000_0000, 0)] [InlineData(0xBFF0_0000_0000_0000, 1)] [InlineData(0x800F_FFFF_FFFF_FFFF, 2)]
    [InlineData(0x8000_0000_0000_0000, 3)] [InlineData(0x0000_0000_0000_0000, 4)] [InlineData(0x0000_0000_0000_0001, 5)]
    [InlineData(0x0010_0000_0000_0000, 6)] [InlineData(0x7FF0_0000_0000_0000, 7)] [InlineData(0x7FF0_0000_0000_0001, 8)]
    [InlineData(0xFFF7_FFFF_FFFF_FFFF, 8)] [InlineData(0x7FF8_0000_0000_0000, 9)] [InlineData(0xFFFF_FFFF_FFFF_FFFF, 9)]
    public void Classify_binary64(ulong bits, int bit) => Assert.Equal(1u << bit, F64.Classify(bits));

    [Theory]
    [InlineData(0xFF80_0000u, 0)] [InlineData(0xC000_0000u, 1)] [InlineData(0x8000_0001u, 2)] [InlineData(0x8000_0000u, 3)]
    [InlineData(0x0000_0000u, 4)] [InlineData(0x007F_FFFFu, 5)] [InlineData(0x7F7F_FFFFu, 6)] [InlineData(0x7F80_0000u, 7)]
    [InlineData(0x7FBF_FFFFu, 8)] [InlineData(0x7FC0_0000u, 9)] [InlineData(0xFFC0_0001u, 9)]
    public void Classify_binary32(uint bits, int bit) => Assert.Equal(1u << bit, F32.Classify(bits));

    static (ulong, FpFlags) Min(ulong a, ulong b) { FpFlags f = 0; return (F64.Min(a, b, ref f), f); }
    static (ulong, FpFlags) Max(ulong a, ulong b) { FpFlags f = 0; return (F64.Max(a, b, ref f), f); }

    [Fact]
    public void Min_and_max_follow_minimum_and_maximum_number()
    {
        Assert.Equal((NegZero, None), Min(PosZero, NegZero));
        Assert.Equal((NegZero, None), Min(NegZero, PosZero));
        Assert.Equal((PosZero, None), Max(NegZero, PosZero));
        Assert.Equal((NegOne, None), Min(One, NegOne));
        Assert.Equal((One, None), Max(QNaN, One));
        Assert.Equal((One, NV), Min(One, SNaN));
        Assert.Equal((QNaN, None), Min(0xFFF8_0000_0000_1234, QNaN)); // both NaN: canonical
        Assert.Equal((QNaN, NV), Max(SNaN, QNaN));
        FpFlags f = 0;
        Assert.Equal(0x8000_0000u, F32.Min(0, 0x8000_0000, ref f));
        Assert.Equal(0x3F80_0000u, F32.Max(0x7F80_0001, 0x3F80_0000, ref f));
        Assert.Equal(NV, f);
    }

    static (bool, FpFlags) Eq(ulong a, ulong b) { FpFlags f = 0; return (F64.Eq(a, b, ref f), f); }
    static (bool, FpFlags) Lt(ulong a, ulong b) { FpFlags f = 0; return (F64.Lt(a, b, ref f), f); }
    static (bool, FpFlags) Le(ulong a, ulong b) { FpFlags f = 0; return (F64.Le(a, b, ref f), f); }

    [Fact]
    public void Comparisons_are_quiet_or_signaling_as_specified()
    {
        Assert.Equal((true, None), Eq(PosZero, NegZero));
        Assert.Equal((false, None), Lt(NegZero, PosZero));
        Assert.Equal((true, None), Le(PosZero, NegZero));
        Assert.Equal((true, None), Lt(NegOne, NegZero));
        Assert.Equal((false, None), Lt(One, One));
        Assert.Equal((true, None), Le(One, One));
        Assert.Equal((false, None), Eq(QNaN, QNaN));
        Assert.Equal((false, NV), Eq(SNaN, One));
        Assert.Equal((false, NV), Lt(QNaN, One));
        Assert.Equal((false, NV), Le(One, QNaN));
        FpFlags f = 0;
        Assert.True(F32.Lt(0xBF80_0000, 0x3F80_0000, ref f));
        Assert.False(F32.Eq(0x7FC0_0000, 0x7FC0_0000, ref f));
        Assert.Equal(None, f);
        Assert.False(F32.Le(0x7FC0_0000, 0, ref f));
        Assert.Equal(NV, f);
    }
}
