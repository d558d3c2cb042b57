using Nido.Cpu.RiscV.Float;
using static Nido.Cpu.RiscV.Float.FpFlags;
using static Nido.Cpu.RiscV.Float.RoundingMode;

namespace Nido.Cpu.RiscV.Tests.Float;

/// <summary>Hand-picked cases for the rules that random testing hits rarely or that deserve a name.</summary>
public class ArithmeticEdgeTests
{
    const ulong One = 0x3FF0_0000_0000_0000, MaxD = 0x7FEF_FFFF_FFFF_FFFF, InfD = 0x7FF0_0000_0000_0000;
    const ulong MinNormalD = 0x0010_0000_0000_0000, SignD = 0x8000_0000_0000_0000;
    const ulong SNaND = 0x7FF0_0000_0000_0001, QNaNPayloadD = 0xFFF8_0000_0000_1234;
    const uint OneS = 0x3F80_0000, MaxS = 0x7F7F_FFFF, InfS = 0x7F80_0000, MinNormalS = 0x0080_0000, SignS = 0x8000_0000;

    static (ulong, FpFlags) Add(ulong a, ulong b, RoundingMode rm) { FpFlags f = 0; return (F64.Add(a, b, rm, ref f), f); }
    static (ulong, FpFlags) Sub(ulong a, ulong b, RoundingMode rm) { FpFlags f = 0; return (F64.Sub(a, b, rm, ref f), f); }
    static (ulong, FpFlags) Mul(ulong a, ulong b, RoundingMode rm) { FpFlags f = 0; return (F64.Mul(a, b, rm, ref f), f); }
    static (ulong, FpFlags) Div(ulong a, ulong b, RoundingMode rm) { FpFlags f = 0; return (F64.Div(a, b, rm, ref f), f); }
    static (ulong, FpFlags) Fma(ulong a, ulong b, ulong c, RoundingMode rm) { FpFlags f = 0; return (F64.MulAdd(a, b, c, rm, ref f), f); }
    static (uint, FpFlags) AddS(uint a, uint b, RoundingMode rm) { FpFlags f = 0; return (F32.Add(a, b, rm, ref f), f); }
    static (uint, FpFlags) MulS(uint a, uint b, RoundingMode rm) { FpFlags f = 0; return (F32.Mul(a, b, rm, ref f), f); }
    static (uint, FpFlags) FmaS(uint a, uint b, uint c, RoundingMode rm) { FpFlags f = 0; return (F32.MulAdd(a, b, c, rm, ref f), f); }

    [Theory]
    [InlineData(Rne, false)] [InlineData(Rtz, false)] [InlineData(Rdn, true)] [InlineData(Rup, false)] [InlineData(Rmm, false)]
    public void Exact_zero_sums_are_positive_except_when_rounding_down(RoundingMode rm, bool negative)
    {
        ulong zeroD = negative ? SignD : 0;
        uint zeroS = negative ? SignS : 0;
        Assert.Equal((zeroD, None), Add(One, One | SignD, rm));
        Assert.Equal((zeroD, None), Sub(0x4009_21FB_5444_2D18, 0x4009_21FB_5444_2D18, rm));
        Assert.Equal((zeroD, None), Add(0, SignD, rm));
        Assert.Equal((SignD, None), Add(SignD, SignD, rm));
        Assert.Equal((0ul, None), Add(0, 0, rm));
        Assert.Equal((zeroS, None), AddS(OneS, OneS | SignS, rm));
        Assert.Equal((zeroS, None), AddS(1, 1 | SignS, rm));
        Assert.Equal((SignS, None), AddS(SignS, SignS, rm));
        // a·b + c cancelling exactly, and 0·x + (−0).
        Assert.Equal((zeroD, None), Fma(One, One, One | SignD, rm));
        Assert.Equal((zeroD, None), Fma(0, One, SignD, rm));
        Assert.Equal((zeroS, None), FmaS(OneS, OneS, OneS | SignS, rm));
    }

