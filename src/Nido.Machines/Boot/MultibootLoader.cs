using static Nido.Machines.Boot.LittleEndian;
using System.Text;
using Nido.Hypervisor.Memory;
using Nido.Machines.X86;

namespace Nido.Machines.Boot;

/// <summary>A Multiboot module: its bytes and the string the kernel sees (path and arguments).</summary>
public sealed record BootModule(ReadOnlyMemory<byte> Data, string CommandLine);

/// <summary>
/// Multiboot (v1, 0.6.96): finds the header in the first 8 KiB, loads the ELF program headers (or the a.out
/// kludge's addresses), places modules page-aligned after the kernel, and builds the info block with memory
/// sizes, the command line, modules, the memory map and the loader's name. The kernel starts in 32-bit
/// protected mode with EAX = 0x2BADB002 and EBX = the info block.
/// </summary>
public static class MultibootLoader
{
    public const uint HeaderMagic = 0x1BADB002, BootMagic = 0x2BADB002;
    private const uint FlagAlignModules = 1, FlagMemoryInfo = 2, FlagVideo = 4, FlagAddresses = 1u << 16;
    private const uint InfoMemory = 1, InfoCmdline = 4, InfoModules = 8, InfoMmap = 0x40, InfoLoaderName = 0x200;
    private const int SearchLimit = 8192, InfoSize = 116;
    private const ulong MmapArea = X86Layout.MultibootInfo + 0x100, ModuleArea = X86Layout.MultibootInfo + 0x600, ModuleAreaEnd = X86Layout.ZeroPage;

    /// <summary>Where the header sits, or -1: a 4-byte aligned magic whose checksum holds.</summary>
    public static int FindHeader(ReadOnlySpan<byte> kernel)
    {
        var limit = Math.Min(kernel.Length, SearchLimit) - 12;
        for (var at = 0; at <= limit; at += 4)
        {
            var magic = U32(kernel, at);
            if (magic == HeaderMagic && unchecked(magic + U32(kernel, at + 4) + U32(kernel, at + 8)) == 0) return at;
        }
        return -1;
    }

    public static BootEntry Load(GuestMemory memory, ReadOnlySpan<byte> kernel, string kernelName, string commandLine, IReadOnlyList<BootModule> modules)
    {
        var header = FindHeader(kernel);
        if (header < 0) throw new BootException($"{kernelName}: no Multiboot header in the first 8 KiB");
        var flags = U32(kernel, header + 4);
        var unsupported = flags & 0xffff & ~(FlagAlignModules | FlagMemoryInfo | FlagVideo);
        if (unsupported != 0)
            throw new BootException($"{kernelName}: the Multiboot header requires feature bits 0x{unsupported:x} that Nido does not provide");

        var (entry, kernelEnd) = (flags & FlagAddresses) != 0 && !ElfImage.IsElf(kernel)
            ? LoadAddresses(memory, kernel, kernelName, header)
            : LoadElf(memory, kernel, kernelName);

        var strings = new StringArea(memory);
        var info = new byte[InfoSize];
        var infoFlags = InfoMemory | InfoCmdline | InfoMmap | InfoLoaderName;
        W32(info, 4, (uint)(X86Layout.Ebda >> 10));
        W32(info, 8, (uint)Math.Min(uint.MaxValue, E820.ContiguousAboveOneMiB(memory) >> 10));
        W32(info, 16, strings.Add(commandLine.Length == 0 ? kernelName : $"{kernelName} {commandLine}"));
        W32(info, 64, strings.Add("nido"));

        if (modules.Count > 0)
        {
            if ((ulong)modules.Count * 16 > ModuleAreaEnd - ModuleArea)
                throw new BootException($"{kernelName}: too many Multiboot modules ({modules.Count})");
            var next = Align(kernelEnd, 4096);
            for (var i = 0; i < modules.Count; i++)
            {
                var module = modules[i];
                var start = next;
                var end = start + (ulong)module.Data.Length;
                if (end > uint.MaxValue || !memory.Contains(start, (ulong)module.Data.Length))
                    throw new BootException($"module {i} ({module.CommandLine}): {module.Data.Length} bytes do not fit in guest memory after the kernel");
                memory.Write(start, module.Data.Span);
                var e = ModuleArea + (ulong)i * 16;
                memory.Write(e, (uint)start);
                memory.Write(e + 4, (uint)end);
                memory.Write(e + 8, strings.Add(module.CommandLine));
                memory.Write(e + 12, 0u);
                next = Align(end, 4096);
            }
            infoFlags |= InfoModules;
            W32(info, 20, (uint)modules.Count);
            W32(info, 24, (uint)ModuleArea);
        }

        var mmap = E820.For(memory);
        for (var i = 0; i < mmap.Length; i++)
        {
            var e = MmapArea + (ulong)i * 24;
            memory.Write(e, 20u); // Size of the entry, not counting this field.
            memory.Write(e + 4, mmap[i].Start);
            memory.Write(e + 12, mmap[i].Size);
            memory.Write(e + 20, (uint)mmap[i].Type);
        }
        W32(info, 44, (uint)(mmap.Length * 24));
        W32(info, 48, (uint)MmapArea);
        W32(info, 0, infoFlags);
        memory.Write(X86Layout.MultibootInfo, info);
        return new BootEntry(BootMode.Protected32, entry, Rax: BootMagic, Rbx: X86Layout.MultibootInfo);
    }

