using System.Runtime.CompilerServices;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>
/// Loads and stores for quick regions: the hart's own TLB hit test (the one optimized code inlines as CIL), as one
/// call each, so a quick region's CIL is a third the size and .NET's JIT compiles it sooner. False (nothing done) sends the region out before the instruction, as a miss
/// does inline. Loads return the value zero-extended; the caller sign-extends.
/// </summary>
internal static unsafe class QuickMemory
{
    public static bool Load1(Hart hart, ulong va, out ulong value) => Load<byte>(hart, va, out value);
    public static bool Load2(Hart hart, ulong va, out ulong value) => Load<ushort>(hart, va, out value);
    public static bool Load4(Hart hart, ulong va, out ulong value) => Load<uint>(hart, va, out value);
    public static bool Load8(Hart hart, ulong va, out ulong value) => Load<ulong>(hart, va, out value);

    public static bool Store1(Hart hart, ulong va, ulong value) => Store(hart, va, (byte)value);
    public static bool Store2(Hart hart, ulong va, ulong value) => Store(hart, va, (ushort)value);
    public static bool Store4(Hart hart, ulong va, ulong value) => Store(hart, va, (uint)value);
    public static bool Store8(Hart hart, ulong va, ulong value) => Store(hart, va, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Load<T>(Hart hart, ulong va, out ulong value) where T : unmanaged
    {
        var host = hart.JitReadHost<T>(va);
        if (host == null)
        {
            value = 0;
            return false;
        }
        // Volatile, as inline: a spin on another hart's store must see it.
        value = sizeof(T) switch
        {
            1 => Volatile.Read(ref *host),
            2 => Volatile.Read(ref *(ushort*)host),
            4 => Volatile.Read(ref *(uint*)host),
            _ => Volatile.Read(ref *(ulong*)host),
        };
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Store<T>(Hart hart, ulong va, T value) where T : unmanaged
    {
        var host = hart.JitWriteHost<T>(va);
        if (host == null) return false;
        Unsafe.WriteUnaligned(host, value);
        return true;
    }
}
