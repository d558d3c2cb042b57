using Nido.Cpu.RiscV.Float;
using Nido.Cpu.RiscV.Tests.Float.Reference;

namespace Nido.Cpu.RiscV.Tests.Float;

/// <summary>The production operations of either format behind one ulong-pattern signature, for tests
/// that run the same cases over binary32 and binary64.</summary>
internal static class Prod
{
    static bool Is64(RefFormat f) => f.Width == 64;

    public static (ulong, FpFlags) Add(RefFormat f, ulong a, ulong b, RoundingMode rm)
    {
        FpFlags fl = 0;
        ulong r = Is64(f) ? F64.Add(a, b, rm, ref fl) : F32.Add((uint)a, (uint)b, rm, ref fl);
        return (r, fl);
    }

    public static (ulong, FpFlags) Sub(RefFormat f, ulong a, ulong b, RoundingMode rm)
    {
        FpFlags fl = 0;
        ulong r = Is64(f) ? F64.Sub(a, b, rm, ref fl) : F32.Sub((uint)a, (uint)b, rm, ref fl);
        return (r, fl);
    }

    public static (ulong, FpFlags) Mul(RefFormat f, ulong a, ulong b, RoundingMode rm)
    {
        FpFlags fl = 0;
        ulong r = Is64(f) ? F64.Mul(a, b, rm, ref fl) : F32.Mul((uint)a, (uint)b, rm, ref fl);
        return (r, fl);
    }

    public static (ulong, FpFlags) Div(RefFormat f, ulong a, ulong b, RoundingMode rm)
    {
        FpFlags fl = 0;
        ulong r = Is64(f) ? F64.Div(a, b, rm, ref fl) : F32.Div((uint)a, (uint)b, rm, ref fl);
        return (r, fl);
    }

    public static (ulong, FpFlags) Sqrt(RefFormat f, ulong a, RoundingMode rm)
    {
        FpFlags fl = 0;
        ulong r = Is64(f) ? F64.Sqrt(a, rm, ref fl) : F32.Sqrt((uint)a, rm, ref fl);
        return (r, fl);
    }

    public static (ulong, FpFlags) MulAdd(RefFormat f, ulong a, ulong b, ulong c, RoundingMode rm)
    {
        FpFlags fl = 0;
        ulong r = Is64(f) ? F64.MulAdd(a, b, c, rm, ref fl) : F32.MulAdd((uint)a, (uint)b, (uint)c, rm, ref fl);
        return (r, fl);
    }

    /// <summary>The host's nearest-even result of an operation, as a pattern (NaN left as the host made it).</summary>
    public static ulong Host(RefFormat f, string op, ulong a, ulong b, ulong c)
    {
        if (Is64(f))
        {
            double x = BitConverter.UInt64BitsToDouble(a), y = BitConverter.UInt64BitsToDouble(b), z = BitConverter.UInt64BitsToDouble(c);
            return BitConverter.DoubleToUInt64Bits(op switch
            {
                "add" => x + y,
                "mul" => x * y,
                "div" => x / y,
                "sqrt" => Math.Sqrt(x),
                _ => Math.FusedMultiplyAdd(x, y, z),
            });
        }
        float fx = BitConverter.UInt32BitsToSingle((uint)a), fy = BitConverter.UInt32BitsToSingle((uint)b), fz = BitConverter.UInt32BitsToSingle((uint)c);
        return BitConverter.SingleToUInt32Bits(op switch
        {
            "add" => fx + fy,
            "mul" => fx * fy,
            "div" => fx / fy,
            "sqrt" => MathF.Sqrt(fx),
            _ => MathF.FusedMultiplyAdd(fx, fy, fz),
        });
    }
}
