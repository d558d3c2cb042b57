using System.Numerics;

namespace Nido.Cpu.RiscV.Float;

/// <summary>
/// The exact software path behind <see cref="F32"/> and <see cref="F64"/>: significands unpacked into
/// ulong/UInt128 and one rounding routine shared by every operation of both formats. It is slower than
/// the hardware paths but exact in every rounding mode, for subnormals, overflow and special operands.
/// </summary>
/// <remarks>
/// Convention: a finite nonzero value is carried as (sign, exp, sig) with sig normalised (bit 63 set),
/// meaning sig × 2^(exp − 63); exp is the unbiased exponent of the leading bit. Bits below the format's
/// precision are round and sticky bits: a caller that drops nonzero bits ORs a 1 into bit 0 ("jamming").
/// </remarks>
internal static partial class SoftFloat
{
    const ulong Half = 1UL << 63;

    /// <summary>Rounds sig × 2^(exp − 63) to format F, raising NX/UF/OF, and packs it with the sign.</summary>
    internal static ulong RoundPack<F>(bool sign, int exp, ulong sig, RoundingMode rm, ref FpFlags flags)
        where F : struct, IFloatFormat
    {
        int extra = 63 - F.MantBits;
        int emin = 1 - F.Bias;
        ulong signBit = sign ? F.SignBit : 0;
        ulong kept, frac;
        if (exp >= emin)
        {
            if (exp > F.Bias) return Overflow<F>(sign, rm, ref flags);
            kept = sig >> extra;
            frac = sig << (64 - extra);
            if (frac != 0)
            {
                flags |= FpFlags.NX;
                if (RoundsUp(sign, kept, frac, rm)) kept++;
            }
            // The implicit bit lands in the exponent field, so a carry out of the significand
            // (kept == 2^p) bumps the exponent, and past the top binade yields the ∞ pattern.
            ulong bits = ((ulong)(exp + F.Bias - 1) << F.MantBits) + kept;
            return bits >= F.ExpMask ? Overflow<F>(sign, rm, ref flags) : signBit | bits;
        }

        // Tininess is detected after rounding: the value is tiny unless rounding it to full precision
        // with an unbounded exponent would carry up to 2^emin.
        bool tiny = true;
        if (exp == emin - 1)
        {
            kept = sig >> extra;
            frac = sig << (64 - extra);
            if (kept == (1UL << (F.MantBits + 1)) - 1 && frac != 0 && RoundsUp(sign, kept, frac, rm)) tiny = false;
        }
        int shift = extra + (emin - exp);
        if (shift < 64) { kept = sig >> shift; frac = sig << (64 - shift); }
        else if (shift == 64) { kept = 0; frac = sig; }
        else { kept = 0; frac = 1; }
        if (frac != 0)
        {
            flags |= tiny ? FpFlags.NX | FpFlags.UF : FpFlags.NX;
            if (RoundsUp(sign, kept, frac, rm)) kept++;
        }
        // A subnormal that rounds up to 2^emin carries into the exponent field by itself.
        return signBit | kept;
    }

    /// <summary>Whether to add one ulp to <paramref name="kept"/>, given the nonzero discarded bits
    /// left-aligned in <paramref name="frac"/> (bit 63 is the round bit).</summary>
    internal static bool RoundsUp(bool sign, ulong kept, ulong frac, RoundingMode rm) => rm switch
    {
        RoundingMode.Rne => frac > Half || (frac == Half && (kept & 1) != 0),
        RoundingMode.Rmm => frac >= Half,
        RoundingMode.Rdn => sign,
        RoundingMode.Rup => !sign,
        _ => false,
    };

    /// <summary>The overflowed result: ∞ or the largest finite number, as IEEE 754 assigns per mode.</summary>
    internal static ulong Overflow<F>(bool sign, RoundingMode rm, ref FpFlags flags) where F : struct, IFloatFormat
    {
        flags |= FpFlags.OF | FpFlags.NX;
        bool toInf = rm switch
        {
            RoundingMode.Rne or RoundingMode.Rmm => true,
            RoundingMode.Rdn => sign,
            RoundingMode.Rup => !sign,
            _ => false,
        };
        return (sign ? F.SignBit : 0) | (toInf ? F.ExpMask : F.ExpMask - 1);
    }

    /// <summary>Normalises a nonzero sig × 2^scale, jams the low 64 bits, and rounds.</summary>
    internal static ulong Pack128<F>(bool sign, int scale, UInt128 sig, RoundingMode rm, ref FpFlags flags)
        where F : struct, IFloatFormat
    {
        int lz = (int)UInt128.LeadingZeroCount(sig);
        sig <<= lz;
        ulong hi = (ulong)(sig >> 64), lo = (ulong)sig;
        return RoundPack<F>(sign, scale + 127 - lz, hi | (lo != 0 ? 1UL : 0), rm, ref flags);
    }

    /// <summary>The normalised significand and leading-bit exponent of a finite nonzero value.</summary>
    internal static ulong Unpack<F>(ulong a, out int exp) where F : struct, IFloatFormat
    {
        ulong mant = a & ((1UL << F.MantBits) - 1);
        int field = (int)((a & ~F.SignBit) >> F.MantBits);
        if (field != 0)
        {
            exp = field - F.Bias;
            return (mant | (1UL << F.MantBits)) << (63 - F.MantBits);
        }
        int lz = BitOperations.LeadingZeroCount(mant);
        exp = 1 - F.Bias - F.MantBits + 63 - lz;
        return mant << lz;
    }

    /// <summary>v >> d, ORing any bit shifted out into bit 0 (0 &lt; d).</summary>
    internal static UInt128 ShiftRightJam(UInt128 v, int d)
    {
        if (d >= 128) return v != 0 ? UInt128.One : UInt128.Zero;
        return (v >> d) | ((v << (128 - d)) != 0 ? UInt128.One : UInt128.Zero);
    }
}
