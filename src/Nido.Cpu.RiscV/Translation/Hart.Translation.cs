using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Nido.Cpu.RiscV.Decoder;
using Nido.Cpu.RiscV.Translation;

namespace Nido.Cpu.RiscV;

/// <summary>
/// The hart's side of binary translation: the dispatch loop that runs translated regions where it has them and
/// interprets elsewhere, heat counting at region heads (instructions reached by a jump, a trap or a region exit:
/// each head's heat is the number of instructions interpreted from it, so entries of long runs become hot before
/// entries of short ones, in proportion to the interpretation a translation would save), and the helpers
/// translated code calls. Translations are kept per physical page and entry offset; they are trusted until FENCE.I
/// moves the code generation on (the ISA makes stores visible to instruction fetch only then), after which each is
/// compared with memory before its next use.
/// </summary>
public sealed unsafe partial class Hart
{
    private const ushort HeatRequested = ushort.MaxValue;

    private readonly IBlockTranslator? _translator;
    private readonly CodeTable?[] _codeTables = [];
    // The fetch page's table: one reference, so a change of fetch page costs one GC write barrier. Read only where
    // Pc's page is the fetch page (_fetchVpn), which RefillFetch sets after choosing it.
    private CodeTable _fetchCode = null!;
    private long _codeGeneration; // a long: an int could wrap back to a stale block's generation in a long-running guest

    /// <summary>Instructions left in the current slice, for translated code (which retires through <see cref="JitRetire"/>).</summary>
    internal long JitBudget;

    /// <summary>Set whenever a trap is taken; translated code checks it after each call that can trap.</summary>
    internal bool JitFault;

    /// <summary>Whether this hart runs translated code (a translator was installed when it was created).</summary>
    public bool Translates => _translator is not null;

    private HartExit RunTranslated(long budget)
    {
        var head = true;
        // The head interpreted last, credited at the next head with the instructions run from it.
        ushort[]? warmHeat = null;
        var warmSlot = 0;
        var warmStart = 0UL;
        var threshold = _translator!.Threshold;
        var tierUp = _translator.TierUp;
        while (true)
        {
            if (Volatile.Read(ref _attention) != 0 && Attend()) return HartExit.Stopped;
            if (budget <= 0) return HartExit.Budget;
            var pc = Pc;
            var afterStub = false;
            if ((pc >> 12) != _fetchVpn && !RefillFetch(pc))
            {
                budget--;
                _instret++;
                head = true;
                continue;
            }
            if (head && warmHeat is not null)
            {
                ref var last = ref warmHeat[warmSlot];
                if (last != HeatRequested) last = (ushort)Math.Min(last + (_instret - warmStart), HeatRequested - 1);
                warmHeat = null;
            }
            // Regions are entered only at heads, where they are requested: straight-line interpretation skips the
            // lookup. A page PMP splits is never cached (_fetchVpn stays invalid): it is only interpreted.
            if (head && (pc >> 12) == _fetchVpn)
            {
                var slot = (int)(pc & 0xfff) >> 1;
                var code = _fetchCode;
                var block = code.Blocks[slot];
                if (block is not null && (block.Generation == _codeGeneration || Revalidate(block, slot)))
                {
                    JitBudget = budget;
                    JitFault = false;
                    block.Code(this, pc);
                    head = true;
                    if (JitBudget != budget)
                    {
                        if (block.Quick && block.Retired >= 0 && (block.Retired += budget - JitBudget) >= tierUp)
                        {
                            block.Retired = long.MinValue; // asked for once
                            RequestTranslation(slot, optimize: true);
                        }
                        budget = JitBudget;
                        continue;
                    }
                    // Nothing retired: its first instruction is a load or store the TLB did not answer, which
                    // translated code leaves to the interpreter; what follows it may start a region of its own.
                    afterStub = true;
                }
                else
                {
                    ref var heat = ref code.Heat[slot];
                    if (heat != HeatRequested && ++heat >= threshold)
                    {
                        heat = HeatRequested;
                        RequestTranslation(slot, optimize: tierUp == 0);
                        continue; // a translator that answers at once has installed it
                    }
                    if (heat != HeatRequested)
                    {
                        // ++heat counted this head's first instruction.
                        warmHeat = code.Heat;
                        warmSlot = slot;
                        warmStart = _instret + 1;
                    }
                }
            }
            // From here to the next head (one instruction after a stub: what follows it is a head).
            var run = Interpret(ref budget, straight: !afterStub);
            if (run == Interpreted.Wait) return HartExit.WaitForInterrupt;
            head = afterStub || run == Interpreted.Branched;
        }
    }

