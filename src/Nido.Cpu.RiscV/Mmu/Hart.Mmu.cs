using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Nido.Cpu.RiscV.Csr;
using Nido.Cpu.RiscV.Mmu;

namespace Nido.Cpu.RiscV;

/// <summary>
/// Address translation: satp (Bare, Sv39, Sv48), the page walk with hardware A/D updates, and direct-mapped
/// TLBs per (effective privilege, access kind) that map a virtual page straight to host memory for RAM.
/// </summary>
public sealed unsafe partial class Hart
{
    internal struct TlbEntry
    {
        public ulong Tag;        // virtual page number, or ulong.MaxValue when empty
        public nint Host;        // host address of the page (RAM pages only)
        public ulong MmioTag;    // virtual page number of a cached device translation
        public ulong MmioPage;   // its physical page address
    }

    internal const int TlbWays = 256;
    private const int TlbModes = 4;
    // [effective mode 0=U, 1=S, 2=M/bare, 3=S with SUM][access kind] blocks of TlbWays entries. S-mode data with
    // and without SUM have blocks of their own because Linux sets and clears SUM around every copy from or to
    // user memory: switching blocks keeps both cached where a flush would empty the whole TLB each time.
    // Pinned: translated code looks entries up by address (JitTlbRead, JitTlbWrite).
    private readonly TlbEntry[] _tlb = GC.AllocateArray<TlbEntry>(TlbModes * 3 * TlbWays, pinned: true);
    private int _readBase, _writeBase, _fetchBase = -1;
    /// <summary>
    /// A TLB entry filled since the last flush, and the low vpn bits its leaf spans (0 for a 4 KiB page, 9 for 2 MiB,
    /// 18 for 1 GiB...): an address-specific SFENCE.VMA drops every entry its leaf covers, also those of the other
    /// 4 KiB pages of a superpage.
    /// </summary>
    private readonly record struct TlbFill(int Index, byte Span);

    // Entries filled since the last flush, so a flush rewrites those instead of all 3,072 (96 KiB): Linux fences
    // after every page-table change, with a handful of pages touched in between. Past the list's end, all.
    private readonly TlbFill[] _tlbFilled = new TlbFill[128];
    private int _tlbFilledCount = int.MaxValue;
    // The span (as above) of the leaf the last successful translation used.
    private byte _walkSpan;

    private ulong _satp;

    private void InitTlbs()
    {
        FlushTlb();
        UpdateMmuContext();
    }

    private void FlushTlb()
    {
        var t = _tlb.AsSpan();
        var empty = new TlbEntry { Tag = ulong.MaxValue, MmioTag = ulong.MaxValue };
        if (_tlbFilledCount <= _tlbFilled.Length)
            foreach (var fill in _tlbFilled.AsSpan(0, _tlbFilledCount)) t[fill.Index] = empty;
        else t.Fill(empty);
        _tlbFilledCount = 0;
        _fetchVpn = ulong.MaxValue;
    }

    /// <summary>
    /// SFENCE.VMA with an address: drops the entries of the leaf that maps <paramref name="va"/> (in every privilege
    /// and access block, for every ASID) and keeps the rest. Linux fences so after each single-page update.
    /// </summary>
    private void FlushTlbPage(ulong va)
    {
        if (_tlbFilledCount > _tlbFilled.Length)
        {
            FlushTlb();
            return;
        }
        var vpn = va >> 12;
        var t = _tlb.AsSpan();
        foreach (var fill in _tlbFilled.AsSpan(0, _tlbFilledCount))
        {
            ref var e = ref t[fill.Index];
            var leaf = ~((1UL << fill.Span) - 1);
            if (((e.Tag ^ vpn) & leaf) == 0) e.Tag = ulong.MaxValue;
            if (((e.MmioTag ^ vpn) & leaf) == 0) e.MmioTag = ulong.MaxValue;
        }
        _fetchVpn = ulong.MaxValue;
    }

    /// <summary>
    /// Records that the entry for <paramref name="vpn"/> in <paramref name="block"/> is being filled from the
    /// translation just made.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NoteTlbFill(int block, ulong vpn)
    {
        if (_tlbFilledCount < _tlbFilled.Length) _tlbFilled[_tlbFilledCount] = new TlbFill(block + (int)(vpn & (TlbWays - 1)), _walkSpan);
        if (_tlbFilledCount != int.MaxValue) _tlbFilledCount++;
    }

