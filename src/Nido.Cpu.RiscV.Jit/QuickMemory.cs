using System.Runtime.CompilerServices;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>
/// Loads and stores for quick regions: the same TLB hit test the optimized code inlines (entry tag equals the
/// virtual page, the access stays inside the page), as one call each, so a quick region's CIL is a third the size
/// and .NET's JIT compiles it sooner. False (nothing done) sends the region out before the instruction, as a miss
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
    private static byte* Host<T>(nint tlb, ulong va) where T : unmanaged
    {
        var vpn = va >> 12;
        var entry = (Hart.TlbEntry*)tlb + (nint)(vpn & (Hart.TlbWays - 1));
        var offset = va & 0xfff;
        if (entry->Tag != vpn || offset > (ulong)(4096 - sizeof(T))) return null;
        return (byte*)entry->Host + offset;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Load<T>(Hart hart, ulong va, out ulong value) where T : unmanaged
    {
        var host = Host<T>(hart.JitTlbRead, va);
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
        var host = Host<T>(hart.JitTlbWrite, va);
        if (host == null) return false;
        Unsafe.WriteUnaligned(host, value);
        return true;
    }
}
