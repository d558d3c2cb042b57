using System.Buffers.Binary;
using System.Text;

namespace Nido.Machines.X86.Acpi;

/// <summary>The 36-byte header every ACPI system description table starts with, and the checksum over it all.</summary>
public static class SystemDescriptionTable
{
    public const int HeaderSize = 36;
    public const string OemId = "NIDO  ", CreatorId = "NIDO";
    public const uint OemRevision = 1, CreatorRevision = 1;

    /// <summary>A complete table: header for <paramref name="signature"/> followed by <paramref name="body"/>, checksummed.</summary>
    public static byte[] Build(string signature, byte revision, ReadOnlySpan<byte> body)
    {
        var table = new byte[HeaderSize + body.Length];
        Encoding.ASCII.GetBytes(signature, table.AsSpan(0, 4));
        BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(4), (uint)table.Length);
        table[8] = revision;
        Encoding.ASCII.GetBytes(OemId, table.AsSpan(10, 6));
        // The OEM table id names the table, as firmware conventionally does ("NIDOFACP").
        Encoding.ASCII.GetBytes("NIDO" + signature, table.AsSpan(16, 8));
        BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(24), OemRevision);
        Encoding.ASCII.GetBytes(CreatorId, table.AsSpan(28, 4));
        BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(32), CreatorRevision);
        body.CopyTo(table.AsSpan(HeaderSize));
        table[9] = FirmwareChecksum.Of(table);
        return table;
    }

    /// <summary>A Generic Address Structure for an I/O port register of <paramref name="bits"/> bits, byte access.</summary>
    public static void WriteIoRegister(Span<byte> gas, ushort port, byte bits)
    {
        gas[0] = 1; // System I/O space.
        gas[1] = bits;
        gas[2] = 0;
        gas[3] = 1; // Byte access.
        BinaryPrimitives.WriteUInt64LittleEndian(gas[4..], port);
    }
}
