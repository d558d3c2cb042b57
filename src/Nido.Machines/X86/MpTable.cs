using System.Buffers.Binary;
using System.Text;
using Nido.Hypervisor.Memory;

namespace Nido.Machines.X86;

/// <summary>
/// The Intel MultiProcessor Specification 1.4 tables that tell a guest how many CPUs there are and how ISA
/// interrupts reach the I/O APIC: a floating pointer and a configuration table in the EBDA, whose segment the
/// BIOS data area names, so guests that scan for "_MP_" find them.
/// </summary>
public static class MpTable
{
    public const int MaxIsaIrqs = 16;
    private const byte ApicVersion = 0x14, IoApicVersion = 0x11;

    /// <summary>The I/O APIC's id: the first after the vCPUs' local APIC ids (the MADT uses the same).</summary>
    public static byte IoApicId(int cpus) => (byte)cpus;

    /// <summary>Size of the tables for <paramref name="cpus"/> processors (they must fit in the 1 KiB EBDA).</summary>
    public static int Size(int cpus) => 16 + 44 + 20 * cpus + 8 + 8 + 8 * MaxIsaIrqs + 8 * 2;

    public static void Write(GuestMemory memory, int cpus)
    {
        var size = Size(cpus);
        if (size > (int)(X86Layout.BaseMemoryEnd - X86Layout.Ebda))
            throw new ArgumentOutOfRangeException(nameof(cpus), $"an MP table for {cpus} vCPUs does not fit in the EBDA");
        var table = new byte[size];
        var config = table.AsSpan(16);
        var at = 44;
        ushort entries = 0;
        for (var cpu = 0; cpu < cpus; cpu++, entries++, at += 20)
        {
            var e = config.Slice(at, 20);
            e[0] = 0; // Processor.
            e[1] = (byte)cpu;
            e[2] = ApicVersion;
            e[3] = (byte)(1 | (cpu == 0 ? 2 : 0)); // Enabled; the first is the bootstrap processor.
            BinaryPrimitives.WriteUInt32LittleEndian(e[4..], 0x600); // Family 6.
            BinaryPrimitives.WriteUInt32LittleEndian(e[8..], 0x201); // FPU and APIC present.
        }
        config[at] = 1; // Bus 0: ISA.
        config[at + 1] = 0;
        Encoding.ASCII.GetBytes("ISA   ", config.Slice(at + 2, 6));
        at += 8;
        entries++;
        var ioApicId = IoApicId(cpus);
        config[at] = 2; // I/O APIC.
        config[at + 1] = ioApicId;
        config[at + 2] = IoApicVersion;
        config[at + 3] = 1; // Enabled.
        BinaryPrimitives.WriteUInt32LittleEndian(config[(at + 4)..], (uint)X86Layout.IoApic);
        at += 8;
        entries++;
        // ISA IRQ n on I/O APIC pin n (KVM's default routing), conforming polarity and trigger.
        for (var irq = 0; irq < MaxIsaIrqs; irq++, at += 8, entries++)
        {
            config[at] = 3;
            config[at + 1] = 0; // INT.
            config[at + 4] = 0; // Bus 0.
            config[at + 5] = (byte)irq;
            config[at + 6] = ioApicId;
            config[at + 7] = (byte)irq;
        }
        // Local interrupts: ExtINT (the 8259) on LINT0 and NMI on LINT1 of every CPU.
        for (var lint = 0; lint < 2; lint++, at += 8, entries++)
        {
            config[at] = 4;
            config[at + 1] = (byte)(lint == 0 ? 3 : 1);
            config[at + 6] = 0xff;
            config[at + 7] = (byte)lint;
        }
        Encoding.ASCII.GetBytes("PCMP", config);
        BinaryPrimitives.WriteUInt16LittleEndian(config[4..], (ushort)at);
        config[6] = 4; // Spec revision 1.4.
        Encoding.ASCII.GetBytes("NIDO    ", config.Slice(8, 8));
        Encoding.ASCII.GetBytes("NIDO VM     ", config.Slice(16, 12));
        BinaryPrimitives.WriteUInt16LittleEndian(config[34..], entries);
        BinaryPrimitives.WriteUInt32LittleEndian(config[36..], (uint)X86Layout.LocalApic);
        config[7] = FirmwareChecksum.Of(config[..at]);

        var pointer = table.AsSpan(0, 16);
        Encoding.ASCII.GetBytes("_MP_", pointer);
        BinaryPrimitives.WriteUInt32LittleEndian(pointer[4..], (uint)X86Layout.Ebda + 16);
        pointer[8] = 1; // Length in 16-byte units.
        pointer[9] = 4;
        pointer[10] = FirmwareChecksum.Of(pointer);
        memory.Write(X86Layout.Ebda, table);
        // BIOS data area: the EBDA segment at 0x40e and base memory in KiB at 0x413.
        memory.Write<ushort>(0x40e, (ushort)(X86Layout.Ebda >> 4));
        memory.Write<ushort>(0x413, (ushort)(X86Layout.Ebda >> 10));
    }
}
