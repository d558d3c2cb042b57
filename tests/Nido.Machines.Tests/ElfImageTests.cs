using Nido.Machines.Boot;

namespace Nido.Machines.Tests;

public sealed class ElfImageTests
{
    private const string Name = "/boot/kernel.elf";

    private static byte[] Elf32() => Elf.Build(false, 0xc0100020, ElfImage.MachineX86,
        new Seg(ElfImage.PtLoad, 0xc0100000, 0x100000, [1, 2, 3, 4], 0x1000),
        new Seg(ElfImage.PtNote, 0, 0, Elf.Note("Xen", 18, [0x00, 0x00, 0x20, 0x00])),
        new Seg(ElfImage.PtLoad, 0xc0200000, 0x200000, new byte[16]));

    private static byte[] Elf64() => Elf.Build(true, 0xffffffff81000000, ElfImage.MachineX86_64,
        new Seg(ElfImage.PtLoad, 0xffffffff81000000, 0x1000000, new byte[64], 0x200000));

    private static BootException Refused(byte[] file)
    {
        var e = Assert.Throws<BootException>(() => ElfImage.Parse(file, Name));
        Assert.StartsWith(Name + ":", e.Message);
        return e;
    }

    [Fact]
    public void ParsesAnElf32Executable()
    {
        var file = Elf32();
        Assert.True(ElfImage.IsElf(file));
        var elf = ElfImage.Parse(file, Name);
        Assert.False(elf.Is64);
        Assert.Equal(ElfImage.MachineX86, elf.Machine);
        Assert.Equal(0xc0100020UL, elf.Entry);
        Assert.Equal(3, elf.Segments.Count);
        var load = elf.Segments[0];
        Assert.Equal(new ElfImage.Segment(ElfImage.PtLoad, 148, 0xc0100000, 0x100000, 4, 0x1000), load); // Data after 52 + 3 * 32 bytes of headers.
        Assert.Equal([1, 2, 3, 4], file[(int)load.FileOffset..][..4]);
        Assert.Equal(ElfImage.PtNote, elf.Segments[1].Type);
    }

    [Fact]
    public void ParsesAnElf64Executable()
    {
        var elf = ElfImage.Parse(Elf64(), Name);
        Assert.True(elf.Is64);
        Assert.Equal(ElfImage.MachineX86_64, elf.Machine);
        Assert.Equal(0xffffffff81000000UL, elf.Entry);
        Assert.Equal(new ElfImage.Segment(ElfImage.PtLoad, 120, 0xffffffff81000000, 0x1000000, 64, 0x200000), Assert.Single(elf.Segments));
    }

    [Fact]
    public void NotesAreReadFromEveryNoteSegment()
    {
        var file = Elf.Build(true, 0x100000, ElfImage.MachineX86_64,
            new Seg(ElfImage.PtLoad, 0x100000, 0x100000, new byte[8]),
            new Seg(ElfImage.PtNote, 0, 0, [.. Elf.Note("GNU", 3, [9, 9, 9, 9, 9]), .. Elf.Note("Xen", 18, [0x00, 0x00, 0x10, 0x00])]),
            new Seg(ElfImage.PtNote, 0, 0, Elf.Note("Linux", 7, [])));
        var notes = ElfImage.Parse(file, Name).Notes(file).ToList();
        Assert.Equal(["GNU", "Xen", "Linux"], notes.Select(n => n.Name));
        Assert.Equal([3u, 18u, 7u], notes.Select(n => n.Type));
        Assert.Equal([9, 9, 9, 9, 9], notes[0].Descriptor.ToArray()); // The 3-byte padding is not part of it.
        Assert.Equal(0x100000u, Elf.R32(notes[1].Descriptor.Span, 0));
        Assert.True(notes[2].Descriptor.IsEmpty);
    }

    [Fact]
    public void ATruncatedNoteEndsTheListWithoutThrowing()
    {
        var note = Elf.Note("Xen", 18, new byte[8]);
        Elf.W32(note, 4, 0x1000); // descsz beyond the segment.
        var file = Elf.Build(false, 0x100000, 3, new Seg(ElfImage.PtNote, 0, 0, [.. Elf.Note("A", 1, [1]), .. note]));
        Assert.Equal(["A"], ElfImage.Parse(file, Name).Notes(file).Select(n => n.Name));
    }