    /// <summary>Loads every PT_LOAD segment at its physical address (above 1 MiB); returns the physical entry and the end.</summary>
    internal static (ulong Entry, ulong End) LoadElf(GuestMemory memory, ReadOnlySpan<byte> kernel, string name)
    {
        var elf = ElfImage.Parse(kernel, name);
        if (elf.Machine is not (ElfImage.MachineX86 or ElfImage.MachineX86_64))
            throw new BootException($"{name}: ELF machine {elf.Machine} is not x86");
        ulong end = 0;
        foreach (var s in elf.Segments.Where(s => s.Type == ElfImage.PtLoad && s.MemorySize > 0))
        {
            Place(memory, name, s.PhysicalAddress, s.MemorySize);
            memory.Write(s.PhysicalAddress, kernel.Slice((int)s.FileOffset, (int)s.FileSize));
            memory.GetSpan(s.PhysicalAddress + s.FileSize, (int)(s.MemorySize - s.FileSize)).Clear();
            end = Math.Max(end, s.PhysicalAddress + s.MemorySize);
        }
        if (end == 0) throw new BootException($"{name}: ELF has no loadable segment");
        var entry = elf.ToPhysical(elf.Entry) ?? elf.Entry;
        if (entry >= 1UL << 32) throw new BootException($"{name}: entry point 0x{entry:x} is above 4 GiB");
        return (entry, end);
    }

    // The a.out kludge: the header's own fields say where the file goes.
    private static (ulong Entry, ulong End) LoadAddresses(GuestMemory memory, ReadOnlySpan<byte> kernel, string name, int header)
    {
        if (header + 32 > kernel.Length) throw new BootException($"{name}: truncated Multiboot header");
        uint headerAddr = U32(kernel, header + 12), loadAddr = U32(kernel, header + 16), loadEnd = U32(kernel, header + 20);
        uint bssEnd = U32(kernel, header + 24), entry = U32(kernel, header + 28);
        if (loadAddr > headerAddr || headerAddr - loadAddr > (uint)header)
            throw new BootException($"{name}: Multiboot load_addr 0x{loadAddr:x} and header_addr 0x{headerAddr:x} disagree with the file");
        var fileOffset = header - (int)(headerAddr - loadAddr);
        var length = loadEnd == 0 ? (ulong)(kernel.Length - fileOffset) : (ulong)loadEnd - loadAddr;
        if (loadEnd != 0 && (loadEnd < loadAddr || length > (ulong)(kernel.Length - fileOffset)))
            throw new BootException($"{name}: Multiboot load_end_addr 0x{loadEnd:x} lies outside the file");
        var end = Math.Max((ulong)loadAddr + length, bssEnd);
        Place(memory, name, loadAddr, end - loadAddr);
        memory.Write(loadAddr, kernel.Slice(fileOffset, (int)length));
        memory.GetSpan(loadAddr + length, (int)(end - loadAddr - length)).Clear();
        return (entry, end);
    }

    private static void Place(GuestMemory memory, string name, ulong address, ulong size)
    {
        if (address < X86Layout.HighMemory)
            throw new BootException($"{name}: a segment at 0x{address:x} lies below 1 MiB, where Nido keeps the boot data");
        if (size > int.MaxValue || !memory.Contains(address, size))
            throw new BootException($"{name}: a segment at 0x{address:x} of {size} bytes does not fit in guest memory");
    }

    private static ulong Align(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);

    /// <summary>NUL-terminated strings packed into the command-line area.</summary>
    private sealed class StringArea(GuestMemory memory)
    {
        private ulong _next = X86Layout.CommandLine;

        public uint Add(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text + "\0");
            if (_next + (ulong)bytes.Length > X86Layout.CommandLine + X86Layout.CommandLineMax)
                throw new BootException($"command line and module strings exceed {X86Layout.CommandLineMax} bytes");
            var at = _next;
            memory.Write(at, bytes);
            _next += (ulong)bytes.Length;
            return (uint)at;
        }
    }
}
