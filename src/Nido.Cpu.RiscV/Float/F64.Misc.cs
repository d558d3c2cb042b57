using System.Runtime.CompilerServices;

namespace Nido.Cpu.RiscV.Float;

public static partial class F64
{
    /// <summary>FMIN.D: IEEE 754-2019 minimumNumber with −0 &lt; +0; NV on a signaling NaN.</summary>
    public static ulong Min(ulong a, ulong b, ref FpFlags flags) => SoftFloat.Min<Binary64>(a, b, ref flags);

    /// <summary>FMAX.D: IEEE 754-2019 maximumNumber with −0 &lt; +0; NV on a signaling NaN.</summary>
    public static ulong Max(ulong a, ulong b, ref FpFlags flags) => SoftFloat.Max<Binary64>(a, b, ref flags);

    /// <summary>FEQ.D (quiet).</summary>
    public static bool Eq(ulong a, ulong b, ref FpFlags flags) => SoftFloat.Eq<Binary64>(a, b, ref flags);

    /// <summary>FLT.D (signaling).</summary>
    public static bool Lt(ulong a, ulong b, ref FpFlags flags) => SoftFloat.Lt<Binary64>(a, b, ref flags);

    /// <summary>FLE.D (signaling).</summary>
    public static bool Le(ulong a, ulong b, ref FpFlags flags) => SoftFloat.Le<Binary64>(a, b, ref flags);

    /// <summary>FCLASS.D: the 10-bit class mask.</summary>
    public static uint Classify(ulong a) => SoftFloat.Classify<Binary64>(a);

    /// <summary>FCVT.W.D.</summary>
    public static int ToInt32(ulong a, RoundingMode rm, ref FpFlags flags)
    {
        double x = D(a);
        if (Math.Abs(x) < 2147483647.0) return (int)RoundToIntegral(x, rm, ref flags);
        return (int)SoftFloat.ToInt<Binary64>(a, true, 32, rm, ref flags);
    }

    /// <summary>FCVT.WU.D; the hart sign-extends the 32-bit result.</summary>
    public static uint ToUInt32(ulong a, RoundingMode rm, ref FpFlags flags)
    {
        double x = D(a);
        if (x >= 0 && x < 4294967295.0) return (uint)RoundToIntegral(x, rm, ref flags);
        return (uint)SoftFloat.ToInt<Binary64>(a, false, 32, rm, ref flags);
    }

    /// <summary>FCVT.L.D.</summary>
    public static long ToInt64(ulong a, RoundingMode rm, ref FpFlags flags)
    {
        double x = D(a);
        if (Math.Abs(x) < 4611686018427387904.0 /* 2^62 */) return (long)RoundToIntegral(x, rm, ref flags);
        return (long)SoftFloat.ToInt<Binary64>(a, true, 64, rm, ref flags);
    }

    /// <summary>FCVT.LU.D.</summary>
    public static ulong ToUInt64(ulong a, RoundingMode rm, ref FpFlags flags)
    {
        double x = D(a);
        if (x >= 0 && x < 9223372036854775808.0 /* 2^63 */) return (ulong)RoundToIntegral(x, rm, ref flags);
        return SoftFloat.ToInt<Binary64>(a, false, 64, rm, ref flags);
    }

    /// <summary>x rounded to an integral value per rm (the host's rounding instructions are exact), NX if that
    /// changed it. Callers bound |x| so that the result fits their integer type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double RoundToIntegral(double x, RoundingMode rm, ref FpFlags flags)
    {
        double t = rm switch
        {
            RoundingMode.Rne => Math.Round(x, MidpointRounding.ToEven),
            RoundingMode.Rdn => Math.Floor(x),
            RoundingMode.Rup => Math.Ceiling(x),
            RoundingMode.Rmm => Math.Round(x, MidpointRounding.AwayFromZero),
            _ => Math.Truncate(x),
        };
        if (t != x) flags |= FpFlags.NX;
        return t;
    }

    /// <summary>FCVT.D.W: always exact.</summary>
    public static ulong FromInt32(int value, RoundingMode rm, ref FpFlags flags) => B(value);

    /// <summary>FCVT.D.WU: always exact.</summary>
    public static ulong FromUInt32(uint value, RoundingMode rm, ref FpFlags flags) => B(value);

    /// <summary>FCVT.D.L.</summary>
    public static ulong FromInt64(long value, RoundingMode rm, ref FpFlags flags)
    {
        if ((ulong)(value + (1L << 53)) <= 1UL << 54) return B(value);
        bool neg = value < 0;
        return SoftFloat.FromInt<Binary64>(neg, neg ? 0 - (ulong)value : (ulong)value, rm, ref flags);
    }

    /// <summary>FCVT.D.LU.</summary>
    public static ulong FromUInt64(ulong value, RoundingMode rm, ref FpFlags flags)
    {
        if (value <= 1UL << 53) return B(value);
        return SoftFloat.FromInt<Binary64>(false, value, rm, ref flags);
    }

    /// <summary>FCVT.D.S: exact; a NaN becomes the canonical NaN, NV if it signals.</summary>
    public static ulong FromF32(uint a, ref FpFlags flags)
    {
        if ((a & 0x7FFF_FFFF) > 0x7F80_0000) return SoftFloat.Convert<Binary32, Binary64>(a, RoundingMode.Rne, ref flags);
        return B(BitConverter.UInt32BitsToSingle(a));
    }
}