    [Theory]
    [InlineData(Rne, InfD, InfD)] [InlineData(Rmm, InfD, InfD)] [InlineData(Rtz, MaxD, MaxD)]
    [InlineData(Rdn, MaxD, InfD)] [InlineData(Rup, InfD, MaxD)]
    public void Overflow_gives_infinity_or_the_largest_finite_per_mode(RoundingMode rm, ulong positive, ulong negativeMagnitude)
    {
        Assert.Equal((positive, OF | NX), Add(MaxD, MaxD, rm));
        Assert.Equal((negativeMagnitude | SignD, OF | NX), Add(MaxD | SignD, MaxD | SignD, rm));
        Assert.Equal((positive, OF | NX), Mul(MaxD, 0x4000_0000_0000_0000, rm));
        Assert.Equal((negativeMagnitude | SignD, OF | NX), Div(MaxD | SignD, 0x3FE0_0000_0000_0000, rm));
        uint posS = positive == InfD ? InfS : MaxS, negS = (negativeMagnitude == InfD ? InfS : MaxS) | SignS;
        Assert.Equal((posS, OF | NX), AddS(MaxS, MaxS, rm));
        Assert.Equal((negS, OF | NX), MulS(MaxS | SignS, 0x4000_0000, rm));
        FpFlags f = 0;
        Assert.Equal(posS, F32.FromF64(0x47F0_0000_0000_0000, rm, ref f)); // 2^128
        Assert.Equal(OF | NX, f);
    }

    [Fact]
    public void Overflow_threshold_depends_on_the_rounded_value()
    {
        // MAX + half an ulp of MAX is a tie that RNE rounds to even (up, to ∞); MAX + a quarter ulp stays MAX.
        const ulong halfUlpOfMax = 0x7C90_0000_0000_0000, quarterUlpOfMax = 0x7C80_0000_0000_0000;
        Assert.Equal((InfD, OF | NX), Add(MaxD, halfUlpOfMax, Rne));
        Assert.Equal((MaxD, NX), Add(MaxD, quarterUlpOfMax, Rne));
        Assert.Equal((InfD, OF | NX), Add(MaxD, quarterUlpOfMax, Rup));
        Assert.Equal((MaxD, NX), Add(MaxD, halfUlpOfMax, Rtz));
    }

    [Fact]
    public void Subnormal_results_raise_underflow_only_when_inexact()
    {
        Assert.Equal((0x0008_0000_0000_0000ul, None), Mul(MinNormalD, 0x3FE0_0000_0000_0000, Rne)); // exact
        Assert.Equal((1ul, None), Sub(MinNormalD + 1, MinNormalD, Rne)); // sums are exact when tiny
        // Half the smallest subnormal: a tie, to even (0) in RNE, away in RMM.
        Assert.Equal((0ul, UF | NX), Mul(1, 0x3FE0_0000_0000_0000, Rne));
        Assert.Equal((1ul, UF | NX), Mul(1, 0x3FE0_0000_0000_0000, Rmm));
        Assert.Equal((1ul, UF | NX), Mul(1, 0x3FE0_0000_0000_0000, Rup));
        Assert.Equal((SignD, UF | NX), Mul(1, 0xBFE0_0000_0000_0000, Rtz));
        Assert.Equal((SignD | 1, UF | NX), Mul(1, 0xBFE0_0000_0000_0000, Rdn));
        Assert.Equal((1u, UF | NX), MulS(1, 0x3F40_0000, Rne)); // 0.75 of the smallest binary32 subnormal
        FpFlags f = 0;
        Assert.Equal(0x0000_0001u, F32.FromF64(0x36A0_0000_0000_0001, Rne, ref f)); // just over 2^-150
        Assert.Equal(UF | NX, f);
    }

    [Fact]
    public void Tininess_is_detected_after_rounding()
    {
        // (1 − 2^-53) · 2^-1022 is exact in 53 bits below 2^-1022, so tiny; as a subnormal it is a tie
        // that rounds up to 2^-1022 itself. Result normal, yet UF.
        Assert.Equal((MinNormalD, UF | NX), Mul(0x3FEF_FFFF_FFFF_FFFF, MinNormalD, Rne));
        // (1 − 2^-23)(1 + 2^-23) · 2^-126 = (1 − 2^-46) · 2^-126 rounds to 2^-126 even with unbounded
        // exponent in RNE: not tiny, no UF. Truncating it is tiny.
        Assert.Equal((MinNormalS, NX), MulS(0x3F7F_FFFE, MinNormalS + 1, Rne));
        Assert.Equal((MinNormalS - 1, UF | NX), MulS(0x3F7F_FFFE, MinNormalS + 1, Rtz));
        Assert.Equal((MinNormalS, NX), MulS(0x3F7F_FFFE, MinNormalS + 1, Rup));
    }

