using System.Numerics;
using Nido.Cpu.RiscV.Float;

namespace Nido.Cpu.RiscV.Tests.Float.Reference;

/// <summary>
/// Reference operations on finite operands: the exact result as a BigInteger dyadic or rational, then
/// <see cref="RefRound"/>. Returns null for operands the model leaves to the unit tests (NaN, ∞,
/// division by zero, square root of a negative).
/// </summary>
internal static class RefOps
{
    public static (ulong Bits, FpFlags Flags)? Add(RefFormat f, ulong a, ulong b, RoundingMode rm)
    {
        if (!f.IsFinite(a) || !f.IsFinite(b)) return null;
        if (f.IsZero(a) && f.IsZero(b)) return (ZeroSum(f, f.IsNeg(a), f.IsNeg(b), rm), 0);
        return RoundSigned(f, Sum(Signed(f, a), Signed(f, b)), rm);
    }

    public static (ulong Bits, FpFlags Flags)? Mul(RefFormat f, ulong a, ulong b, RoundingMode rm)
    {
        if (!f.IsFinite(a) || !f.IsFinite(b)) return null;
        bool neg = f.IsNeg(a) != f.IsNeg(b);
        if (f.IsZero(a) || f.IsZero(b)) return (neg ? f.SignBit : 0, 0);
        var (ma, ka) = f.Decode(a);
        var (mb, kb) = f.Decode(b);
        return Rounded(f, neg, new RefDyadic(ma * mb, ka + kb), rm);
    }

    public static (ulong Bits, FpFlags Flags)? MulAdd(RefFormat f, ulong a, ulong b, ulong c, RoundingMode rm)
    {
        if (!f.IsFinite(a) || !f.IsFinite(b) || !f.IsFinite(c)) return null;
        bool negP = f.IsNeg(a) != f.IsNeg(b);
        var (ma, ka) = f.Decode(a);
        var (mb, kb) = f.Decode(b);
        (BigInteger m, int k) product = (negP ? -(ma * mb) : ma * mb, ka + kb);
        if (product.m.IsZero && f.IsZero(c)) return (ZeroSum(f, negP, f.IsNeg(c), rm), 0);
        return RoundSigned(f, Sum(product, Signed(f, c)), rm);
    }

    public static (ulong Bits, FpFlags Flags)? Div(RefFormat f, ulong a, ulong b, RoundingMode rm)
    {
        if (!f.IsFinite(a) || !f.IsFinite(b) || f.IsZero(b)) return null;
        bool neg = f.IsNeg(a) != f.IsNeg(b);
        if (f.IsZero(a)) return (neg ? f.SignBit : 0, 0);
        var (ma, ka) = f.Decode(a);
        var (mb, kb) = f.Decode(b);
        return Rounded(f, neg, new RefQuotient(ma, mb, ka - kb), rm);
    }

    public static (ulong Bits, FpFlags Flags)? Sqrt(RefFormat f, ulong a, RoundingMode rm)
    {
        if (!f.IsFinite(a)) return null;
        if (f.IsZero(a)) return (a, 0);
        if (f.IsNeg(a)) return null;
        var (m, k) = f.Decode(a);
        return Rounded(f, false, new RefRoot(m, k), rm);
    }

    /// <summary>Conversion between formats (either direction) of a finite value.</summary>
    public static (ulong Bits, FpFlags Flags)? Convert(RefFormat from, RefFormat to, ulong a, RoundingMode rm)
    {
        if (!from.IsFinite(a)) return null;
        bool neg = from.IsNeg(a);
        if (from.IsZero(a)) return (neg ? to.SignBit : 0, 0);
        var (m, k) = from.Decode(a);
        return Rounded(to, neg, new RefDyadic(m, k), rm);
    }

    public static (ulong Bits, FpFlags Flags) FromInteger(RefFormat f, BigInteger value, RoundingMode rm) =>
        value.IsZero ? (0, 0) : Rounded(f, value.Sign < 0, new RefDyadic(BigInteger.Abs(value), 0), rm);

    /// <summary>FCVT to an integer in [min, max]: saturation, NaN → max, NV when out of range, NX when inexact.</summary>
    public static (BigInteger Value, FpFlags Flags) ToInteger(RefFormat f, ulong a, BigInteger min, BigInteger max,
        RoundingMode rm)
    {
        if (f.IsNaN(a)) return (max, FpFlags.NV);
        bool neg = f.IsNeg(a);
        if (!f.IsFinite(a)) return (neg ? min : max, FpFlags.NV);
        if (f.IsZero(a)) return (0, 0);
        var (m, k) = f.Decode(a);
        var (n, inexact) = RefRound.RoundAt(neg, new RefDyadic(m, k), 0, rm);
        BigInteger value = neg ? -n : n;
        if (value < min) return (min, FpFlags.NV);
        if (value > max) return (max, FpFlags.NV);
        return (value, inexact ? FpFlags.NX : 0);
    }

    static ulong ZeroSum(RefFormat f, bool negA, bool negB, RoundingMode rm) =>
        (negA == negB ? negA : rm == RoundingMode.Rdn) ? f.SignBit : 0;

    static (BigInteger M, int K) Signed(RefFormat f, ulong a)
    {
        var (m, k) = f.Decode(a);
        return (f.IsNeg(a) ? -m : m, k);
    }

    static (BigInteger M, int K) Sum((BigInteger M, int K) x, (BigInteger M, int K) y)
    {
        int k = Math.Min(x.K, y.K);
        return ((x.M << (x.K - k)) + (y.M << (y.K - k)), k);
    }

    static (ulong Bits, FpFlags Flags) RoundSigned(RefFormat f, (BigInteger M, int K) x, RoundingMode rm)
    {
        // An exact zero from operands of opposite sign is +0, or −0 when rounding down.
        if (x.M.IsZero) return (rm == RoundingMode.Rdn ? f.SignBit : 0, 0);
        return Rounded(f, x.M.Sign < 0, new RefDyadic(BigInteger.Abs(x.M), x.K), rm);
    }

    static (ulong Bits, FpFlags Flags) Rounded(RefFormat f, bool neg, RefExact v, RoundingMode rm)
    {
        FpFlags flags = 0;
        ulong bits = RefRound.Round(f, neg, v, rm, ref flags);
        return (bits, flags);
    }
}
