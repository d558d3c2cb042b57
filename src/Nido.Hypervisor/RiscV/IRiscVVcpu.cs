namespace Nido.Hypervisor.RiscV;

/// <summary>A RISC-V vCPU (hart): what a machine sets before the first run.</summary>
public interface IRiscVVcpu : IVcpu
{
    /// <summary>Starts the hart in M-mode at <paramref name="pc"/> with a0–a2 as firmware and kernels expect them.</summary>
    void SetEntry(ulong pc, ulong a0, ulong a1, ulong a2);

    /// <summary>Instructions this hart has retired.</summary>
    ulong InstructionsRetired { get; }
}
