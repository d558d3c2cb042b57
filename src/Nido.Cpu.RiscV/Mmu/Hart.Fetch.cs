using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Nido.Cpu.RiscV.Decoder;
using Nido.Cpu.RiscV.Mmu;

namespace Nido.Cpu.RiscV;

/// <summary>
/// Instruction fetch through a decode cache: one array of decoded slots per 4 KiB RAM page (a slot per halfword).
/// Each slot keeps the bits it was decoded from and is re-decoded when memory no longer holds them, so
/// self-modifying code, DMA into code pages and other harts' stores need no invalidation protocol.
/// </summary>
public sealed unsafe partial class Hart
{
    // Pinned (allocated on the pinned heap), so fetch indexes the current page's slots through a pointer: no bounds
    // check per instruction and no GC write barrier per change of fetch page.
    private readonly Instruction[]?[] _decodePages;
    private ulong _fetchVpn = ulong.MaxValue;
    private Instruction* _fetchSlots;
    private byte* _fetchHost;
    // Where instructions that cannot live in a slot are decoded (a 32-bit instruction straddling two pages).
    private Instruction _scratch;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Instruction Fetch(out bool ok)
    {
        var pc = Pc;
        if ((pc >> 12) != _fetchVpn && !RefillFetch(pc))
        {
            ok = false;
            return ref _scratch;
        }
        var offset = (int)(pc & 0xfff);
        ref var ins = ref _fetchSlots[offset >> 1];
        if ((Unsafe.ReadUnaligned<uint>(_fetchHost + offset) & ins.Mask) != ins.Raw) ins.Op = Op.Undecoded;
        ok = true;
        return ref ins;
    }

    /// <summary>
    /// Points fetch at the page of <paramref name="pc"/>: through the fetch TLB (whole RAM pages PMP allows), else by
    /// a page walk that fills it. False when the fetch faulted (the trap is taken).
    /// </summary>
    private bool RefillFetch(ulong pc)
    {
        var vpn = pc >> 12;
        ref var e = ref TlbAt(_fetchBase, vpn);
        ulong page;
        var wholePage = true;
        if (e.Tag == vpn) page = _ramBase + (ulong)((byte*)e.Host - _ram);
        else
        {
            if (!Translate(pc, Access.Execute, Mode, pc, out var pa)) return false;
            page = pa & ~0xfffUL;
            if (!RamContains(page, 4096)) return AccessFault(Access.Execute, pc, out _);
            wholePage = PmpAllows(page, 4096, Access.Execute, Mode);
            if (!wholePage && !PmpAllows(pa, 2, Access.Execute, Mode)) return AccessFault(Access.Execute, pc, out _);
            if (wholePage)
            {
                NoteTlbFill(_fetchBase, vpn);
                e.Tag = vpn;
                e.Host = (nint)(_ram + (page - _ramBase));
            }
        }
        var index = (page - _ramBase) >> 12;
        var slots = _decodePages[index] ??= GC.AllocateArray<Instruction>(2048, pinned: true);
        _fetchSlots = (Instruction*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(slots));
        _fetchHost = _ram + (page - _ramBase);
        SelectTranslationPage(index, page);
        // A page PMP splits is not remembered: every fetch from it comes back here to be checked.
        _fetchVpn = wholePage ? vpn : ulong.MaxValue;
        return true;
    }

    /// <summary>
    /// Decodes the instruction at Pc into <paramref name="slot"/>, or into the scratch slot when it straddles a page
    /// (its second half then comes through its own translation). False when fetching the second half faulted.
    /// </summary>
    private bool DecodeInto(ref Instruction slot, out bool cached)
    {
        var offset = (int)(Pc & 0xfff);
        var low = *(ushort*)(_fetchHost + offset);
        cached = true;
        if ((low & 3) != 3)
        {
            slot = InstructionDecoder.Decode16(low);
            return true;
        }
        if (offset != 0xffe)
        {
            slot = InstructionDecoder.Decode32(*(uint*)(_fetchHost + offset));
            return true;
        }
        cached = false;
        var next = Pc + 2;
        if (!Translate(next, Access.Execute, Mode, next, out var pa)) return false;
        if (!RamContains(pa, 2) || !PmpAllows(pa, 2, Access.Execute, Mode)) return AccessFault(Access.Execute, next, out _);
        var high = *(ushort*)(_ram + (pa - _ramBase));
        _scratch = InstructionDecoder.Decode32(low | ((uint)high << 16));
        return true;
    }
}
