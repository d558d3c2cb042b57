using Nido.Hypervisor.Memory;
using Nido.Machines.Boot;
using Nido.Machines.X86;

namespace Nido.Machines.Tests;

public sealed class PvhLoaderTests : IDisposable
{
    private readonly GuestMemory _memory = Ram.Create(fill: 0xcc);

    public void Dispose() => _memory.Dispose();

    private static byte[] Kernel(byte[] entryNote, bool is64 = true) => Elf.Build(is64, 0xffffffff81000000, is64 ? (ushort)62 : (ushort)3,
        new Seg(ElfImage.PtLoad, 0xffffffff81000000, 0x1000000, [0x90, 0x90, 0xf4], MemorySize: 0x2000),
        new Seg(ElfImage.PtNote, 0, 0, [.. Elf.Note("GNU", 3, new byte[20]), .. Elf.Note("Xen", PvhLoader.NotePhys32Entry, entryNote)]));

    [Fact]
    public void EntryComesFromTheXenNoteInFourOrEightBytes()
    {
        Assert.Equal(0x1000000UL, PvhLoader.FindEntry(Kernel([0, 0, 0, 1]), "k"));
        Assert.Equal(0x1000040UL, PvhLoader.FindEntry(Kernel([0x40, 0, 0, 1, 0, 0, 0, 0], is64: false), "k"));
        Assert.Null(PvhLoader.FindEntry(Elf.Build(true, 0x100000, 62, new Seg(ElfImage.PtLoad, 0x100000, 0x100000, [1])), "k"));
        Assert.Null(PvhLoader.FindEntry(new byte[] { 1, 2, 3, 4, 5 }, "k"));
        Assert.Contains("not 4 or 8", Assert.Throws<BootException>(() => PvhLoader.FindEntry(Kernel([1, 2]), "k")).Message);
    }

    [Fact]
    public void StartInfoHoldsCommandLineInitrdAndMemoryMap()
    {
        var initrd = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var entry = PvhLoader.Load(_memory, Kernel([0, 0, 0, 1]), "vmlinux", "console=ttyS0", initrd, "initrd.img");
        Assert.Equal(BootMode.Protected32, entry.Mode);
        Assert.Equal(0x1000000UL, entry.Rip);
        Assert.Equal(PvhLoader.StartInfo, entry.Rbx);
        Assert.Equal(PvhLoader.StartInfoMagic, _memory.Read<uint>(PvhLoader.StartInfo));
        Assert.Equal(1u, _memory.Read<uint>(PvhLoader.StartInfo + 4));
        Assert.Equal("console=ttyS0", _memory.ReadCString(_memory.Read<ulong>(PvhLoader.StartInfo + 24), 100));
        Assert.Equal(1u, _memory.Read<uint>(PvhLoader.StartInfo + 12));
        var module = _memory.Read<ulong>(PvhLoader.StartInfo + 16);
        var address = _memory.Read<ulong>(module);
        Assert.Equal(0UL, address & 0xfff);
        Assert.Equal(5000UL, _memory.Read<ulong>(module + 8));
        Assert.Equal(initrd, _memory.GetSpan(address, 5000).ToArray());
        var map = E820.For(_memory);
        Assert.Equal((uint)map.Length, _memory.Read<uint>(PvhLoader.StartInfo + 48));
        var table = _memory.Read<ulong>(PvhLoader.StartInfo + 40);
        for (var i = 0; i < map.Length; i++)
        {
            Assert.Equal(map[i].Start, _memory.Read<ulong>(table + (ulong)i * 24));
            Assert.Equal(map[i].Size, _memory.Read<ulong>(table + (ulong)i * 24 + 8));
            Assert.Equal((uint)map[i].Type, _memory.Read<uint>(table + (ulong)i * 24 + 16));
        }
        Assert.Equal(new byte[] { 0x90, 0x90, 0xf4, 0 }, _memory.GetSpan(0x1000000, 4).ToArray()); // bss zeroed.
    }

    [Fact]
    public void EntryOutsideMemoryOrAboveFourGiBIsRefused()
    {
        Assert.Contains("outside guest memory", Assert.Throws<BootException>(() => PvhLoader.Load(_memory, Kernel([0, 0, 0, 0x70]), "k", "", [], null)).Message);
        Assert.Contains("above 4 GiB", Assert.Throws<BootException>(() => PvhLoader.Load(_memory, Kernel([0, 0, 0, 0, 1, 0, 0, 0]), "k", "", [], null)).Message);
    }
}
