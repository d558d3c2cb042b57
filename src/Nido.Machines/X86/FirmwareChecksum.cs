namespace Nido.Machines.X86;

/// <summary>The checksum byte of BIOS-era tables (MP floating pointer and configuration table, ACPI RSDP and tables).</summary>
public static class FirmwareChecksum
{
    /// <summary>The byte that makes the sum of <paramref name="bytes"/> (with it as zero) zero.</summary>
    public static byte Of(ReadOnlySpan<byte> bytes)
    {
        byte sum = 0;
        foreach (var b in bytes) sum += b;
        return (byte)-sum;
    }
}
