namespace Nido.Hypervisor;

public enum VmExitKind
{
    /// <summary>A <see cref="IVcpu.Kick"/> or a signal stopped the run; the VMM checks why and runs again.</summary>
    Interrupted,
    /// <summary>The guest halted with interrupts that no in-kernel chip will deliver.</summary>
    Halted,
    /// <summary>Triple fault or equivalent: the machine would reset.</summary>
    Shutdown,
    /// <summary>The guest asked for a reset (PSCI, ACPI, keyboard controller).</summary>
    Reset,
    /// <summary>The guest asked to power off.</summary>
    PowerOff,
    /// <summary>The backend could not continue (emulation failure, bad entry state); Detail says what.</summary>
    Failed,
}

/// <summary>Why <see cref="IVcpu.Run"/> returned. Kept small: I/O never comes back here (see <see cref="IVcpuIo"/>).</summary>
public readonly record struct VmExit(VmExitKind Kind, string? Detail = null)
{
    public static readonly VmExit Interrupted = new(VmExitKind.Interrupted);

    public override string ToString() => Detail is null ? Kind.ToString() : $"{Kind}: {Detail}";
}
