using System.Buffers.Binary;
using System.Text;

namespace Nido.Machines.X86.Acpi;

/// <summary>
/// The Fixed ACPI Description Table (revision 6.5) of a hardware-reduced machine: no PM timer, SCI or GPE
/// blocks (nothing for the guest to poll), the DSDT, the sleep control/status registers that power off, the
/// reset register, and the boot flags saying the i8042 exists and there is no VGA.
/// </summary>
public static class Fadt
{
    public const int Size = 276;
    private const uint FlagWbinvd = 1 << 0, FlagPowerButton = 1 << 4, FlagSleepButton = 1 << 5, FlagResetRegister = 1 << 10, FlagHardwareReduced = 1 << 20;
    private const ushort BootArch8042 = 1 << 1, BootArchNoVga = 1 << 2;

    public static byte[] Build(ulong dsdt, AcpiPowerPorts power)
    {
        var body = new byte[Size - SystemDescriptionTable.HeaderSize];
        Span<byte> b = body;
        const int h = SystemDescriptionTable.HeaderSize;
        BinaryPrimitives.WriteUInt32LittleEndian(b[(40 - h)..], (uint)dsdt);
        b[45 - h] = 0; // Preferred PM profile: unspecified.
        BinaryPrimitives.WriteUInt16LittleEndian(b[(109 - h)..], BootArch8042 | BootArchNoVga);
        // Fixed buttons absent (no power/sleep button hardware), so guests do not wait for their events.
        BinaryPrimitives.WriteUInt32LittleEndian(b[(112 - h)..], FlagWbinvd | FlagPowerButton | FlagSleepButton | FlagResetRegister | FlagHardwareReduced);
        SystemDescriptionTable.WriteIoRegister(b[(116 - h)..], power.Reset, 8);
        b[128 - h] = power.ResetValue;
        b[131 - h] = 5; // FADT minor version: ACPI 6.5.
        BinaryPrimitives.WriteUInt64LittleEndian(b[(140 - h)..], dsdt);
        SystemDescriptionTable.WriteIoRegister(b[(244 - h)..], power.SleepControl, 8);
        SystemDescriptionTable.WriteIoRegister(b[(256 - h)..], power.SleepStatus, 8);
        Encoding.ASCII.GetBytes("NIDO VMM", b[(268 - h)..]); // Hypervisor vendor identity.
        return SystemDescriptionTable.Build("FACP", 6, body);
    }
}
