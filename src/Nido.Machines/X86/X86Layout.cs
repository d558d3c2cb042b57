namespace Nido.Machines.X86;

/// <summary>
/// Where the x86 machine puts things in guest-physical memory. Low memory follows a PC (real-mode IVT and BDA,
/// EBDA below 640 KiB, BIOS area up to 1 MiB); RAM above 3 GiB moves above 4 GiB to leave room for the
/// I/O APIC, the local APIC and device MMIO.
/// </summary>
public static class X86Layout
{
    public const ulong Gdt = 0x500, Idt = 0x520;
    public const ulong MultibootInfo = 0x6000, ZeroPage = 0x7000;
    public const ulong Pml4 = 0x9000, Pdpt = 0xa000, PageDirectories = 0xb000; // Four page directories: 4 GiB of 2 MiB pages.
    public const ulong BootStack = 0x8ff0;
    public const ulong CommandLine = 0x20000, CommandLineMax = 0x10000;
    public const ulong Ebda = 0x9fc00, BaseMemoryEnd = 0xa0000, BiosStart = 0xe0000, HighMemory = 0x100000;
    /// <summary>The ACPI root pointer and tables: the start of the BIOS area, where guests scan for "RSD PTR ".</summary>
    public const ulong AcpiTables = BiosStart;
    public const ulong MmioGapStart = 0xc000_0000, MmioGapEnd = 0x1_0000_0000;
    public const ulong IoApic = 0xfec0_0000, LocalApic = 0xfee0_0000;
    /// <summary>Where device MMIO windows (virtio, PCI BARs) start inside the gap.</summary>
    public const ulong DeviceMmio = 0xd000_0000;

    /// <summary>The RAM ranges for a guest of <paramref name="size"/> bytes: below the gap, then above 4 GiB.</summary>
    public static IReadOnlyList<(ulong Start, ulong Size)> RamRanges(ulong size)
    {
        if (size <= MmioGapStart) return [(0, size)];
        return [(0, MmioGapStart), (MmioGapEnd, size - MmioGapStart)];
    }
}