    [Fact]
    public void ToPhysicalGoesThroughTheLoadSegmentThatMapsTheAddress()
    {
        var elf = ElfImage.Parse(Elf32(), Name);
        Assert.Equal(0x100020UL, elf.ToPhysical(0xc0100020));
        Assert.Equal(0x100fffUL, elf.ToPhysical(0xc0100fff)); // Inside memsz though beyond filesz (.bss).
        Assert.Null(elf.ToPhysical(0xc0101000));
        Assert.Equal(0x20000fUL, elf.ToPhysical(0xc020000f));
        Assert.Null(elf.ToPhysical(0)); // The note segment maps nothing.
        Assert.Equal(0x1000000UL, ElfImage.Parse(Elf64(), Name).ToPhysical(0xffffffff81000000));
    }

    [Fact]
    public void NotElfIsRefused()
    {
        Assert.False(ElfImage.IsElf([0x7f, (byte)'E', (byte)'L']));
        Assert.Contains("not an ELF file", Refused(new byte[64]).Message);
        var f = Elf32();
        Assert.Contains("not an ELF file", Refused(f[..51]).Message); // Shorter than a header.
        f[3] = (byte)'G';
        Assert.Contains("not an ELF file", Refused(f).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void UnknownClassIsRefused(byte elfClass)
    {
        var f = Elf32();
        f[4] = elfClass;
        Assert.Contains($"class {elfClass}", Refused(f).Message);
    }

    [Fact]
    public void BigEndianIsRefused()
    {
        var f = Elf64();
        f[5] = 2;
        Assert.Contains("big-endian", Refused(f).Message);
    }

    [Fact]
    public void Elf64ShorterThanItsHeaderIsRefused()
    {
        var f = Elf64();
        Assert.Contains("truncated", Refused(f[..60]).Message);
    }

    [Theory]
    [InlineData(3)] // ET_DYN: a PIE or shared object.
    [InlineData(1)] // ET_REL.
    public void NonExecutableTypesAreRefused(ushort type)
    {
        var f = Elf32();
        Elf.W16(f, 16, type);
        Assert.Contains($"ELF type {type}", Refused(f).Message);
    }

    [Fact]
    public void NoProgramHeadersIsRefused()
    {
        var f = Elf32();
        Elf.W16(f, 44, 0);
        Assert.Contains("no program headers", Refused(f).Message);
    }

    [Theory]
    [InlineData(false, 28, 0x7fffffffu)]  // e_phoff beyond the file.
    [InlineData(false, 28, 100u)]         // e_phoff leaves too little room for three headers.
    [InlineData(false, 44, 0xffffu)]      // e_phnum too large.
    [InlineData(false, 42, 16u)]          // e_phentsize smaller than a program header.
    [InlineData(true, 32, 0xffffffffffffff00UL)] // phoff + size wraps.
    public void ProgramHeadersOutsideTheFileAreRefused(bool is64, int field, ulong value)
    {
        var f = is64 ? Elf64() : Elf32();
        if (field is 42 or 44) Elf.W16(f, field, (ushort)value);
        else if (is64) Elf.W64(f, field, value);
        else Elf.W32(f, field, (uint)value);
        Assert.Contains("program headers lie outside the file", Refused(f).Message);
    }

    [Theory]
    [InlineData(false, 0, 4, 0x10000u)]    // p_offset beyond the file.
    [InlineData(false, 0, 16, 0x10000u)]   // p_filesz beyond the file.
    [InlineData(false, 1, 16, 0x10000u)]   // A note segment is checked too.
    [InlineData(true, 0, 8, ulong.MaxValue)] // Offset + size would wrap.
    [InlineData(true, 0, 32, ulong.MaxValue)]
    public void SegmentsOutsideTheFileAreRefused(bool is64, int segment, int field, ulong value)
    {
        var f = is64 ? Elf64() : Elf32();
        if (is64) Elf.W64(f, Elf.Ph(true, segment, field), value);
        else Elf.W32(f, Elf.Ph(false, segment, field), (uint)value);
        Assert.Contains($"segment {segment} lies outside the file", Refused(f).Message);
    }

    [Fact]
    public void OtherSegmentTypesAreNotCheckedAgainstTheFile()
    {
        var f = Elf.Build(false, 0x100000, 3, new Seg(ElfImage.PtLoad, 0x100000, 0x100000, [1]), new Seg(0x6474e551, 0, 0, [])); // PT_GNU_STACK.
        Elf.W32(f, Elf.Ph(false, 1, 4), 0xffffff00);
        Assert.Equal(2, ElfImage.Parse(f, Name).Segments.Count);
    }

    [Fact]
    public void FileSizeAboveMemorySizeIsRefused()
    {
        var f = Elf32();
        Elf.W32(f, Elf.Ph(false, 2, 20), 15); // memsz 15 < filesz 16.
        Assert.Contains("segment 2 has a file size above its memory size", Refused(f).Message);
    }
}