    [Fact]
    public void Ties_go_to_even_in_rne_and_away_in_rmm()
    {
        const ulong halfUlpOfOne = 0x3CA0_0000_0000_0000; // 2^-53
        Assert.Equal((One, NX), Add(One, halfUlpOfOne, Rne));
        Assert.Equal((One + 1, NX), Add(One, halfUlpOfOne, Rmm));
        Assert.Equal((One + 2, NX), Add(One + 1, halfUlpOfOne, Rne));
        Assert.Equal((One + 2, NX), Add(One + 1, halfUlpOfOne, Rmm));
        Assert.Equal((One | SignD, NX), Sub(One | SignD, halfUlpOfOne, Rne));
        Assert.Equal((One + 1 | SignD, NX), Sub(One | SignD, halfUlpOfOne, Rmm));
        // (1 + 2^-52)² = 1 + 2^-51 + 2^-104: not a tie. (1 + 3·2^-23) · 1.5 = 1.5 + 4.5·2^-23 is one,
        // between an even and an odd binary32.
        Assert.Equal((One + 2, NX), Mul(One + 1, One + 1, Rne));
        Assert.Equal((0x3FC0_0004u, NX), MulS(OneS + 3, 0x3FC0_0000, Rne));
        Assert.Equal((0x3FC0_0005u, NX), MulS(OneS + 3, 0x3FC0_0000, Rmm));
        Assert.Equal((0x3FC0_0004u, NX), FmaS(OneS + 3, 0x3FC0_0000, 0, Rne));
        Assert.Equal((0x3FC0_0005u, NX), FmaS(OneS + 3, 0x3FC0_0000, 0, Rmm));
    }

    [Fact]
    public void Nan_results_are_canonical_and_signaling_inputs_raise_invalid()
    {
        Assert.Equal((F64.CanonicalNaN, NV), Add(SNaND, One, Rne));
        Assert.Equal((F64.CanonicalNaN, None), Add(QNaNPayloadD, One, Rne));
        Assert.Equal((F64.CanonicalNaN, NV), Sub(InfD, InfD, Rne));
        Assert.Equal((F64.CanonicalNaN, NV), Mul(InfD, SignD, Rne));
        Assert.Equal((F64.CanonicalNaN, NV), Div(0, SignD, Rne));
        Assert.Equal((F64.CanonicalNaN, NV), Div(InfD, InfD | SignD, Rne));
        Assert.Equal((InfD | SignD, DZ), Div(One | SignD, 0, Rne));
        Assert.Equal((InfD, DZ), Div(SignD | One, SignD, Rne));
        FpFlags f = 0;
        Assert.Equal(F64.CanonicalNaN, F64.Sqrt(One | SignD, Rne, ref f));
        Assert.Equal(NV, f);
        f = 0;
        Assert.Equal(SignD, F64.Sqrt(SignD, Rne, ref f));
        Assert.Equal(None, f);
        Assert.Equal((F32.CanonicalNaN, NV), AddS(0x7F80_0001, OneS, Rne));
        Assert.Equal((F32.CanonicalNaN, None), AddS(0xFFC0_1234, OneS, Rne));
        Assert.Equal((F32.CanonicalNaN, NV), MulS(InfS, 0, Rne));
    }

    [Fact]
    public void Fused_multiply_add_invalid_cases()
    {
        // ∞ × 0 is invalid even with a quiet NaN addend; a NaN factor hides it.
        Assert.Equal((F64.CanonicalNaN, NV), Fma(InfD, 0, F64.CanonicalNaN, Rne));
        Assert.Equal((F64.CanonicalNaN, NV), Fma(SignD, InfD, QNaNPayloadD, Rne));
        Assert.Equal((F64.CanonicalNaN, None), Fma(F64.CanonicalNaN, InfD, 0, Rne));
        Assert.Equal((F64.CanonicalNaN, None), Fma(One, One, QNaNPayloadD, Rne));
        Assert.Equal((F64.CanonicalNaN, NV), Fma(One, One, SNaND, Rne));
        Assert.Equal((F64.CanonicalNaN, NV), Fma(InfD, One, InfD | SignD, Rne));
        Assert.Equal((InfD, None), Fma(InfD, One, InfD, Rne));
        Assert.Equal((F32.CanonicalNaN, NV), FmaS(0, InfS, F32.CanonicalNaN, Rne));
        // FNMADD is MulAdd with both signs flipped: a sign-flipped signaling NaN still signals.
        Assert.Equal((F64.CanonicalNaN, NV), Fma(SNaND | SignD, One, SignD, Rne));
    }

    [Fact]
    public void Fused_multiply_add_rounds_once()
    {
        // (1 + 2^-52)(1 − 2^-52) − 1 = −2^-104 exactly; a separately rounded product would give 0.
        Assert.Equal((0xB970_0000_0000_0000ul, None), Fma(One + 1, 0x3FEF_FFFF_FFFF_FFFE, One | SignD, Rne));
        Assert.Equal((0xA880_0000u, None), FmaS(OneS + 1, 0x3F7F_FFFE, OneS | SignS, Rne)); // −2^-46
    }
}
