namespace Nido.Machines.X86.Acpi;

/// <summary>The I/O ports of the hardware-reduced power registers and the byte the reset register takes.</summary>
public sealed record AcpiPowerPorts(ushort SleepControl, ushort SleepStatus, ushort Reset, byte ResetValue, byte SoftOffType);

/// <summary>A 16550 UART at <paramref name="Port"/> (8 ports) on ISA IRQ <paramref name="Irq"/>.</summary>
public sealed record AcpiSerialPort(ushort Port, int Irq);

/// <summary>A virtio-mmio window and its level-triggered interrupt.</summary>
public sealed record AcpiVirtioMmio(ulong Base, uint Size, int Irq);

/// <summary>What the ACPI tables describe: exactly the devices the machine has.</summary>
public sealed record AcpiPlatform(
    int Cpus,
    byte IoApicId,
    AcpiPowerPorts Power,
    IReadOnlyList<AcpiSerialPort> SerialPorts,
    bool Keyboard,
    bool Rtc,
    IReadOnlyList<AcpiVirtioMmio> VirtioMmio);
