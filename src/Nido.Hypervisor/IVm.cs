using Nido.Hypervisor.Memory;

namespace Nido.Hypervisor;

/// <summary>One guest: its memory, interrupt lines and vCPUs.</summary>
public interface IVm : IDisposable
{
    GuestMemory Memory { get; }

    IVcpu CreateVcpu(int index);

    /// <summary>Drives an interrupt input (a GSI: ISA IRQs 0–15, then I/O APIC pins) to a level.</summary>
    void SetIrqLine(int gsi, bool high);
}
