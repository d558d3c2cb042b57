using System.Runtime.CompilerServices;
using Nido.Cpu.RiscV.Mmu;

namespace Nido.Cpu.RiscV;

/// <summary>
/// Loads and stores: a TLB hit on a RAM page is a host memory access; everything else (misses, page-crossing
/// accesses, devices) takes the slow path. Misaligned accesses are done, not trapped.
/// </summary>
public sealed unsafe partial class Hart
{
    /// <summary>The host address of a <typeparamref name="T"/> at <paramref name="va"/> when the TLB block answers it (a RAM page, the access inside it), else null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* TlbHost<T>(int block, ulong va) where T : unmanaged
    {
        var vpn = va >> 12;
        ref var e = ref TlbAt(block, vpn);
        return e.Tag == vpn && (va & 0xfff) <= (ulong)(4096 - sizeof(T)) ? (byte*)e.Host + (va & 0xfff) : null;
    }

    /// <summary>The TLB hit test for translated code that calls rather than inlines it (quick regions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal byte* JitReadHost<T>(ulong va) where T : unmanaged => TlbHost<T>(_readBase, va);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal byte* JitWriteHost<T>(ulong va) where T : unmanaged => TlbHost<T>(_writeBase, va);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Load<T>(ulong va, out T value) where T : unmanaged
    {
        var host = TlbHost<T>(_readBase, va);
        if (host != null)
        {
            value = Unsafe.ReadUnaligned<T>(host);
            return true;
        }
        var ok = LoadSlow(va, sizeof(T), out var raw);
        value = Unsafe.As<ulong, T>(ref raw);
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Store<T>(ulong va, T value) where T : unmanaged
    {
        var host = TlbHost<T>(_writeBase, va);
        if (host != null)
        {
            Unsafe.WriteUnaligned(host, value);
            return true;
        }
        ulong raw = 0;
        Unsafe.As<ulong, T>(ref raw) = value;
        return StoreSlow(va, sizeof(T), raw);
    }

    private bool LoadSlow(ulong va, int size, out ulong value)
    {
        value = 0;
        if ((va & 0xfff) > (ulong)(4096 - size))
        {
            // Crosses a page: byte by byte, each through its own translation (little-endian assembly).
            for (var i = 0; i < size; i++)
            {
                if (!LoadSlow(va + (ulong)i, 1, out var b)) return false;
                value |= b << (8 * i);
            }
            return true;
        }
        if (!TranslateData(va, Access.Read, va, size, out var host, out var pa)) return false;
        if (host != 0)
        {
            value = size switch
            {
                1 => *(byte*)host,
                2 => Unsafe.ReadUnaligned<ushort>((void*)host),
                4 => Unsafe.ReadUnaligned<uint>((void*)host),
                _ => Unsafe.ReadUnaligned<ulong>((void*)host),
            };
            return true;
        }
        if (_bus.Read(pa, size, out value)) return true;
        RaiseException(ExceptionCause.LoadAccessFault, va);
        return false;
    }

    private bool StoreSlow(ulong va, int size, ulong value)
    {
        if ((va & 0xfff) > (ulong)(4096 - size))
        {
            // Translate every byte before writing any, so a page fault on the second page leaves memory unchanged.
            for (var i = 0; i < size; i++)
                if (!TranslateData(va + (ulong)i, Access.Write, va + (ulong)i, 1, out _, out _)) return false;
            for (var i = 0; i < size; i++)
                if (!StoreSlow(va + (ulong)i, 1, value >> (8 * i))) return false;
            return true;
        }
        if (!TranslateData(va, Access.Write, va, size, out var host, out var pa)) return false;
        if (host != 0)
        {
            switch (size)
            {
                case 1: *(byte*)host = (byte)value; break;
                case 2: Unsafe.WriteUnaligned((void*)host, (ushort)value); break;
                case 4: Unsafe.WriteUnaligned((void*)host, (uint)value); break;
                default: Unsafe.WriteUnaligned((void*)host, value); break;
            }
            return true;
        }
        if (_bus.Write(pa, size, value)) return true;
        RaiseException(ExceptionCause.StoreAccessFault, va);
        return false;
    }

    /// <summary>
    /// Host address of an aligned atomic's target in RAM, translated for a store (AMOs need write permission
    /// and set D). Misaligned → store/AMO misaligned; devices → access fault.
    /// </summary>
    private bool AtomicTarget(ulong va, int size, bool isLoadReserved, out nint host, out ulong pa)
    {
        host = 0;
        pa = 0;
        if ((va & (ulong)(size - 1)) != 0)
        {
            RaiseException(isLoadReserved ? ExceptionCause.LoadMisaligned : ExceptionCause.StoreMisaligned, va);
            return false;
        }
        if (!TranslateData(va, isLoadReserved ? Access.Read : Access.Write, va, size, out host, out pa)) return false;
        if (host != 0) return true;
        RaiseException(isLoadReserved ? ExceptionCause.LoadAccessFault : ExceptionCause.StoreAccessFault, va);
        return false;
    }
}
