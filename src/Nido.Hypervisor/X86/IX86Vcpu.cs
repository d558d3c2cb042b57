namespace Nido.Hypervisor.X86;

/// <summary>The x86 state a machine loader sets before the first run.</summary>
public interface IX86Vcpu : IVcpu
{
    StandardRegisters GetRegisters();

    void SetRegisters(in StandardRegisters registers);

    SpecialRegisters GetSpecialRegisters();

    void SetSpecialRegisters(in SpecialRegisters registers);

    void SetFpu(in FpuState fpu);

    void SetCpuid(ReadOnlySpan<CpuidEntry> entries);

    void SetMsrs(ReadOnlySpan<MsrEntry> entries);

    /// <summary>Wires the local APIC's LINT0 to ExtINT (the 8259) and LINT1 to NMI, as a PC's firmware does.</summary>
    void SetupLocalInterrupts();
}

/// <summary>What the x86 host can offer guests: CPUID leaves and MSRs the backend supports.</summary>
public interface IX86Hypervisor : IHypervisor
{
    CpuidEntry[] SupportedCpuid();
}
