using System.Buffers.Binary;

namespace Nido.Machines.X86.Acpi;

/// <summary>
/// The Multiple APIC Description Table: one enabled local APIC per vCPU (processor UID = APIC id = index),
/// the I/O APIC with GSI base 0, and LINT1 as NMI on every CPU. ISA IRQs map 1:1 to GSIs as KVM routes them,
/// so there are no interrupt source overrides; the 8259s exist (PCAT_COMPAT) and the guest masks them.
/// </summary>
public static class Madt
{
    private const uint PcatCompat = 1;

    public static byte[] Build(int cpus, byte ioApicId)
    {
        var body = new List<byte>();
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(head, (uint)X86Layout.LocalApic);
        BinaryPrimitives.WriteUInt32LittleEndian(head[4..], PcatCompat);
        body.AddRange(head);
        for (var cpu = 0; cpu < cpus; cpu++)
            body.AddRange([0, 8, (byte)cpu, (byte)cpu, 1, 0, 0, 0]); // Processor local APIC, enabled.
        Span<byte> ioApic = stackalloc byte[12];
        ioApic[0] = 1;
        ioApic[1] = 12;
        ioApic[2] = ioApicId;
        BinaryPrimitives.WriteUInt32LittleEndian(ioApic[4..], (uint)X86Layout.IoApic);
        BinaryPrimitives.WriteUInt32LittleEndian(ioApic[8..], 0);
        body.AddRange(ioApic);
        body.AddRange([4, 6, 0xff, 0, 0, 1]); // Local APIC NMI: all processors, conforming, LINT1.
        return SystemDescriptionTable.Build("APIC", 5, [.. body]);
    }
}
