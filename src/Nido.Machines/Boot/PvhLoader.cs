using static Nido.Machines.Boot.LittleEndian;
using Nido.Hypervisor.Memory;
using Nido.Machines.X86;

namespace Nido.Machines.Boot;

/// <summary>
/// The PVH boot protocol (Xen's x86/HVM direct boot, which Linux, FreeBSD and QEMU's -kernel use for an
/// ELF vmlinux): the ELF note XEN_ELFNOTE_PHYS32_ENTRY names a 32-bit entry; the kernel starts in flat
/// protected mode without paging, EBX pointing at an hvm_start_info (version 1: command line, modules,
/// memory map). The initrd is module 0, at the top of low RAM.
/// </summary>
public static class PvhLoader
{
    public const uint StartInfoMagic = 0x336ec578;
    public const uint NotePhys32Entry = 18;
    // Inside the boot-data page below 1 MiB: start_info, one module entry, then the memory map.
    public const ulong StartInfo = 0x6000, ModuleList = 0x6040, MemoryMap = 0x6080;
    private const int StartInfoSize = 56, MemoryMapEntrySize = 24, MaxMemoryMapEntries = 64;

    /// <summary>The PVH entry of an ELF kernel, or null when it is not ELF or has no such note.</summary>
    public static ulong? FindEntry(ReadOnlyMemory<byte> kernel, string name)
    {
        if (!ElfImage.IsElf(kernel.Span)) return null;
        var elf = ElfImage.Parse(kernel.Span, name);
        foreach (var note in elf.Notes(kernel))
        {
            if (note.Name != "Xen" || note.Type != NotePhys32Entry) continue;
            return note.Descriptor.Length switch
            {
                4 => U32(note.Descriptor.Span, 0),
                8 => U64(note.Descriptor.Span, 0),
                _ => throw new BootException($"{name}: the Xen PHYS32_ENTRY note has {note.Descriptor.Length} bytes, not 4 or 8"),
            };
        }
        return null;
    }

    public static BootEntry Load(GuestMemory memory, ReadOnlyMemory<byte> kernel, string name, string commandLine, ReadOnlySpan<byte> initrd, string? initrdName, ulong acpiRsdp = 0)
    {
        var entry = FindEntry(kernel, name) ?? throw new BootException($"{name}: no PVH entry note (Xen ELF note {NotePhys32Entry})");
        if (entry >= 1UL << 32) throw new BootException($"{name}: PVH entry 0x{entry:x} is above 4 GiB");
        var (_, kernelEnd) = MultibootLoader.LoadElf(memory, kernel.Span, name);
        if (!memory.Contains(entry, 1)) throw new BootException($"{name}: PVH entry 0x{entry:x} is outside guest memory");

        var info = new byte[StartInfoSize];
        W32(info, 0, StartInfoMagic);
        W32(info, 4, 1);
        var cmdline = System.Text.Encoding.UTF8.GetBytes(commandLine);
        if ((ulong)cmdline.Length >= X86Layout.CommandLineMax) throw new BootException($"command line of {cmdline.Length} bytes is longer than {X86Layout.CommandLineMax - 1}");
        memory.Write(X86Layout.CommandLine, cmdline);
        memory.Write(X86Layout.CommandLine + (ulong)cmdline.Length, (byte)0);
        W64(info, 24, X86Layout.CommandLine);
        W64(info, 32, acpiRsdp);

        if (!initrd.IsEmpty)
        {
            var size = (ulong)initrd.Length;
            var address = LinuxLoader.PlaceInitrdBelow(memory, ulong.MaxValue, size, kernelEnd, initrdName);
            memory.Write(address, initrd);
            memory.Write(ModuleList, address);
            memory.Write(ModuleList + 8, size);
            memory.Write(ModuleList + 16, 0UL);
            memory.Write(ModuleList + 24, 0UL);
            W32(info, 12, 1);
            W64(info, 16, ModuleList);
        }

        var map = E820.For(memory);
        if (map.Length > MaxMemoryMapEntries) throw new BootException($"memory map of {map.Length} entries does not fit the boot-data page");
        for (var i = 0; i < map.Length; i++)
        {
            var at = MemoryMap + (ulong)(i * MemoryMapEntrySize);
            memory.Write(at, map[i].Start);
            memory.Write(at + 8, map[i].Size);
            memory.Write(at + 16, (uint)map[i].Type);
            memory.Write(at + 20, 0u);
        }
        W64(info, 40, MemoryMap);
        W32(info, 48, (uint)map.Length);
        memory.Write(StartInfo, info);
        return new BootEntry(BootMode.Protected32, entry, Rbx: StartInfo);
    }
}
