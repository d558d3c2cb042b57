namespace Nido.Cpu.RiscV.Float;

public static partial class F32
{
    /// <summary>FMIN.S: IEEE 754-2019 minimumNumber with −0 &lt; +0; NV on a signaling NaN.</summary>
    public static uint Min(uint a, uint b, ref FpFlags flags) => (uint)SoftFloat.Min<Binary32>(a, b, ref flags);

    /// <summary>FMAX.S: IEEE 754-2019 maximumNumber with −0 &lt; +0; NV on a signaling NaN.</summary>
    public static uint Max(uint a, uint b, ref FpFlags flags) => (uint)SoftFloat.Max<Binary32>(a, b, ref flags);

    /// <summary>FEQ.S (quiet).</summary>
    public static bool Eq(uint a, uint b, ref FpFlags flags) => SoftFloat.Eq<Binary32>(a, b, ref flags);

    /// <summary>FLT.S (signaling).</summary>
    public static bool Lt(uint a, uint b, ref FpFlags flags) => SoftFloat.Lt<Binary32>(a, b, ref flags);

    /// <summary>FLE.S (signaling).</summary>
    public static bool Le(uint a, uint b, ref FpFlags flags) => SoftFloat.Le<Binary32>(a, b, ref flags);

    /// <summary>FCLASS.S: the 10-bit class mask.</summary>
    public static uint Classify(uint a) => SoftFloat.Classify<Binary32>(a);

    // Every binary32 value is exact in binary64 and FCVT's result depends only on the value (any NaN
    // gives the same saturated result and NV), so the integer conversions go through F64.

    /// <summary>FCVT.W.S.</summary>
    public static int ToInt32(uint a, RoundingMode rm, ref FpFlags flags) => F64.ToInt32(Widen(a), rm, ref flags);

    /// <summary>FCVT.WU.S; the hart sign-extends the 32-bit result.</summary>
    public static uint ToUInt32(uint a, RoundingMode rm, ref FpFlags flags) => F64.ToUInt32(Widen(a), rm, ref flags);

    /// <summary>FCVT.L.S.</summary>
    public static long ToInt64(uint a, RoundingMode rm, ref FpFlags flags) => F64.ToInt64(Widen(a), rm, ref flags);

    /// <summary>FCVT.LU.S.</summary>
    public static ulong ToUInt64(uint a, RoundingMode rm, ref FpFlags flags) => F64.ToUInt64(Widen(a), rm, ref flags);

    static ulong Widen(uint a) => BitConverter.DoubleToUInt64Bits(BitConverter.UInt32BitsToSingle(a));

    /// <summary>FCVT.S.W.</summary>
    public static uint FromInt32(int value, RoundingMode rm, ref FpFlags flags) => FromInt64(value, rm, ref flags);

    /// <summary>FCVT.S.WU.</summary>
    public static uint FromUInt32(uint value, RoundingMode rm, ref FpFlags flags) => FromUInt64(value, rm, ref flags);

    /// <summary>FCVT.S.L.</summary>
    public static uint FromInt64(long value, RoundingMode rm, ref FpFlags flags)
    {
        if ((ulong)(value + (1L << 24)) <= 1UL << 25) return BitConverter.SingleToUInt32Bits(value);
        bool neg = value < 0;
        return (uint)SoftFloat.FromInt<Binary32>(neg, neg ? 0 - (ulong)value : (ulong)value, rm, ref flags);
    }

    /// <summary>FCVT.S.LU.</summary>
    public static uint FromUInt64(ulong value, RoundingMode rm, ref FpFlags flags)
    {
        if (value <= 1UL << 24) return BitConverter.SingleToUInt32Bits(value);
        return (uint)SoftFloat.FromInt<Binary32>(false, value, rm, ref flags);
    }

    /// <summary>FCVT.S.D: rounded per rm with OF/UF/NX; a NaN becomes the canonical NaN, NV if it signals.</summary>
    public static uint FromF64(ulong a, RoundingMode rm, ref FpFlags flags) =>
        (uint)SoftFloat.Convert<Binary64, Binary32>(a, rm, ref flags);
}