    private static int ModeIndex(PrivilegeMode mode) => mode switch { PrivilegeMode.User => 0, PrivilegeMode.Supervisor => 1, _ => 2 };

    /// <summary>Recomputes which TLB blocks loads, stores and fetches use (after a privilege, MPRV, MPP or SUM change).</summary>
    private void UpdateMmuContext()
    {
        var data = Mode;
        if (Mode == PrivilegeMode.Machine && (_mstatus & MStatus.Mprv) != 0)
            data = (PrivilegeMode)((_mstatus & MStatus.Mpp) >> MStatus.MppShift);
        var d = ModeIndex(data);
        if (d == 1 && (_mstatus & MStatus.Sum) != 0) d = 3;
        _readBase = (d * 3 + (int)Access.Read) * TlbWays;
        _writeBase = (d * 3 + (int)Access.Write) * TlbWays;
        var fetchBase = (ModeIndex(Mode) * 3 + (int)Access.Execute) * TlbWays;
        if (fetchBase != _fetchBase)
        {
            // Only a privilege change moves fetch (not MPRV, MPP or SUM, which Linux toggles around user copies).
            _fetchBase = fetchBase;
            _fetchVpn = ulong.MaxValue;
        }
        JitTlbRead = (nint)Unsafe.AsPointer(ref TlbAt(_readBase, 0));
        JitTlbWrite = (nint)Unsafe.AsPointer(ref TlbAt(_writeBase, 0));
    }

