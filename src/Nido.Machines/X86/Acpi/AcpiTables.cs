using System.Buffers.Binary;
using System.Text;
using Nido.Hypervisor.Memory;

namespace Nido.Machines.X86.Acpi;

/// <summary>
/// Writes the machine's ACPI tables into the BIOS area, where guests that scan for the root pointer (and
/// Linux, told its address in boot_params or hvm_start_info) find them: the RSDP at 0xe0000, then RSDT and
/// XSDT (both, for 32-bit and ACPI 1.0 readers), FADT, MADT and DSDT, each 16-byte aligned.
/// </summary>
public static class AcpiTables
{
    public const ulong Rsdp = X86Layout.AcpiTables;
    private const int RsdpSize = 36;

    /// <summary>Writes the tables; returns the RSDP's address.</summary>
    public static ulong Write(GuestMemory memory, AcpiPlatform platform)
    {
        var at = Align(Rsdp + RsdpSize);
        ulong Place(byte[] table)
        {
            var address = at;
            if (address + (ulong)table.Length > X86Layout.HighMemory)
                throw new InvalidOperationException($"the ACPI tables do not fit below 1 MiB ({table.Length}-byte {Encoding.ASCII.GetString(table, 0, 4)})");
            memory.Write(address, table);
            at = Align(address + (ulong)table.Length);
            return address;
        }
        var dsdt = Place(Dsdt.Build(platform));
        var fadt = Place(Fadt.Build(dsdt, platform.Power));
        var madt = Place(Madt.Build(platform.Cpus, platform.IoApicId));
        ulong[] entries = [fadt, madt];
        var rsdt = Place(SystemDescriptionTable.Build("RSDT", 1, [.. entries.SelectMany(e => BitConverter.GetBytes((uint)e))]));
        var xsdt = Place(SystemDescriptionTable.Build("XSDT", 1, [.. entries.SelectMany(BitConverter.GetBytes)]));
        memory.Write(Rsdp, BuildRsdp(rsdt, xsdt));
        return Rsdp;
    }

    internal static byte[] BuildRsdp(ulong rsdt, ulong xsdt)
    {
        var rsdp = new byte[RsdpSize];
        Encoding.ASCII.GetBytes("RSD PTR ", rsdp);
        Encoding.ASCII.GetBytes(SystemDescriptionTable.OemId, rsdp.AsSpan(9, 6));
        rsdp[15] = 2; // ACPI 2.0+: the XSDT fields are valid.
        BinaryPrimitives.WriteUInt32LittleEndian(rsdp.AsSpan(16), (uint)rsdt);
        BinaryPrimitives.WriteUInt32LittleEndian(rsdp.AsSpan(20), RsdpSize);
        BinaryPrimitives.WriteUInt64LittleEndian(rsdp.AsSpan(24), xsdt);
        rsdp[8] = FirmwareChecksum.Of(rsdp.AsSpan(0, 20));
        rsdp[32] = FirmwareChecksum.Of(rsdp);
        return rsdp;
    }

    private static ulong Align(ulong address) => (address + 15) & ~15UL;
}
