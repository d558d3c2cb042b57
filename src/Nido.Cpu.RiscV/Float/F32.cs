using System.Runtime.CompilerServices;

namespace Nido.Cpu.RiscV.Float;

/// <summary>
/// binary32 arithmetic for the F extension on raw bit patterns, exact in every rounding mode, with
/// RISC-V's flags and NaN rules. Operands are widened to binary64, where products are exact and sums,
/// quotients and roots come with an exact residual; that pair is then rounded once to binary32.
/// Special operands and zero results take the software core.
/// </summary>
public static partial class F32
{
    public const uint CanonicalNaN = 0x7FC0_0000;
    const uint SignBit = 0x8000_0000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double Wide(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    /// <summary>Finite and nonzero; a binary64 result of binary32 operands is then also normal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool IsNonzeroFinite(double d) =>
        (BitConverter.DoubleToUInt64Bits(d) & 0x7FFF_FFFF_FFFF_FFFF) - 1 < 0x7FF0_0000_0000_0000 - 1;

    public static uint Add(uint a, uint b, RoundingMode rm, ref FpFlags flags)
    {
        double x = Wide(a), y = Wide(b), d = x + y;
        if (IsNonzeroFinite(d)) return FastRound.ToSingle(d, FastRound.TwoSumError(x, y, d), rm, ref flags);
        if (d == 0) return (rm == RoundingMode.Rdn ? a | b : a & b) & SignBit;
        return (uint)SoftFloat.Add<Binary32>(a, b, rm, ref flags);
    }

    public static uint Sub(uint a, uint b, RoundingMode rm, ref FpFlags flags) => Add(a, b ^ SignBit, rm, ref flags);

    public static uint Mul(uint a, uint b, RoundingMode rm, ref FpFlags flags)
    {
        double d = Wide(a) * Wide(b);
        // 24 × 24 bits fit in 53, and the exponent range of binary64 holds every such product.
        if (IsNonzeroFinite(d)) return FastRound.ToSingle(d, 0, rm, ref flags);
        if (d == 0) return (a ^ b) & SignBit;
        return (uint)SoftFloat.Mul<Binary32>(a, b, rm, ref flags);
    }

    public static uint Div(uint a, uint b, RoundingMode rm, ref FpFlags flags)
    {
        double x = Wide(a), y = Wide(b), q = x / y;
        if (IsNonzeroFinite(q))
        {
            // q·y has at most 77 bits and the remainder fits 24, far from binary64's underflow: exact.
            double rem = Math.FusedMultiplyAdd(-q, y, x);
            return FastRound.ToSingle(q, y < 0 ? -rem : rem, rm, ref flags);
        }
        return (uint)SoftFloat.Div<Binary32>(a, b, rm, ref flags);
    }

    public static uint Sqrt(uint a, RoundingMode rm, ref FpFlags flags)
    {
        if (a - 1 < 0x7F80_0000 - 1)
        {
            double x = Wide(a), s = Math.Sqrt(x);
            return FastRound.ToSingle(s, Math.FusedMultiplyAdd(-s, s, x), rm, ref flags);
        }
        return (uint)SoftFloat.Sqrt<Binary32>(a, rm, ref flags);
    }

    /// <summary>a × b + c with one rounding; see <see cref="F64.MulAdd"/> for the NaN rules.</summary>
    public static uint MulAdd(uint a, uint b, uint c, RoundingMode rm, ref FpFlags flags)
    {
        double z = Wide(c), p = Wide(a) * Wide(b), d = p + z;
        if (IsNonzeroFinite(d))
        {
            // p is exact, so (d, lo) is the exact sum. Rounding d alone would round twice; only an
            // exact d may take the nearest-even shortcut.
            double lo = FastRound.TwoSumError(p, z, d);
            return lo == 0 ? FastRound.ToSingle(d, 0, rm, ref flags) : FastRound.ToSingleExact(d, lo, rm, ref flags);
        }
        return (uint)SoftFloat.MulAdd<Binary32>(a, b, c, rm, ref flags);
    }
}
