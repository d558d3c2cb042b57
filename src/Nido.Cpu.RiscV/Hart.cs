using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV;

/// <summary>
/// One RV64GC hart: registers, CSRs, MMU and the interpreter loop. <see cref="Run"/> is called from one thread
/// only; <see cref="SetInterruptPending"/> and <see cref="RequestStop"/> may be called from any thread.
/// Guest faults become guest traps; nothing a guest does throws out of <see cref="Run"/>.
/// </summary>
public sealed unsafe partial class Hart
{
    private readonly IMemoryBus _bus;
    private readonly IHartClock _clock;
    private readonly byte* _ram;
    private readonly ulong _ramBase;
    private readonly ulong _ramSize;

    // x0..x31, then the sink that writes to x0 go to (see Instruction.ZeroSink). Pinned: translated code
    // addresses it directly.
    private readonly ulong[] _x = GC.AllocateArray<ulong>(33, pinned: true);
    // f0..f31 as raw bits; singles are NaN-boxed.
    private readonly ulong[] _f = new ulong[32];

    /// <summary>Program counter.</summary>
    public ulong Pc;

    public PrivilegeMode Mode { get; private set; } = PrivilegeMode.Machine;

    public int HartId { get; }

    // Set from any thread when the loop must look at interrupts or a stop request before the next instruction.
    private int _attention = 1;
    private int _stopRequested;

    /// <param name="translator">Binary translator for this hart; by default the one <see cref="Translation.Translators.Factory"/> makes, if any.</param>
    public Hart(int hartId, IMemoryBus bus, IHartClock clock, Translation.IBlockTranslator? translator = null)
    {
        HartId = hartId;
        _bus = bus;
        _clock = clock;
        _ram = (byte*)bus.RamPointer;
        _ramBase = bus.RamBase;
        _ramSize = bus.RamSize;
        _decodePages = new Instruction[(_ramSize + 4095) / 4096][];
        JitRegisterFile = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_x));
        InitTlbs();
        _translator = translator ?? Translation.Translators.Factory?.Invoke(this);
        if (_translator is not null) _codeTables = new Translation.CodeTable?[_decodePages.Length];
    }

    /// <summary>Instructions retired so far (minstret).</summary>
    public ulong InstructionsRetired => _instret;

    public ulong GetX(int index) => _x[index & 31];

    public void SetX(int index, ulong value)
    {
        if ((index & 31) != 0) _x[index & 31] = value;
    }

    public ulong GetF(int index) => _f[index & 31];

    /// <summary>Makes the running loop return <see cref="HartExit.Stopped"/> before its next instruction.</summary>
    public void RequestStop()
    {
        Volatile.Write(ref _stopRequested, 1);
        Volatile.Write(ref _attention, 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ulong X(int index) => ref ((ulong*)JitRegisterFile)[index]; // _x, pinned: no null check

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ulong F(int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_f), index);

    /// <summary>
    /// Runs at most <paramref name="budget"/> instructions. Returns early on WFI with nothing pending or on a
    /// stop request; traps and interrupts are taken inside.
    /// </summary>
    public HartExit Run(long budget)
    {
        if (_translator is not null) return RunTranslated(budget);
        while (true)
        {
            if (Volatile.Read(ref _attention) != 0 && Attend()) return HartExit.Stopped;
            if (budget <= 0) return HartExit.Budget;
            if (Interpret(ref budget, straight: true) == Interpreted.Wait) return HartExit.WaitForInterrupt;
        }
    }

    /// <summary>
    /// What the attention flag asks for, before the next instruction: true when a stop was requested, else any
    /// pending interrupt is taken.
    /// </summary>
    private bool Attend()
    {
        Volatile.Write(ref _attention, 0);
        if (Interlocked.Exchange(ref _stopRequested, 0) != 0) return true;
        TakePendingInterrupt();
        return false;
    }

    /// <summary>Executes one instruction (tests single-step with it); false when it was a WFI that must wait.</summary>
    internal bool Step()
    {
        if (Volatile.Read(ref _attention) != 0)
        {
            Volatile.Write(ref _attention, 0);
            TakePendingInterrupt();
        }
        var budget = 1L;
        return Interpret(ref budget, straight: false) != Interpreted.Wait;
    }
}
