using Nido.Cpu.RiscV.Float;
using static Nido.Cpu.RiscV.Float.FpFlags;
using static Nido.Cpu.RiscV.Float.RoundingMode;

namespace Nido.Cpu.RiscV.Tests.Float;

public class ConversionEdgeTests
{
    static ulong D(double v) => BitConverter.DoubleToUInt64Bits(v);
    static uint S(float v) => BitConverter.SingleToUInt32Bits(v);

    static (int, FpFlags) W(double v, RoundingMode rm) { FpFlags f = 0; return (F64.ToInt32(D(v), rm, ref f), f); }
    static (uint, FpFlags) WU(double v, RoundingMode rm) { FpFlags f = 0; return (F64.ToUInt32(D(v), rm, ref f), f); }
    static (long, FpFlags) L(double v, RoundingMode rm) { FpFlags f = 0; return (F64.ToInt64(D(v), rm, ref f), f); }
    static (ulong, FpFlags) LU(double v, RoundingMode rm) { FpFlags f = 0; return (F64.ToUInt64(D(v), rm, ref f), f); }

    [Fact]
    public void Nan_and_infinities_saturate_with_invalid()
    {
        Assert.Equal((int.MaxValue, NV), W(double.NaN, Rne));
        Assert.Equal((int.MaxValue, NV), W(-double.NaN, Rne)); // sign of a NaN does not matter
        Assert.Equal((int.MaxValue, NV), W(double.PositiveInfinity, Rtz));
        Assert.Equal((int.MinValue, NV), W(double.NegativeInfinity, Rtz));
        Assert.Equal((uint.MaxValue, NV), WU(double.NaN, Rtz));
        Assert.Equal((0u, NV), WU(double.NegativeInfinity, Rtz));
        Assert.Equal((long.MaxValue, NV), L(double.NaN, Rtz));
        Assert.Equal((ulong.MaxValue, NV), LU(double.NaN, Rtz));
        FpFlags f = 0;
        Assert.Equal(int.MaxValue, F32.ToInt32(0x7F80_0001, Rne, ref f));
        Assert.Equal(NV, f);
    }

    [Fact]
    public void Out_of_range_saturates_and_in_range_sets_inexact()
    {
        Assert.Equal((int.MaxValue, NX), W(2147483647.4, Rne));
        Assert.Equal((int.MaxValue, NV), W(2147483647.5, Rne));
        Assert.Equal((int.MaxValue, NX), W(2147483647.5, Rtz));
        Assert.Equal((int.MinValue, NX), W(-2147483648.5, Rne)); // tie to even stays in range
        Assert.Equal((int.MinValue, NV), W(-2147483648.5, Rmm));
        Assert.Equal((int.MinValue, NV), W(-2147483649.0, Rtz));
        Assert.Equal((uint.MaxValue, NV), WU(4294967296.0, Rtz));
        Assert.Equal((uint.MaxValue, NX), WU(4294967295.9, Rtz));
        Assert.Equal((0u, NV), WU(-1.0, Rtz));
        Assert.Equal((0u, NX), WU(-0.9, Rtz)); // rounds to zero: in range
        Assert.Equal((0u, NV), WU(-0.9, Rdn));
        Assert.Equal((0u, NX), WU(-0.5, Rne));
        Assert.Equal((0u, None), WU(-0.0, Rdn));
        Assert.Equal((long.MaxValue, NV), L(9223372036854775808.0, Rtz));
        Assert.Equal((long.MinValue, None), L(-9223372036854775808.0, Rtz));
        Assert.Equal((ulong.MaxValue, NV), LU(18446744073709551616.0, Rtz));
        Assert.Equal((18446744073709549568ul, None), LU(18446744073709549568.0, Rtz));
        // FCVT.WU's saturated value is returned as uint; the hart sign-extends it to 0xFFFF_FFFF_FFFF_FFFF.
        FpFlags f = 0;
        Assert.Equal(0xFFFF_FFFFu, F32.ToUInt32(S(1e10f), Rtz, ref f));
        Assert.Equal(NV, f);
    }

