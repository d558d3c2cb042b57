using static Nido.Machines.Boot.LittleEndian;

namespace Nido.Machines.Boot;

/// <summary>
/// The parts of an ELF executable a loader needs: class, machine, entry, program headers and notes. Every
/// offset and size is checked against the file, since kernels are user input.
/// </summary>
public sealed class ElfImage
{
    public const uint PtLoad = 1, PtNote = 4;
    public const ushort MachineX86 = 3, MachineX86_64 = 62, MachineRiscV = 243;

    public sealed record Segment(uint Type, ulong FileOffset, ulong VirtualAddress, ulong PhysicalAddress, ulong FileSize, ulong MemorySize);

    public sealed record Note(string Name, uint Type, ReadOnlyMemory<byte> Descriptor);

    private ElfImage(bool is64, ushort machine, ulong entry, Segment[] segments)
    {
        Is64 = is64;
        Machine = machine;
        Entry = entry;
        Segments = segments;
    }

    public bool Is64 { get; }

    public ushort Machine { get; }

    public ulong Entry { get; }

    public IReadOnlyList<Segment> Segments { get; }

    public static bool IsElf(ReadOnlySpan<byte> file) => file.Length >= 4 && file[0] == 0x7f && file[1] == 'E' && file[2] == 'L' && file[3] == 'F';

    public static ElfImage Parse(ReadOnlySpan<byte> file, string name)
    {
        if (file.Length < 52 || !IsElf(file)) throw new BootException($"{name}: not an ELF file");
        var is64 = file[4] switch
        {
            1 => false,
            2 => true,
            _ => throw new BootException($"{name}: unknown ELF class {file[4]}"),
        };
        if (file[5] != 1) throw new BootException($"{name}: big-endian ELF is not supported");
        if (is64 && file.Length < 64) throw new BootException($"{name}: truncated ELF header");
        var type = U16(file, 16);
        if (type != 2) throw new BootException($"{name}: ELF type {type} is not an executable (ET_EXEC)");
        var machine = U16(file, 18);
        ulong entry, phoff;
        int phentsize, phnum;
        if (is64) { entry = U64(file, 24); phoff = U64(file, 32); phentsize = U16(file, 54); phnum = U16(file, 56); }
        else { entry = U32(file, 24); phoff = U32(file, 28); phentsize = U16(file, 42); phnum = U16(file, 44); }
        var need = is64 ? 56 : 32;
        if (phnum == 0) throw new BootException($"{name}: ELF has no program headers");
        if (phentsize < need || phoff > (ulong)file.Length || (ulong)phentsize * (ulong)phnum > (ulong)file.Length - phoff)
            throw new BootException($"{name}: ELF program headers lie outside the file");
        var segments = new Segment[phnum];
        for (var i = 0; i < phnum; i++)
        {
            var h = file.Slice((int)phoff + i * phentsize, need);
            var s = is64
                ? new Segment(U32(h, 0), U64(h, 8), U64(h, 16), U64(h, 24), U64(h, 32), U64(h, 40))
                : new Segment(U32(h, 0), U32(h, 4), U32(h, 8), U32(h, 12), U32(h, 16), U32(h, 20));
            if (s.Type is PtLoad or PtNote && (s.FileOffset > (ulong)file.Length || s.FileSize > (ulong)file.Length - s.FileOffset))
                throw new BootException($"{name}: ELF segment {i} lies outside the file");
            if (s.Type == PtLoad && s.FileSize > s.MemorySize)
                throw new BootException($"{name}: ELF segment {i} has a file size above its memory size");
            segments[i] = s;
        }
        return new ElfImage(is64, machine, entry, segments);
    }

    /// <summary>The notes of every PT_NOTE segment (for the PVH entry point and similar).</summary>
    public IEnumerable<Note> Notes(ReadOnlyMemory<byte> file)
    {
        foreach (var s in Segments.Where(s => s.Type == PtNote))
        {
            var data = file.Slice((int)s.FileOffset, (int)s.FileSize);
            var at = 0;
            while (at + 12 <= data.Length)
            {
                var span = data.Span;
                var nameSize = (int)U32(span, at);
                var descSize = (int)U32(span, at + 4);
                var type = U32(span, at + 8);
                var nameAt = at + 12;
                if (nameSize < 0 || descSize < 0 || nameSize > data.Length - nameAt) yield break;
                var descAt = nameAt + Align4(nameSize);
                if (descAt > data.Length || descSize > data.Length - descAt) yield break;
                var noteName = System.Text.Encoding.ASCII.GetString(span.Slice(nameAt, nameSize)).TrimEnd('\0');
                yield return new Note(noteName, type, data.Slice(descAt, descSize));
                at = descAt + Align4(descSize);
            }
        }
    }

    /// <summary>The physical address of a virtual one, through the PT_LOAD segment that maps it.</summary>
    public ulong? ToPhysical(ulong virtualAddress)
    {
        foreach (var s in Segments.Where(s => s.Type == PtLoad))
            if (virtualAddress >= s.VirtualAddress && virtualAddress - s.VirtualAddress < Math.Max(s.MemorySize, 1))
                return s.PhysicalAddress + (virtualAddress - s.VirtualAddress);
        return null;
    }

    private static int Align4(int n) => (n + 3) & ~3;
}
