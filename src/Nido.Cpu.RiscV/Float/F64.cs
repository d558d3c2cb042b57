using System.Runtime.CompilerServices;

namespace Nido.Cpu.RiscV.Float;

/// <summary>
/// binary64 arithmetic for the D extension on raw bit patterns, exact in every rounding mode, with
/// RISC-V's flags and NaN rules (a NaN result is always the canonical NaN). Each operation first runs on
/// the host FPU (nearest-even) and checks exactness with an error-free transformation; only results that
/// are special, tiny, overflowing or too close to either end of the range take the software core.
/// </summary>
public static partial class F64
{
    public const ulong CanonicalNaN = 0x7FF8_0000_0000_0000;
    const ulong SignBit = 0x8000_0000_0000_0000;
    /// <summary>The first pattern of the top binade: results below it can step up one ulp without overflow.</summary>
    const ulong TopBinade = 0x7FE0_0000_0000_0000;
    /// <summary>Exponent field 56 (2^-967): a product at least this large has an exactly representable error.</summary>
    const ulong MulLow = 56UL << 52;
    /// <summary>For the fused multiply-add, every term of the error-free transformation stays normal above
    /// 2^-853 (exponent field 170) and cannot overflow below 2^1021 (field 0x7FC).</summary>
    const ulong FmaLow = 170UL << 52, FmaHigh = 0x7FCUL << 52;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double D(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static ulong B(double value) => BitConverter.DoubleToUInt64Bits(value);

    public static ulong Add(ulong a, ulong b, RoundingMode rm, ref FpFlags flags)
    {
        double x = D(a), y = D(b), r = x + y;
        ulong rb = B(r);
        if ((rb & ~SignBit) - 1 < TopBinade - 1)
        {
            // A sum that is inexact is at least 2^-1021, so stepping from it stays normal; a tiny sum is exact.
            double err = FastRound.TwoSumError(x, y, r);
            if (err == 0) return rb;
            flags |= FpFlags.NX;
            return rm == RoundingMode.Rne ? rb : FastRound.Step64(rb, err, true, rm);
        }
        if (r == 0) return (rm == RoundingMode.Rdn ? a | b : a & b) & SignBit;
        return SoftFloat.Add<Binary64>(a, b, rm, ref flags);
    }

    public static ulong Sub(ulong a, ulong b, RoundingMode rm, ref FpFlags flags) => Add(a, b ^ SignBit, rm, ref flags);

    public static ulong Mul(ulong a, ulong b, RoundingMode rm, ref FpFlags flags)
    {
        double x = D(a), y = D(b), r = x * y;
        ulong rb = B(r);
        if ((rb & ~SignBit) - MulLow < TopBinade - MulLow)
        {
            double err = Math.FusedMultiplyAdd(x, y, -r);
            if (err == 0) return rb;
            flags |= FpFlags.NX;
            return rm == RoundingMode.Rne ? rb : FastRound.Step64(rb, err, true, rm);
        }
        if (r == 0 && (x == 0 || y == 0)) return rb;
        return SoftFloat.Mul<Binary64>(a, b, rm, ref flags);
    }

    public static ulong Div(ulong a, ulong b, RoundingMode rm, ref FpFlags flags)
    {
        double x = D(a), y = D(b), q = x / y;
        ulong qb = B(q);
        ulong ea = (a >> 52) & 0x7FF, eb = (b >> 52) & 0x7FF, eq = (qb >> 52) & 0x7FF;
        // Normal operands and quotient, and ulp(q)·ulp(b) ≥ 2^-1074: then a − q·b is exactly representable.
        if (eq - 2 < 0x7FE - 2 && ea - 1 < 0x7FE && eb - 1 < 0x7FE && eq + eb >= 1080)
        {
            double rem = Math.FusedMultiplyAdd(-q, y, x);
            if (rem == 0) return qb;
            flags |= FpFlags.NX;
            // An exact quotient is never a midpoint, so RMM agrees with RNE.
            if (rm is RoundingMode.Rne or RoundingMode.Rmm) return qb;
            return FastRound.Step64(qb, y < 0 ? -rem : rem, false, rm);
        }
        return SoftFloat.Div<Binary64>(a, b, rm, ref flags);
    }

    public static ulong Sqrt(ulong a, RoundingMode rm, ref FpFlags flags)
    {
        // Positive, finite and at least 2^-959: then ulp(s)² ≥ 2^-1074 and a − s² is exact.
        if (a - (64UL << 52) < 0x7FF0_0000_0000_0000 - (64UL << 52))
        {
            double x = D(a), s = Math.Sqrt(x);
            ulong sb = B(s);
            double rem = Math.FusedMultiplyAdd(-s, s, x);
            if (rem == 0) return sb;
            flags |= FpFlags.NX;
            // A square root is never a midpoint either.
            if (rm is RoundingMode.Rne or RoundingMode.Rmm) return sb;
            return FastRound.Step64(sb, rem, false, rm);
        }
        return SoftFloat.Sqrt<Binary64>(a, rm, ref flags);
    }

    /// <summary>
    /// a × b + c with one rounding. FMSUB, FNMSUB and FNMADD are this with input signs flipped; any NaN
    /// input gives the canonical NaN, so flipped NaNs need no care. NV for ∞ × 0 even when c is a quiet NaN.
    /// </summary>
    public static ulong MulAdd(ulong a, ulong b, ulong c, RoundingMode rm, ref FpFlags flags)
    {
        double x = D(a), y = D(b), z = D(c);
        double u1 = x * y, r1 = Math.FusedMultiplyAdd(x, y, z);
        ulong r1b = B(r1);
        if (InFmaRange(B(u1)) && InFmaRange(r1b) && ((c & ~SignBit) == 0 || InFmaRange(c)))
        {
            // Boldo & Muller's ErrFma: x·y + z = r1 + lo + (a tail no larger than half an ulp of lo),
            // so lo is zero exactly when r1 is exact and otherwise has the sign of the residual.
            double u2 = Math.FusedMultiplyAdd(x, y, -u1);
            double alpha1 = z + u2, alpha2 = FastRound.TwoSumError(z, u2, alpha1);
            double beta1 = u1 + alpha1, beta2 = FastRound.TwoSumError(u1, alpha1, beta1);
            double gamma = (beta1 - r1) + beta2;
            double lo = gamma + alpha2;
            if (lo == 0) return r1b;
            flags |= FpFlags.NX;
            if (rm == RoundingMode.Rne) return r1b;
            bool exactLo = rm == RoundingMode.Rmm && FastRound.TwoSumError(gamma, alpha2, lo) == 0;
            return FastRound.Step64(r1b, lo, exactLo, rm);
        }
        return SoftFloat.MulAdd<Binary64>(a, b, c, rm, ref flags);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool InFmaRange(ulong bits) => (bits & ~SignBit) - FmaLow < FmaHigh - FmaLow;
}