    private PrivilegeMode DataMode => (_readBase / (3 * TlbWays)) switch { 0 => PrivilegeMode.User, 2 => PrivilegeMode.Machine, _ => PrivilegeMode.Supervisor };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref TlbEntry TlbAt(int block, ulong vpn) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tlb), block + (int)(vpn & (TlbWays - 1)));

    /// <summary>
    /// Translates <paramref name="va"/> for <paramref name="access"/> at privilege <paramref name="mode"/>.
    /// On a fault the trap is taken (tval = <paramref name="faultAddress"/>) and false returned.
    /// </summary>
    private bool Translate(ulong va, Access access, PrivilegeMode mode, ulong faultAddress, out ulong pa)
    {
        var satpMode = _satp >> 60;
        if (mode == PrivilegeMode.Machine || satpMode == 0)
        {
            pa = va;
            _walkSpan = 0;
            return true;
        }
        var levels = satpMode == 8 ? 3 : 4;
        var vaBits = 12 + 9 * levels;
        // The upper bits must all equal the top translated bit.
        if ((ulong)((long)(va << (64 - vaBits)) >> (64 - vaBits)) != va) return PageFault(access, faultAddress, out pa);

        var table = (_satp & Pte.PpnMask) << 12;
        for (var level = levels - 1; level >= 0; level--)
        {
            var pteAddress = table + ((va >> (12 + 9 * level)) & 511) * 8;
            // Page-table reads are S-level accesses, subject to PMP like any other.
            if (!RamContains(pteAddress, 8) || !PmpAllows(pteAddress, 8, Access.Read, PrivilegeMode.Supervisor))
                return AccessFault(access, faultAddress, out pa);
            ref var pteRef = ref *(ulong*)(_ram + (pteAddress - _ramBase));
            while (true)
            {
                var pte = Volatile.Read(ref pteRef);
                if ((pte & Pte.V) == 0 || ((pte & Pte.R) == 0 && (pte & Pte.W) != 0) || (pte & Pte.Reserved) != 0)
                    return PageFault(access, faultAddress, out pa);
                if ((pte & (Pte.R | Pte.X)) == 0)
                {
                    if (level == 0) return PageFault(access, faultAddress, out pa);
                    table = ((pte >> Pte.PpnShift) & Pte.PpnMask) << 12;
                    break;
                }
                if (!Permitted(pte, access, mode)) return PageFault(access, faultAddress, out pa);
                var ppn = (pte >> Pte.PpnShift) & Pte.PpnMask;
                var lowPpnMask = (1UL << (9 * level)) - 1;
                if ((ppn & lowPpnMask) != 0) return PageFault(access, faultAddress, out pa); // misaligned superpage
                // Hardware A/D update (as QEMU does), atomically against other harts' walks and stores.
                var wanted = pte | Pte.A | (access == Access.Write ? Pte.D : 0);
                if (wanted != pte && Interlocked.CompareExchange(ref pteRef, wanted, pte) != pte) continue;
                pa = ((ppn & ~lowPpnMask) << 12) | (va & ((1UL << (12 + 9 * level)) - 1));
                _walkSpan = (byte)(9 * level);
                return true;
            }
        }
        return PageFault(access, faultAddress, out pa);
    }

    private bool Permitted(ulong pte, Access access, PrivilegeMode mode)
    {
        if (mode == PrivilegeMode.User)
        {
            if ((pte & Pte.U) == 0) return false;
        }
        else if ((pte & Pte.U) != 0 && (access == Access.Execute || (_mstatus & MStatus.Sum) == 0))
            return false;
        return access switch
        {
            Access.Read => (pte & Pte.R) != 0 || ((_mstatus & MStatus.Mxr) != 0 && (pte & Pte.X) != 0),
            Access.Write => (pte & Pte.W) != 0,
            _ => (pte & Pte.X) != 0,
        };
    }

    private bool PageFault(Access access, ulong address, out ulong pa)
    {
        pa = 0;
        RaiseException(access switch
        {
            Access.Read => ExceptionCause.LoadPageFault,
            Access.Write => ExceptionCause.StorePageFault,
            _ => ExceptionCause.InstructionPageFault,
        }, address);
        return false;
    }

    private bool AccessFault(Access access, ulong address, out ulong pa)
    {
        pa = 0;
        RaiseException(access switch
        {
            Access.Read => ExceptionCause.LoadAccessFault,
            Access.Write => ExceptionCause.StoreAccessFault,
            _ => ExceptionCause.InstructionAccessFault,
        }, address);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool RamContains(ulong pa, ulong length) => pa - _ramBase < _ramSize && length <= _ramSize - (pa - _ramBase);

    /// <summary>
    /// Translates a data access of <paramref name="size"/> bytes, checks PMP and, for RAM, fills the TLB so the next
    /// access to the page is a fast hit.
    /// Returns the host address for RAM, or 0 with <paramref name="pa"/> set for a device.
    /// </summary>
    private bool TranslateData(ulong va, Access access, ulong faultAddress, int size, out nint host, out ulong pa)
    {
        var vpn = va >> 12;
        var block = access == Access.Write ? _writeBase : _readBase;
        ref var e = ref TlbAt(block, vpn);
        if (e.MmioTag == vpn)
        {
            host = 0;
            pa = e.MmioPage | (va & 0xfff);
            return true;
        }
        var mode = DataMode;
        if (!Translate(va, access, mode, faultAddress, out pa))
        {
            host = 0;
            return false;
        }
        var page = pa & ~0xfffUL;
        if (!PmpAllows(page, 4096, access, mode))
        {
            // Entries split this page (or deny it): check this access alone and cache nothing.
            host = 0;
            if (!PmpAllows(pa, (ulong)size, access, mode)) return AccessFault(access, faultAddress, out pa);
            if (RamContains(pa, (ulong)size)) host = (nint)(_ram + (pa - _ramBase));
            else if (RamContains(pa, 1)) return AccessFault(access, faultAddress, out pa);
            return true;
        }
        if (RamContains(page, 4096))
        {
            NoteTlbFill(block, vpn);
            e.Tag = vpn;
            e.Host = (nint)(_ram + (page - _ramBase));
            host = e.Host + (nint)(va & 0xfff);
            return true;
        }
        if (RamContains(pa, 1))
        {
            // RAM that ends inside this page: only accesses wholly inside it are RAM; one running past its end is a fault.
            host = 0;
            if (!RamContains(pa, (ulong)size)) return AccessFault(access, faultAddress, out pa);
            host = (nint)(_ram + (pa - _ramBase));
            return true;
        }
        NoteTlbFill(block, vpn);
        e.MmioTag = vpn;
        e.MmioPage = page;
        host = 0;
        return true;
    }
}
