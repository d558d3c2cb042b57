using System.Numerics;
using System.Runtime.CompilerServices;

namespace Nido.Cpu.RiscV;

/// <summary>M-extension and bit-manipulation arithmetic with the ISA's results for the corner cases.</summary>
public sealed partial class Hart
{
    internal static ulong SignExtend32(ulong value) => (ulong)(long)(int)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MulHigh(long a, long b) => (ulong)Math.BigMul(a, b, out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MulHighUnsigned(ulong a, ulong b) => Math.BigMul(a, b, out _);

    internal static ulong MulHighSignedUnsigned(long a, ulong b)
    {
        // (signed a) × (unsigned b): the unsigned product, corrected by b << 64 when a is negative.
        var high = Math.BigMul((ulong)a, b, out _);
        return a < 0 ? high - b : high;
    }

    // Division by zero gives all ones (quotient) or the dividend (remainder); overflow gives the dividend / zero.
    internal static ulong Div(long a, long b) => b == 0 ? ulong.MaxValue : (a == long.MinValue && b == -1) ? (ulong)a : (ulong)(a / b);
    internal static ulong Divu(ulong a, ulong b) => b == 0 ? ulong.MaxValue : a / b;
    internal static ulong Rem(long a, long b) => b == 0 ? (ulong)a : (a == long.MinValue && b == -1) ? 0 : (ulong)(a % b);
    internal static ulong Remu(ulong a, ulong b) => b == 0 ? a : a % b;

    internal static ulong Divw(int a, int b) => SignExtend32((ulong)(b == 0 ? -1 : (a == int.MinValue && b == -1) ? a : a / b));
    internal static ulong Divuw(uint a, uint b) => SignExtend32(b == 0 ? uint.MaxValue : a / b);
    internal static ulong Remw(int a, int b) => SignExtend32((ulong)(b == 0 ? a : (a == int.MinValue && b == -1) ? 0 : a % b));
    internal static ulong Remuw(uint a, uint b) => SignExtend32(b == 0 ? a : a % b);

    internal static ulong OrCombine(ulong v)
    {
        ulong r = 0;
        for (var i = 0; i < 64; i += 8)
            if (((v >> i) & 0xff) != 0) r |= 0xffUL << i;
        return r;
    }

    internal static ulong Clz32(ulong v) => (ulong)BitOperations.LeadingZeroCount((uint)v);
    internal static ulong Ctz32(ulong v) => (uint)v == 0 ? 32 : (ulong)BitOperations.TrailingZeroCount((uint)v);
    internal static ulong Ctz64(ulong v) => v == 0 ? 64 : (ulong)BitOperations.TrailingZeroCount(v);
}
