using System.Runtime.CompilerServices;

namespace Nido.Cpu.RiscV.Float;

/// <summary>
/// Helpers for the hardware paths: the host rounds to nearest-even, an error-free transformation gives
/// the exact residual (result − exact value, or at least its sign), and these turn that into the result
/// and flags of any rounding mode without going through the software core.
/// </summary>
internal static class FastRound
{
    const ulong SignBit = 1UL << 63;

    /// <summary>Knuth's TwoSum: the exact error of s = fl(a + b), valid for any finite a, b (even subnormal).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double TwoSumError(double a, double b, double s)
    {
        double bv = s - a;
        return (a - (s - bv)) + (b - bv);
    }

    /// <summary>
    /// Re-rounds a binary64 result r (nearest-even, inexact) for a directed mode or RMM, given err whose
    /// sign is that of (exact − r). r must be normal, at least 2^-1021 in magnitude and below the top binade,
    /// so a one-ulp step neither leaves the normal range nor overflows. <paramref name="mayTie"/> says err is
    /// the exact residual, so RMM can recognise an exact midpoint; otherwise no midpoint is possible.
    /// </summary>
    internal static ulong Step64(ulong r, double err, bool mayTie, RoundingMode rm)
    {
        bool neg = (long)r < 0;
        bool above = err > 0;
        // Adding one to the pattern grows the magnitude; subtracting one shrinks it.
        switch (rm)
        {
            case RoundingMode.Rtz: return above == neg ? r - 1 : r;
            case RoundingMode.Rdn: return above ? r : neg ? r + 1 : r - 1;
            case RoundingMode.Rup: return above ? neg ? r - 1 : r + 1 : r;
            case RoundingMode.Rmm:
                if (!mayTie || above == neg) return r;
                double mag = BitConverter.UInt64BitsToDouble(r & ~SignBit);
                double ulp = BitConverter.UInt64BitsToDouble((r & ~SignBit) + 1) - mag;
                return Math.Abs(err) * 2 == ulp ? r + 1 : r;
            default: return r;
        }
    }

    /// <summary>
    /// Rounds to binary32 the exact result of a basic operation (+ − × ÷ √ on binary32 operands) given
    /// d = its binary64 nearest-even rounding and lo with the sign of (exact − d), 0 if d is exact.
    /// For RNE, rounding d again is correct: binary64 has more than 2·24 + 2 bits, so double rounding is
    /// innocuous for these operations; it is not for a fused multiply-add, which must pass lo = 0 here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint ToSingle(double d, double lo, RoundingMode rm, ref FpFlags flags)
    {
        if (rm == RoundingMode.Rne)
        {
            float f = (float)d;
            uint fb = BitConverter.SingleToUInt32Bits(f);
            // Exponent field 2..254: finite, and far enough from 2^-126 that tininess cannot arise.
            if (((fb >> 23) & 0xFF) - 2 < 253)
            {
                if (lo != 0 || (double)f != d) flags |= FpFlags.NX;
                return fb;
            }
        }
        return ToSingleExact(d, lo, rm, ref flags);
    }

    /// <summary>The exact rounding to binary32 of the value that lies strictly between the normal binary64 d
    /// and its neighbour on the side of lo (or is d when lo is 0), in any mode.</summary>
    internal static uint ToSingleExact(double d, double lo, RoundingMode rm, ref FpFlags flags)
    {
        ulong db = BitConverter.DoubleToUInt64Bits(d);
        bool neg = (long)db < 0;
        int exp = (int)((db >> 52) & 0x7FF) - 1023;
        ulong sig = (db << 11) | SignBit;
        // d's significand ends at bit 11; a unit in bit 0 stands for "a little more" or "a little less".
        if (lo != 0)
        {
            if ((lo < 0) == neg) sig |= 1;
            else if (--sig < SignBit) { sig = (sig << 1) | 1; exp--; }
        }
        return (uint)SoftFloat.RoundPack<Binary32>(neg, exp, sig, rm, ref flags);
    }
}