    [Theory]
    [InlineData(2.5, Rne, 2)] [InlineData(3.5, Rne, 4)] [InlineData(-2.5, Rne, -2)]
    [InlineData(2.5, Rmm, 3)] [InlineData(-2.5, Rmm, -3)] [InlineData(2.7, Rtz, 2)] [InlineData(-2.7, Rtz, -2)]
    [InlineData(-2.2, Rdn, -3)] [InlineData(2.2, Rup, 3)] [InlineData(-2.7, Rup, -2)]
    public void Rounds_to_integer_per_mode(double value, RoundingMode rm, int expected)
    {
        Assert.Equal((expected, NX), W(value, rm));
        Assert.Equal((expected, NX), L(value, rm) is var (l, f) ? ((int)l, f) : default);
        FpFlags flags = 0;
        Assert.Equal(expected, F32.ToInt32(S((float)value), rm, ref flags));
        Assert.Equal(NX, flags);
    }

    [Fact]
    public void Integers_round_into_floats()
    {
        FpFlags f = 0;
        Assert.Equal(D(9007199254740992.0), F64.FromInt64(9007199254740993, Rne, ref f)); // 2^53 + 1: tie to even
        Assert.Equal(NX, f);
        f = 0;
        Assert.Equal(D(9007199254740994.0), F64.FromInt64(9007199254740993, Rmm, ref f));
        f = 0;
        Assert.Equal(D(-9007199254740994.0), F64.FromInt64(-9007199254740993, Rdn, ref f));
        f = 0;
        Assert.Equal(D(18446744073709551616.0), F64.FromUInt64(ulong.MaxValue, Rne, ref f));
        Assert.Equal(NX, f);
        f = 0;
        Assert.Equal(0x5F7F_FFFFu, F32.FromUInt64(ulong.MaxValue, Rtz, ref f));
        Assert.Equal(NX, f);
        f = 0;
        Assert.Equal(S(16777216f), F32.FromInt32(16777217, Rne, ref f));
        Assert.Equal(NX, f);
        f = 0;
        Assert.Equal(S(-2147483648f), F32.FromInt32(int.MinValue, Rne, ref f));
        Assert.Equal(0u, F32.FromInt64(0, Rdn, ref f)); // zero is +0 in every mode
        Assert.Equal(0ul, F64.FromInt32(0, Rdn, ref f));
        Assert.Equal(None, f);
    }

    [Fact]
    public void Binary32_and_binary64_convert_with_nan_canonicalisation()
    {
        FpFlags f = 0;
        Assert.Equal(F64.CanonicalNaN, F64.FromF32(0xFF80_0001, ref f));
        Assert.Equal(NV, f);
        f = 0;
        Assert.Equal(F64.CanonicalNaN, F64.FromF32(0x7FC1_2345, ref f));
        Assert.Equal(F32.CanonicalNaN, F32.FromF64(0x7FF8_0000_0000_0001, Rne, ref f));
        Assert.Equal(None, f);
        Assert.Equal(D(1.401298464324817e-45), F64.FromF32(1, ref f)); // subnormal widens exactly
        Assert.Equal(None, f);
        Assert.Equal(S(1f / 3f), F32.FromF64(D(1.0 / 3.0), Rne, ref f));
        Assert.Equal(NX, f);
        f = 0;
        Assert.Equal(0x3EAA_AAAAu, F32.FromF64(D(1.0 / 3.0), Rtz, ref f));
        f = 0;
        Assert.Equal(0x8000_0000u, F32.FromF64(D(-1e-300), Rtz, ref f));
        Assert.Equal(UF | NX, f);
        f = 0;
        Assert.Equal(0x8000_0001u, F32.FromF64(D(-1e-300), Rdn, ref f));
        Assert.Equal(UF | NX, f);
    }
}
