namespace Nido.Cpu.RiscV.Float;

internal static partial class SoftFloat
{
    internal static ulong Add<F>(ulong a, ulong b, RoundingMode rm, ref FpFlags flags) where F : struct, IFloatFormat
    {
        if (IsNaN<F>(a) || IsNaN<F>(b)) return InvalidIfSignaling<F>(a, b, ref flags);
        bool sa = (a & F.SignBit) != 0, sb = (b & F.SignBit) != 0;
        if (IsInf<F>(a))
            return IsInf<F>(b) && sa != sb ? Invalid<F>(ref flags) : a;
        if (IsInf<F>(b)) return b;
        if (IsZero<F>(a)) return IsZero<F>(b) ? ZeroSum<F>(a, b, rm) : b;
        if (IsZero<F>(b)) return a;
        ulong ma = Unpack<F>(a, out int ea), mb = Unpack<F>(b, out int eb);
        return AddCore<F>(sa, ea - 125, (UInt128)ma << 62, sb, eb - 125, (UInt128)mb << 62, rm, ref flags);
    }

    internal static ulong Mul<F>(ulong a, ulong b, RoundingMode rm, ref FpFlags flags) where F : struct, IFloatFormat
    {
        if (IsNaN<F>(a) || IsNaN<F>(b)) return InvalidIfSignaling<F>(a, b, ref flags);
        ulong sign = (a ^ b) & F.SignBit;
        if (IsInf<F>(a) || IsInf<F>(b))
            return IsZero<F>(a) || IsZero<F>(b) ? Invalid<F>(ref flags) : sign | F.ExpMask;
        if (IsZero<F>(a) || IsZero<F>(b)) return sign;
        ulong ma = Unpack<F>(a, out int ea), mb = Unpack<F>(b, out int eb);
        ulong hi = Math.BigMul(ma, mb, out ulong lo);
        return Pack128<F>(sign != 0, ea + eb - 126, new UInt128(hi, lo), rm, ref flags);
    }

    /// <summary>a × b + c with a single rounding.</summary>
    internal static ulong MulAdd<F>(ulong a, ulong b, ulong c, RoundingMode rm, ref FpFlags flags)
        where F : struct, IFloatFormat
    {
        bool infTimesZero = (IsInf<F>(a) && IsZero<F>(b)) || (IsZero<F>(a) && IsInf<F>(b));
        if (IsNaN<F>(a) || IsNaN<F>(b) || IsNaN<F>(c))
        {
            // RISC-V raises NV for ∞ × 0 even when the addend is a quiet NaN.
            if (infTimesZero || IsSignaling<F>(a) || IsSignaling<F>(b) || IsSignaling<F>(c)) flags |= FpFlags.NV;
            return F.CanonicalNaN;
        }
        if (infTimesZero) return Invalid<F>(ref flags);
        bool sp = ((a ^ b) & F.SignBit) != 0, sc = (c & F.SignBit) != 0;
        if (IsInf<F>(a) || IsInf<F>(b))
            return IsInf<F>(c) && sc != sp ? Invalid<F>(ref flags) : (sp ? F.SignBit : 0) | F.ExpMask;
        if (IsInf<F>(c)) return c;
        if (IsZero<F>(a) || IsZero<F>(b))
        {
            if (!IsZero<F>(c)) return c;
            return sp == sc ? c : ZeroSum<F>(F.SignBit, 0, rm);
        }
        ulong ma = Unpack<F>(a, out int ea), mb = Unpack<F>(b, out int eb);
        ulong hi = Math.BigMul(ma, mb, out ulong lo);
        // The product lies in [2^126, 2^128) with at least 22 trailing zero bits (each significand has
        // at least 11), so moving its leading bit down to bit 125 for AddCore drops nothing.
        int down = (hi >> 63) != 0 ? 2 : 1;
        UInt128 p = new UInt128(hi, lo) >> down;
        int scaleP = ea + eb - 126 + down;
        if (IsZero<F>(c)) return Pack128<F>(sp, scaleP, p, rm, ref flags);
        ulong mc = Unpack<F>(c, out int ec);
        return AddCore<F>(sp, scaleP, p, sc, ec - 125, (UInt128)mc << 62, rm, ref flags);
    }

