namespace Nido.Cpu.RiscV.Float;

internal static partial class SoftFloat
{
    internal static bool IsNaN<F>(ulong a) where F : struct, IFloatFormat => (a & ~F.SignBit) > F.ExpMask;
    internal static bool IsInf<F>(ulong a) where F : struct, IFloatFormat => (a & ~F.SignBit) == F.ExpMask;
    internal static bool IsZero<F>(ulong a) where F : struct, IFloatFormat => (a & ~F.SignBit) == 0;

    internal static bool IsSignaling<F>(ulong a) where F : struct, IFloatFormat =>
        IsNaN<F>(a) && (a & (1UL << (F.MantBits - 1))) == 0;

    /// <summary>RISC-V never propagates payloads: a NaN result is the canonical NaN, NV if an input signals.</summary>
    internal static ulong InvalidIfSignaling<F>(ulong a, ulong b, ref FpFlags flags) where F : struct, IFloatFormat
    {
        if (IsSignaling<F>(a) || IsSignaling<F>(b)) flags |= FpFlags.NV;
        return F.CanonicalNaN;
    }

    internal static ulong Invalid<F>(ref FpFlags flags) where F : struct, IFloatFormat
    {
        flags |= FpFlags.NV;
        return F.CanonicalNaN;
    }

    /// <summary>a &lt; b for non-NaN operands, ordering −0 below +0.</summary>
    static bool TotalLess<F>(ulong a, ulong b) where F : struct, IFloatFormat
    {
        bool sa = (a & F.SignBit) != 0, sb = (b & F.SignBit) != 0;
        if (sa != sb) return sa;
        return sa ? a > b : a < b;
    }

    /// <summary>IEEE 754-2019 minimumNumber, as FMIN: a NaN operand yields the other one.</summary>
    internal static ulong Min<F>(ulong a, ulong b, ref FpFlags flags) where F : struct, IFloatFormat
    {
        if (IsSignaling<F>(a) || IsSignaling<F>(b)) flags |= FpFlags.NV;
        if (IsNaN<F>(a)) return IsNaN<F>(b) ? F.CanonicalNaN : b;
        if (IsNaN<F>(b)) return a;
        return TotalLess<F>(b, a) ? b : a;
    }

    /// <summary>IEEE 754-2019 maximumNumber, as FMAX.</summary>
    internal static ulong Max<F>(ulong a, ulong b, ref FpFlags flags) where F : struct, IFloatFormat
    {
        if (IsSignaling<F>(a) || IsSignaling<F>(b)) flags |= FpFlags.NV;
        if (IsNaN<F>(a)) return IsNaN<F>(b) ? F.CanonicalNaN : b;
        if (IsNaN<F>(b)) return a;
        return TotalLess<F>(a, b) ? b : a;
    }

    /// <summary>FEQ: a quiet comparison, NV only for signaling NaNs.</summary>
    internal static bool Eq<F>(ulong a, ulong b, ref FpFlags flags) where F : struct, IFloatFormat
    {
        if (IsNaN<F>(a) || IsNaN<F>(b))
        {
            if (IsSignaling<F>(a) || IsSignaling<F>(b)) flags |= FpFlags.NV;
            return false;
        }
        return a == b || ((a | b) & ~F.SignBit) == 0;
    }

    /// <summary>FLT: a signaling comparison, NV for any NaN.</summary>
    internal static bool Lt<F>(ulong a, ulong b, ref FpFlags flags) where F : struct, IFloatFormat
    {
        if (IsNaN<F>(a) || IsNaN<F>(b))
        {
            flags |= FpFlags.NV;
            return false;
        }
        return ((a | b) & ~F.SignBit) != 0 && TotalLess<F>(a, b);
    }

    /// <summary>FLE: a signaling comparison, NV for any NaN.</summary>
    internal static bool Le<F>(ulong a, ulong b, ref FpFlags flags) where F : struct, IFloatFormat
    {
        if (IsNaN<F>(a) || IsNaN<F>(b))
        {
            flags |= FpFlags.NV;
            return false;
        }
        return a == b || ((a | b) & ~F.SignBit) == 0 || TotalLess<F>(a, b);
    }

    /// <summary>The FCLASS mask: bit 0 −∞, 1 −normal, 2 −subnormal, 3 −0, 4 +0, 5 +subnormal,
    /// 6 +normal, 7 +∞, 8 signaling NaN, 9 quiet NaN.</summary>
    internal static uint Classify<F>(ulong a) where F : struct, IFloatFormat
    {
        if (IsNaN<F>(a)) return IsSignaling<F>(a) ? 1u << 8 : 1u << 9;
        bool neg = (a & F.SignBit) != 0;
        ulong mag = a & ~F.SignBit;
        int bit = mag == F.ExpMask ? 7
            : mag >= (1UL << F.MantBits) ? 6
            : mag != 0 ? 5
            : 4;
        return 1u << (neg ? 7 - bit : bit);
    }
}
