using System.Buffers.Binary;

namespace Nido.Machines.X86.Acpi;

/// <summary>
/// A _CRS resource template (ACPI 6.5 §6.4): I/O port ranges, fixed 32-bit memory ranges and extended
/// interrupts, closed by the end tag, as the AML buffer the guest's resource parser reads.
/// </summary>
public sealed class ResourceTemplate
{
    private readonly List<byte> _bytes = [];

    /// <summary>I/O port descriptor, 16-bit decode, at a fixed base.</summary>
    public ResourceTemplate Io(ushort port, byte length)
    {
        _bytes.AddRange([0x47, 0x01, (byte)port, (byte)(port >> 8), (byte)port, (byte)(port >> 8), 0x01, length]);
        return this;
    }

    /// <summary>Memory32Fixed descriptor, read-write.</summary>
    public ResourceTemplate Memory32Fixed(uint address, uint length)
    {
        Span<byte> d = stackalloc byte[12];
        d[0] = 0x86;
        BinaryPrimitives.WriteUInt16LittleEndian(d[1..], 9);
        d[3] = 0x01;
        BinaryPrimitives.WriteUInt32LittleEndian(d[4..], address);
        BinaryPrimitives.WriteUInt32LittleEndian(d[8..], length);
        _bytes.AddRange(d);
        return this;
    }

    /// <summary>Extended interrupt descriptor: one GSI, consumed by the device, active-high, exclusive.</summary>
    public ResourceTemplate Interrupt(uint gsi, bool edge)
    {
        Span<byte> d = stackalloc byte[9];
        d[0] = 0x89;
        BinaryPrimitives.WriteUInt16LittleEndian(d[1..], 6);
        d[3] = (byte)(0x01 | (edge ? 0x02 : 0)); // Consumer; edge or level; active-high; exclusive.
        d[4] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(d[5..], gsi);
        _bytes.AddRange(d);
        return this;
    }

    /// <summary>The template as an AML Buffer, end tag included (checksum 0: "treat as valid").</summary>
    public byte[] ToAml() => Aml.Buffer([.. _bytes, 0x79, 0x00]);
}