    /// <summary>
    /// Adds ±x × 2^scaleX and ±y × 2^scaleY, both nonzero with the leading bit at bit 125. The smaller is
    /// shifted right with jamming; that is exact for rounding because the shift is only lossy when the
    /// exponents differ by two or more, and then the sum keeps its leading bit at or above bit 123, far
    /// above the jammed bit 0.
    /// </summary>
    static ulong AddCore<F>(bool sx, int scaleX, UInt128 x, bool sy, int scaleY, UInt128 y, RoundingMode rm,
        ref FpFlags flags) where F : struct, IFloatFormat
    {
        if (scaleX < scaleY || (scaleX == scaleY && x < y))
        {
            (sx, sy) = (sy, sx);
            (scaleX, scaleY) = (scaleY, scaleX);
            (x, y) = (y, x);
        }
        if (scaleX != scaleY) y = ShiftRightJam(y, scaleX - scaleY);
        UInt128 sum;
        if (sx == sy) sum = x + y;
        else
        {
            sum = x - y;
            if (sum == 0) return ZeroSum<F>(F.SignBit, 0, rm);
        }
        return Pack128<F>(sx, scaleX, sum, rm, ref flags);
    }

    /// <summary>The sign of an exact zero sum: equal signs keep theirs, otherwise +0 except −0 in RDN.</summary>
    static ulong ZeroSum<F>(ulong a, ulong b, RoundingMode rm) where F : struct, IFloatFormat =>
        (rm == RoundingMode.Rdn ? a | b : a & b) & F.SignBit;

    internal static ulong Div<F>(ulong a, ulong b, RoundingMode rm, ref FpFlags flags) where F : struct, IFloatFormat
    {
        if (IsNaN<F>(a) || IsNaN<F>(b)) return InvalidIfSignaling<F>(a, b, ref flags);
        ulong sign = (a ^ b) & F.SignBit;
        if (IsInf<F>(a)) return IsInf<F>(b) ? Invalid<F>(ref flags) : sign | F.ExpMask;
        if (IsInf<F>(b)) return sign;
        if (IsZero<F>(b))
        {
            if (IsZero<F>(a)) return Invalid<F>(ref flags);
            flags |= FpFlags.DZ;
            return sign | F.ExpMask;
        }
        if (IsZero<F>(a)) return sign;
        ulong ma = Unpack<F>(a, out int ea), mb = Unpack<F>(b, out int eb);
        // floor(2^64 · ma / mb) has 64 or 65 bits; one more bit position holds the sticky remainder.
        (UInt128 q, UInt128 r) = UInt128.DivRem((UInt128)ma << 64, mb);
        q = (q << 1) | (r != 0 ? UInt128.One : UInt128.Zero);
        return Pack128<F>(sign != 0, ea - eb - 65, q, rm, ref flags);
    }

    internal static ulong Sqrt<F>(ulong a, RoundingMode rm, ref FpFlags flags) where F : struct, IFloatFormat
    {
        if (IsNaN<F>(a)) return InvalidIfSignaling<F>(a, a, ref flags);
        if (IsZero<F>(a)) return a;
        if ((a & F.SignBit) != 0) return Invalid<F>(ref flags);
        if (IsInf<F>(a)) return a;
        ulong m = Unpack<F>(a, out int e);
        // Widen m so that the remaining power of two is even: sqrt(n × 2^k) = sqrt(n) × 2^(k/2).
        int s = ((e - 126) & 1) == 0 ? 63 : 64;
        UInt128 n = (UInt128)m << s;
        ulong root = ISqrt(n, out bool exact);
        return RoundPack<F>(false, 63 + (e - 63 - s) / 2, root | (exact ? 0UL : 1UL), rm, ref flags);
    }

    /// <summary>floor(sqrt(n)) for n in [2^126, 2^128): a double estimate, one Newton step, then ±1 fixes.</summary>
    static ulong ISqrt(UInt128 n, out bool exact)
    {
        double estimate = Math.Sqrt((double)n);
        UInt128 r = estimate >= 18446744073709551615.0 ? ulong.MaxValue : (ulong)estimate;
        r = (r + n / r) >> 1;
        if (r > ulong.MaxValue) r = ulong.MaxValue;
        while (r * r > n) r--;
        while (r < ulong.MaxValue && (r + 1) * (r + 1) <= n) r++;
        exact = r * r == n;
        return (ulong)r;
    }
}