    /// <summary>
    /// Operations regions stop before (they change privilege, translation, CSRs or the code generation, or trap): the
    /// translator's list (Nido.Cpu.RiscV.Jit's InstructionClass), and here what follows one starts a region of its
    /// own, so it is a head even when reached in sequence.
    /// </summary>
    internal static bool EndsRegions(Op op) => op is >= Op.Csrrw and <= Op.SfenceVma or Op.FenceI or Op.Ecall or Op.Ebreak;

    private void RequestTranslation(int slot, bool optimize)
    {
        var page = new byte[4096];
        new ReadOnlySpan<byte>(_fetchHost, 4096).CopyTo(page);
        _translator!.Request(new TranslationRequest(this, _fetchCode.PhysicalPage, slot * 2, page, _codeGeneration, optimize));
    }

    /// <summary>After a FENCE.I: keeps the block if memory still holds what it was translated from.</summary>
    private bool Revalidate(TranslatedBlock block, int slot)
    {
        if (new ReadOnlySpan<byte>(_fetchHost + block.Start, block.Bytes.Length).SequenceEqual(block.Bytes))
        {
            block.Generation = _codeGeneration;
            return true;
        }
        _fetchCode.Blocks[slot] = null;
        _fetchCode.Heat[slot] = 0;
        return false;
    }

    /// <summary>
    /// Installs the translator's answer to <paramref name="request"/> (any thread). Null means the entry cannot be
    /// translated; it stays interpreted.
    /// </summary>
    public void InstallTranslation(TranslationRequest request, TranslatedBlock? block)
    {
        if (block is null || request.PhysicalPage - _ramBase >= _ramSize) return;
        var table = _codeTables[(request.PhysicalPage - _ramBase) >> 12];
        if (table is not null) Volatile.Write(ref table.Blocks[request.EntryOffset >> 1], block);
    }

    /// <summary>RefillFetch's part: the translation tables of the page instruction fetch now reads.</summary>
    private void SelectTranslationPage(ulong index, ulong physicalPage)
    {
        if (_translator is null) return;
        _fetchCode = _codeTables[index] ??= new CodeTable(physicalPage);
    }

    // ---- What translated code uses (Nido.Cpu.RiscV.Jit emits these accesses). ----

    /// <summary>
    /// Address of x0 (x0..x31, then the x0 sink): the register file is pinned. A field, not a property, because quick
    /// (unoptimized) regions would call a getter for every register they load or store back.
    /// </summary>
    internal readonly nint JitRegisterFile;

    /// <summary>
    /// Addresses of the first entries of the TLBs loads and stores use now (pinned): an entry maps virtual page vpn
    /// when the one at <c>vpn % TlbWays</c> has Tag == vpn, its bytes then at Host. They change only with the
    /// privilege or mstatus (MPRV, MPP, SUM), that is in traps and CSR or system instructions, which end regions:
    /// never inside one.
    /// </summary>
    internal nint JitTlbRead, JitTlbWrite;

    /// <summary>
    /// Interprets the instruction at Pc (one translated code leaves to the interpreter: F/D, A, fences) if memory
    /// still holds <paramref name="raw"/>, the instruction that was translated; false (nothing done) otherwise, and the
    /// region leaves before it, so a region never mixes old code with new.
    /// </summary>
    internal bool JitInterpret(uint raw)
    {
        var offset = (int)(Pc & 0xfff);
        var mask = (raw & 3) == 3 ? 0xffffffffu : 0xffffu;
        if ((Pc >> 12) != _fetchVpn || (Unsafe.ReadUnaligned<uint>(_fetchHost + offset) & mask) != raw) return false;
        var budget = 1L;
        Interpret(ref budget, straight: false);
        _instret--; // the region retires it
        return true;
    }

    internal void JitRetire(long instructions)
    {
        _instret += (ulong)instructions;
        JitBudget -= instructions;
    }
}
