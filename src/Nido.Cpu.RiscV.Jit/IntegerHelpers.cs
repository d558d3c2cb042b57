using System.Buffers.Binary;
using System.Numerics;
using System.Reflection;
using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>
/// Operations translated code calls rather than spells out in CIL: each is (rs1, rs2 or immediate) → rd with the
/// ISA's corner cases, small enough for .NET's JIT to inline into the region.
/// </summary>
internal static class IntegerHelpers
{
    public static ulong Mulh(ulong a, ulong b) => Hart.MulHigh((long)a, (long)b);
    public static ulong Mulhsu(ulong a, ulong b) => Hart.MulHighSignedUnsigned((long)a, b);
    public static ulong Mulhu(ulong a, ulong b) => Hart.MulHighUnsigned(a, b);
    public static ulong Div(ulong a, ulong b) => Hart.Div((long)a, (long)b);
    public static ulong Divu(ulong a, ulong b) => Hart.Divu(a, b);
    public static ulong Rem(ulong a, ulong b) => Hart.Rem((long)a, (long)b);
    public static ulong Remu(ulong a, ulong b) => Hart.Remu(a, b);
    public static ulong Divw(ulong a, ulong b) => Hart.Divw((int)a, (int)b);
    public static ulong Divuw(ulong a, ulong b) => Hart.Divuw((uint)a, (uint)b);
    public static ulong Remw(ulong a, ulong b) => Hart.Remw((int)a, (int)b);
    public static ulong Remuw(ulong a, ulong b) => Hart.Remuw((uint)a, (uint)b);

    public static ulong Clz(ulong a, ulong _) => (ulong)BitOperations.LeadingZeroCount(a);
    public static ulong Clzw(ulong a, ulong _) => Hart.Clz32(a);
    public static ulong Ctz(ulong a, ulong _) => Hart.Ctz64(a);
    public static ulong Ctzw(ulong a, ulong _) => Hart.Ctz32(a);
    public static ulong Cpop(ulong a, ulong _) => (ulong)BitOperations.PopCount(a);
    public static ulong Cpopw(ulong a, ulong _) => (ulong)BitOperations.PopCount((uint)a);
    public static ulong Max(ulong a, ulong b) => (ulong)Math.Max((long)a, (long)b);
    public static ulong Maxu(ulong a, ulong b) => Math.Max(a, b);
    public static ulong Min(ulong a, ulong b) => (ulong)Math.Min((long)a, (long)b);
    public static ulong Minu(ulong a, ulong b) => Math.Min(a, b);
    public static ulong SextB(ulong a, ulong _) => (ulong)(sbyte)a;
    public static ulong SextH(ulong a, ulong _) => (ulong)(short)a;
    public static ulong ZextH(ulong a, ulong _) => (ushort)a;
    public static ulong Rol(ulong a, ulong b) => BitOperations.RotateLeft(a, (int)(b & 63));
    public static ulong Ror(ulong a, ulong b) => BitOperations.RotateRight(a, (int)(b & 63));
    public static ulong Rolw(ulong a, ulong b) => Hart.SignExtend32(BitOperations.RotateLeft((uint)a, (int)(b & 31)));
    public static ulong Rorw(ulong a, ulong b) => Hart.SignExtend32(BitOperations.RotateRight((uint)a, (int)(b & 31)));
    public static ulong OrcB(ulong a, ulong _) => Hart.OrCombine(a);
    public static ulong Rev8(ulong a, ulong _) => BinaryPrimitives.ReverseEndianness(a);

    /// <summary>The helper for <paramref name="op"/>, and whether its second operand is the immediate (else rs2).</summary>
    public static (MethodInfo Method, bool Immediate)? For(Op op) => op switch
    {
        Op.Mulh => (Get(nameof(Mulh)), false),
        Op.Mulhsu => (Get(nameof(Mulhsu)), false),
        Op.Mulhu => (Get(nameof(Mulhu)), false),
        Op.Div => (Get(nameof(Div)), false),
        Op.Divu => (Get(nameof(Divu)), false),
        Op.Rem => (Get(nameof(Rem)), false),
        Op.Remu => (Get(nameof(Remu)), false),
        Op.Divw => (Get(nameof(Divw)), false),
        Op.Divuw => (Get(nameof(Divuw)), false),
        Op.Remw => (Get(nameof(Remw)), false),
        Op.Remuw => (Get(nameof(Remuw)), false),
        Op.Clz => (Get(nameof(Clz)), true),
        Op.Clzw => (Get(nameof(Clzw)), true),
        Op.Ctz => (Get(nameof(Ctz)), true),
        Op.Ctzw => (Get(nameof(Ctzw)), true),
        Op.Cpop => (Get(nameof(Cpop)), true),
        Op.Cpopw => (Get(nameof(Cpopw)), true),
        Op.Max => (Get(nameof(Max)), false),
        Op.Maxu => (Get(nameof(Maxu)), false),
        Op.Min => (Get(nameof(Min)), false),
        Op.Minu => (Get(nameof(Minu)), false),
        Op.SextB => (Get(nameof(SextB)), true),
        Op.SextH => (Get(nameof(SextH)), true),
        Op.ZextH => (Get(nameof(ZextH)), true),
        Op.Rol => (Get(nameof(Rol)), false),
        Op.Ror => (Get(nameof(Ror)), false),
        Op.Rolw => (Get(nameof(Rolw)), false),
        Op.Rorw => (Get(nameof(Rorw)), false),
        Op.Rori => (Get(nameof(Ror)), true),
        Op.Roriw => (Get(nameof(Rorw)), true),
        Op.OrcB => (Get(nameof(OrcB)), true),
        Op.Rev8 => (Get(nameof(Rev8)), true),
        _ => null,
    };

    private static MethodInfo Get(string name) => typeof(IntegerHelpers).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
}
