namespace Nido.Cpu.RiscV;

/// <summary>Synchronous exception codes (mcause/scause with the interrupt bit clear).</summary>
public enum ExceptionCause : byte
{
    InstructionMisaligned = 0,
    InstructionAccessFault = 1,
    IllegalInstruction = 2,
    Breakpoint = 3,
    LoadMisaligned = 4,
    LoadAccessFault = 5,
    StoreMisaligned = 6,
    StoreAccessFault = 7,
    EcallFromU = 8,
    EcallFromS = 9,
    EcallFromM = 11,
    InstructionPageFault = 12,
    LoadPageFault = 13,
    StorePageFault = 15,
}

/// <summary>Interrupt numbers: bit positions in mip/mie and codes in xcause with the interrupt bit set.</summary>
public static class Interrupt
{
    public const int SupervisorSoftware = 1;
    public const int MachineSoftware = 3;
    public const int SupervisorTimer = 5;
    public const int MachineTimer = 7;
    public const int SupervisorExternal = 9;
    public const int MachineExternal = 11;

    public const ulong SupervisorMask = (1UL << SupervisorSoftware) | (1UL << SupervisorTimer) | (1UL << SupervisorExternal);
    public const ulong MachineMask = (1UL << MachineSoftware) | (1UL << MachineTimer) | (1UL << MachineExternal);

    /// <summary>The order in which pending, enabled interrupts are taken (the privileged spec's priority).</summary>
    internal static ReadOnlySpan<byte> Priority => [MachineExternal, MachineSoftware, MachineTimer, SupervisorExternal, SupervisorSoftware, SupervisorTimer];
}
