namespace Nido.Devices.Legacy;

/// <summary>
/// The fixed registers of a hardware-reduced ACPI machine (ACPI 6.5 §4.8.3.7, §4.8.3.6): the sleep control
/// register, whose SLP_EN write with the _S5 sleep type powers the machine off, the sleep status register, and
/// the reset register. Three consecutive ports; the FADT names them, so guests find them without probing.
/// </summary>
public sealed class AcpiPowerRegisters(Action powerOff, Action reset) : IBusDevice
{
    public const ushort DefaultPort = 0x600;
    public const int Length = 3;
    public const ulong SleepControl = 0, SleepStatus = 1, Reset = 2;
    /// <summary>The value a guest writes to the reset register (the FADT's RESET_VALUE).</summary>
    public const byte ResetValue = 0x01;
    /// <summary>The sleep type the DSDT's \_S5 package hands the guest for soft-off.</summary>
    public const byte SoftOffType = 5;

    private const byte SleepEnable = 0x20, SleepTypeMask = 0x1c, WakeStatus = 0x80;

    public void Read(ulong offset, Span<byte> data)
    {
        data.Clear();
        // Any sleep state the guest could enter here ends the VM, so the machine is always awake when read.
        if (offset == SleepStatus && !data.IsEmpty) data[0] = WakeStatus;
    }

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        var value = data[0];
        if (offset == SleepControl && (value & SleepEnable) != 0 && (value & SleepTypeMask) >> 2 == SoftOffType) powerOff();
        else if (offset == Reset && value == ResetValue) reset();
        // Other sleep types are not offered (no \_S1–\_S4), and writes to the status register only clear WAK_STS.
    }
}
