using System.Numerics;
using Nido.Cpu.RiscV.Float;

namespace Nido.Cpu.RiscV.Tests.Float.Reference;

/// <summary>
/// Rounding of an exact real to a format, written plainly from IEEE 754's definitions and independent of
/// the production code: round to a multiple of 2^q, decide tininess on the unbounded-exponent rounding,
/// then encode or overflow.
/// </summary>
internal static class RefRound
{
    /// <summary>v rounded to a multiple of 2^q: the multiplier and whether it was inexact.</summary>
    public static (BigInteger N, bool Inexact) RoundAt(bool neg, RefExact v, int q, RoundingMode rm)
    {
        (BigInteger f, bool exact) = v.Scaled(-q);
        (BigInteger g, bool exactG) = v.Scaled(-q + 1);
        bool halfBit = !g.IsEven;
        bool up = rm switch
        {
            RoundingMode.Rtz => false,
            RoundingMode.Rdn => neg && !exact,
            RoundingMode.Rup => !neg && !exact,
            RoundingMode.Rne => halfBit && (!exactG || !f.IsEven),
            RoundingMode.Rmm => halfBit,
            _ => throw new ArgumentOutOfRangeException(nameof(rm)),
        };
        return (up ? f + 1 : f, !exact);
    }

    /// <summary>The pattern (sign included) and flags of ±v rounded to format f.</summary>
    public static ulong Round(RefFormat f, bool neg, RefExact v, RoundingMode rm, ref FpFlags flags)
    {
        int p = f.Precision;
        int e = v.Log2();
        ulong sign = neg ? f.SignBit : 0;

        (BigInteger nu, _) = RoundAt(neg, v, e - (p - 1), rm);
        int qu = e - (p - 1);
        bool tiny = qu < f.Emin && nu < BigInteger.One << (f.Emin - qu);

        int q = Math.Max(e, f.Emin) - (p - 1);
        (BigInteger n, bool inexact) = RoundAt(neg, v, q, rm);
        bool overflow = f.Emax + 1 - q <= 0 || n >= BigInteger.One << (f.Emax + 1 - q);
        if (overflow)
        {
            flags |= FpFlags.OF | FpFlags.NX;
            bool inf = rm switch
            {
                RoundingMode.Rne or RoundingMode.Rmm => true,
                RoundingMode.Rtz => false,
                RoundingMode.Rdn => neg,
                _ => !neg,
            };
            return sign | (inf ? f.InfBits : f.MaxFinite);
        }
        if (inexact) flags |= tiny ? FpFlags.NX | FpFlags.UF : FpFlags.NX;
        if (n == BigInteger.One << p) { n >>= 1; q++; }
        if (n < BigInteger.One << (p - 1)) return sign | (ulong)n; // subnormal or zero
        ulong field = (ulong)(q + p - 1 + f.Bias);
        return sign | (field << (p - 1)) | (ulong)(n - (BigInteger.One << (p - 1)));
    }
}
