using System.Numerics;

namespace Nido.Cpu.RiscV.Float;

internal static partial class SoftFloat
{
    /// <summary>
    /// FCVT to an integer of <paramref name="bits"/> (32 or 64) bits, signed or not: the result saturates,
    /// NaN gives the largest positive value, NV on NaN or out of range, NX only when in range and inexact.
    /// Returns the two's-complement pattern, sign-extended to 64 bits for signed results.
    /// </summary>
    internal static ulong ToInt<F>(ulong a, bool signed, int bits, RoundingMode rm, ref FpFlags flags)
        where F : struct, IFloatFormat
    {
        ulong max = signed ? (1UL << (bits - 1)) - 1 : ulong.MaxValue >> (64 - bits);
        ulong min = signed ? ~max : 0;
        if (IsNaN<F>(a)) { flags |= FpFlags.NV; return max; }
        bool neg = (a & F.SignBit) != 0;
        if (IsZero<F>(a)) return 0;
        if (IsInf<F>(a)) { flags |= FpFlags.NV; return neg ? min : max; }
        ulong m = Unpack<F>(a, out int e);
        if (e >= 64) { flags |= FpFlags.NV; return neg ? min : max; }
        // Integer part and left-aligned fraction; an increment cannot wrap (below 2^63 when a fraction exists).
        ulong k, frac;
        if (e >= 0) { k = m >> (63 - e); frac = e == 63 ? 0 : m << (e + 1); }
        else if (e == -1) { k = 0; frac = m; }
        else { k = 0; frac = 1; }
        if (frac != 0 && RoundsUp(neg, k, frac, rm)) k++;
        ulong limit = neg ? (signed ? max + 1 : 0) : max;
        if (k > limit) { flags |= FpFlags.NV; return neg ? min : max; }
        if (frac != 0) flags |= FpFlags.NX;
        return neg ? 0 - k : k;
    }

    /// <summary>FCVT from an integer given as sign and magnitude: +0 for zero, otherwise rounded per rm.</summary>
    internal static ulong FromInt<F>(bool neg, ulong magnitude, RoundingMode rm, ref FpFlags flags)
        where F : struct, IFloatFormat
    {
        if (magnitude == 0) return 0;
        int lz = BitOperations.LeadingZeroCount(magnitude);
        return RoundPack<F>(neg, 63 - lz, magnitude << lz, rm, ref flags);
    }

    /// <summary>Converts between formats: exact when widening, rounded with OF/UF/NX when narrowing;
    /// a NaN becomes the target's canonical NaN, NV if it signals.</summary>
    internal static ulong Convert<TFrom, TTo>(ulong a, RoundingMode rm, ref FpFlags flags)
        where TFrom : struct, IFloatFormat where TTo : struct, IFloatFormat
    {
        if (IsNaN<TFrom>(a))
        {
            if (IsSignaling<TFrom>(a)) flags |= FpFlags.NV;
            return TTo.CanonicalNaN;
        }
        bool neg = (a & TFrom.SignBit) != 0;
        ulong sign = neg ? TTo.SignBit : 0;
        if (IsZero<TFrom>(a)) return sign;
        if (IsInf<TFrom>(a)) return sign | TTo.ExpMask;
        ulong m = Unpack<TFrom>(a, out int e);
        return RoundPack<TTo>(neg, e, m, rm, ref flags);
    }
}
