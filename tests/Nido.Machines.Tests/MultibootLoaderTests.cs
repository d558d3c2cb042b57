using Nido.Hypervisor.Memory;
using Nido.Machines.Boot;
using Nido.Machines.X86;

namespace Nido.Machines.Tests;

public sealed class MultibootLoaderTests : IDisposable
{
    private const string Kernel = "/boot/mb.elf";
    private const ulong Info = X86Layout.MultibootInfo;
    private readonly GuestMemory _memory = Ram.Create();

    public void Dispose() => _memory.Dispose();

    private BootEntry Load(byte[] kernel, string cmdline = "", params BootModule[] modules) =>
        MultibootLoader.Load(_memory, kernel, Kernel, cmdline, modules);

    private BootException Refused(byte[] kernel, params BootModule[] modules) =>
        Assert.Throws<BootException>(() => Load(kernel, "", modules));

    private uint InfoField(int offset) => _memory.Read<uint>(Info + (ulong)offset);

    // --- Header search ---

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(0x1000)]
    [InlineData(8192 - 12)] // The last place a whole 12-byte header fits in the first 8 KiB.
    public void HeaderIsFoundAtAlignedOffsetsInTheFirst8KiB(int at)
    {
        var k = new byte[at + 64];
        Mb.Header(0).CopyTo(k, at);
        Assert.Equal(at, MultibootLoader.FindHeader(k));
    }

    [Theory]
    [InlineData(8192 - 8)] // Straddles the 8 KiB limit.
    [InlineData(8192)]
    [InlineData(0x4000)]
    [InlineData(2)]        // Unaligned.
    [InlineData(6)]
    public void HeaderIsNotFoundUnalignedOrBeyond8KiB(int at)
    {
        var k = new byte[at + 64];
        Mb.Header(0).CopyTo(k, at);
        Assert.Equal(-1, MultibootLoader.FindHeader(k));
        Assert.Contains("no Multiboot header", Refused(k).Message);
    }

    [Fact]
    public void MagicWithABadChecksumIsNotAHeader()
    {
        var k = new byte[64];
        Mb.Header(0).CopyTo(k, 8);
        k[16]++;
        Assert.Equal(-1, MultibootLoader.FindHeader(k));
        Assert.Equal(-1, MultibootLoader.FindHeader(k[..11]));
        Assert.Equal(-1, MultibootLoader.FindHeader([]));
    }

    [Fact]
    public void TheFirstValidHeaderWins()
    {
        var k = new byte[256];
        var bad = Mb.Header(0);
        bad[8]++;
        bad.CopyTo(k, 0);
        Mb.Header(3).CopyTo(k, 32);
        Mb.Header(0).CopyTo(k, 64);
        Assert.Equal(32, MultibootLoader.FindHeader(k));
    }

    // --- Feature bits ---

    [Theory]
    [InlineData(0x8u, "0x8")]
    [InlineData(0x0807u, "0x800")]
    [InlineData(0x8000u, "0x8000")]
    public void RequiredFeatureBitsNidoLacksAreRefused(uint flags, string named)
    {
        var e = Refused(Mb.ElfKernel(flags));
        Assert.Contains($"feature bits {named} ", e.Message);
        Assert.StartsWith(Kernel, e.Message);
    }

    [Fact]
    public void ProvidedFeatureBitsAreAccepted() => Load(Mb.ElfKernel(0x10007u)); // Page-aligned modules, memory info, video (ignored), a.out addresses.

    [Fact]
    public void OptionalFeatureBitsAboveBit16AreIgnored() => Load(Mb.ElfKernel(0xfffe0003u));

    // --- ELF kernels ---

    [Fact]
    public void ElfIsLoadedAtItsPhysicalAddressWithBssCleared()
    {
        var k = Mb.ElfKernel(bss: 0x2000);
        var entry = Load(k);
        var elf = ElfImage.Parse(k, Kernel);
        var text = elf.Segments[0];
        Assert.Equal(k[(int)text.FileOffset..][..(int)text.FileSize], _memory.Bytes(0x100000, (int)text.FileSize));
        Assert.True(_memory.Bytes(0x100000 + text.FileSize, 0x2000).All(b => b == 0));
        Assert.Equal(0xcc, _memory.Read<byte>(0x100000 + text.MemorySize)); // Nothing beyond .bss.
        Assert.Equal(0xcc, _memory.Read<byte>(0xfffff));
        Assert.Equal(new BootEntry(BootMode.Protected32, 0x100010, Rax: MultibootLoader.BootMagic, Rbx: Info), entry); // Virtual entry made physical.
    }

    [Fact]
    public void Elf64KernelsAreLoadedToo()
    {
        var k = Elf.Build(true, 0x200000, 62, new Seg(1, 0x200000, 0x200000, [.. Mb.Header(0), 0x90, 0x90]));
        Assert.Equal(0x200000UL, Load(k).Rip);
        Assert.Equal(0x90, _memory.Read<byte>(0x20000c));
    }

    [Fact]
    public void NonX86ElfIsRefused() => Assert.Contains("machine 243 is not x86", Refused(Mb.ElfKernel(machine: 243)).Message);

    [Fact]
    public void ElfWithNothingToLoadIsRefused()
    {
        var k = Elf.Build(false, 0x100000, 3, new Seg(4, 0, 0, Mb.Header(0)));
        Assert.Contains("no loadable segment", Refused(k).Message);
    }

    [Fact]
    public void EntryAbove4GiBIsRefused()
    {
        var k = Elf.Build(true, 0x1_0000_0000, 62, new Seg(1, 0x200000, 0x200000, Mb.Header(0)));
        Assert.Contains("above 4 GiB", Refused(k).Message);
    }

    [Theory]
    [InlineData(0x0UL)]
    [InlineData(0x7000UL)]  // Over the zero page.
    [InlineData(0xfffffUL)] // Starts just below 1 MiB.
    public void KernelBelowOneMiBIsRefused(ulong paddr)
    {
        var k = Elf.Build(false, paddr, 3, new Seg(1, paddr, paddr, Mb.Header(0)));
        Assert.Contains("below 1 MiB", Refused(k).Message);
    }

    [Fact]
    public void KernelBeyondGuestMemoryIsRefused()
    {
        var k = Elf.Build(false, 0x100000, 3, new Seg(1, 0x100000, 0x100000, Mb.Header(0), 64UL << 20));
        Assert.Contains("does not fit in guest memory", Refused(k).Message);
    }

    // --- The a.out kludge ---

    [Fact]
    public void AoutKludgeLoadsTheFileWhereTheHeaderSays()
    {
        // 0x40 bytes before the header, load_end short of the file's end, .bss after it.
        var k = Mb.AoutKernel(0x200000, 0x40, 0x1000, loadEnd: 0x200800, bssEnd: 0x203000, entry: 0x200080);
        var entry = Load(k);
        Assert.Equal(k[..0x800], _memory.Bytes(0x200000, 0x800));
        Assert.True(_memory.Bytes(0x200800, 0x2800).All(b => b == 0));
        Assert.Equal(0xcc, _memory.Read<byte>(0x203000));
        Assert.Equal(0xcc, _memory.Read<byte>(0x1fffff));
        Assert.Equal(0x200080UL, entry.Rip);
        Assert.Equal(MultibootLoader.BootMagic, entry.Rax);
        // Modules go after .bss.
        Load(k, "", new BootModule(new byte[] { 1 }, "m"));
        Assert.Equal(0x203000u, _memory.Read<uint>(X86Layout.MultibootInfo + 0x600));
    }

    [Fact]
    public void AoutKludgeWithZeroLoadEndLoadsTheRestOfTheFile()
    {
        // The header is at 0x100 in the file but load_addr is header_addr - 0x80: the first 0x80 bytes are not loaded.
        var k = Mb.AoutKernel(0x300000, 0x100, 0x900, loadEnd: 0, bssEnd: 0, entry: 0x300000);
        Elf.W32(k, 0x100 + 12, 0x300080); // header_addr is outside the checksum.
        Load(k);
        Assert.Equal(k[0x80..], _memory.Bytes(0x300000, 0x880));
        Assert.Equal(0xcc, _memory.Read<byte>(0x300880));
    }

    [Fact]
    public void AnElfWithTheAddressBitIsLoadedAsElf()
    {
        var text = new byte[0x40];
        Mb.Header(1u << 16, 0xdead0000, 0xdead0000, 0, 0, 0xdead0000).CopyTo(text, 0); // Addresses that would be refused.
        var entry = Load(Elf.Build(false, 0x100000, 3, new Seg(1, 0x100000, 0x100000, text)));
        Assert.Equal(0x100000UL, entry.Rip);
    }

    [Theory]
    [InlineData(0x200040u, 0x200041u, 0u, "disagree")]   // load_addr above header_addr.
    [InlineData(0x200040u, 0x1fff00u, 0u, "disagree")]   // load_addr would start before the file.
    [InlineData(0x200040u, 0x200000u, 0x1fffffu, "load_end_addr")] // load_end before load_addr.
    [InlineData(0x200040u, 0x200000u, 0x201001u, "load_end_addr")] // load_end past the file.
    [InlineData(0x40040u, 0x40000u, 0u, "below 1 MiB")]
    [InlineData(0xfff00040u, 0xfff00000u, 0u, "does not fit")]
    public void AoutKludgeAddressesThatDisagreeWithTheFileAreRefused(uint headerAddr, uint loadAddr, uint loadEnd, string why)
    {
        var k = new byte[0x1000];
        Mb.Header(1u << 16, headerAddr, loadAddr, loadEnd, 0, loadAddr).CopyTo(k, 0x40);
        Assert.Contains(why, Refused(k).Message);
    }

    [Fact]
    public void AoutKludgeBssBeyondMemoryIsRefused()
    {
        var k = Mb.AoutKernel(0x200000, 0, 0x100, 0, bssEnd: 0x7fffffff, entry: 0x200000);
        Assert.Contains("does not fit", Refused(k).Message);
    }

    [Fact]
    public void TruncatedAoutHeaderIsRefused()
    {
        var k = new byte[0x20];
        Mb.Header(1u << 16, 0x100000, 0x100000).AsSpan(0, 12).CopyTo(k.AsSpan(0x14));
        Assert.Contains("truncated", Refused(k).Message);
    }

    // --- The info block ---

    [Fact]
    public void InfoBlockHasMemoryCommandLineMapAndLoaderName()
    {
        Load(Mb.ElfKernel(), "console=ttyS0 quiet");
        Assert.Equal(0x245u, InfoField(0)); // mem, cmdline, mmap, loader name; no modules.
        Assert.Equal(639u, InfoField(4));
        Assert.Equal(63u * 1024, InfoField(8));
        Assert.Equal($"{Kernel} console=ttyS0 quiet", _memory.CString(InfoField(16)));
        Assert.Equal(0u, InfoField(20));
        Assert.Equal("nido", _memory.CString(InfoField(64)));

        var map = E820.For(_memory);
        Assert.Equal((uint)map.Length * 24, InfoField(44));
        var mmap = InfoField(48);
        for (var i = 0; i < map.Length; i++)
        {
            var e = mmap + (ulong)i * 24;
            Assert.Equal(20u, _memory.Read<uint>(e));
            Assert.Equal(map[i].Start, _memory.Read<ulong>(e + 4));
            Assert.Equal(map[i].Size, _memory.Read<ulong>(e + 12));
            Assert.Equal((uint)map[i].Type, _memory.Read<uint>(e + 20));
        }
        Assert.Equal((0x100000UL, 63UL << 20, 1u), (_memory.Read<ulong>(mmap + 3 * 24 + 4), _memory.Read<ulong>(mmap + 3 * 24 + 12), _memory.Read<uint>(mmap + 3 * 24 + 20)));
    }

    [Fact]
    public void EmptyCommandLineIsJustTheKernelPath()
    {
        Load(Mb.ElfKernel());
        Assert.Equal(Kernel, _memory.CString(InfoField(16)));
    }

    [Fact]
    public void OverlongCommandLineIsRefused() =>
        Assert.Contains("exceed", Assert.Throws<BootException>(() => Load(Mb.ElfKernel(), new string('x', 0x10000))).Message);

    [Fact]
    public void ModulesArePageAlignedAfterTheKernelWithTheirStrings()
    {
        var a = new byte[] { 1, 2, 3 };
        var b = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var c = Array.Empty<byte>();
        Load(Mb.ElfKernel(bss: 0x2000), "x", new BootModule(a, "/a.bin one"), new BootModule(b, "/b.bin"), new BootModule(c, "empty"));

        Assert.Equal(0x24du, InfoField(0));
        Assert.Equal(3u, InfoField(20));
        var mods = InfoField(24);
        (uint Start, uint End, string Text) Mod(int i)
        {
            var e = mods + (ulong)i * 16;
            Assert.Equal(0u, _memory.Read<uint>(e + 12));
            return (_memory.Read<uint>(e), _memory.Read<uint>(e + 4), _memory.CString(_memory.Read<uint>(e + 8)));
        }
        var kernelEnd = 0x100000u + 0x300 + 0x2000;
        Assert.Equal((0x103000u, 0x103003u, "/a.bin one"), Mod(0));
        Assert.True(Mod(0).Start >= kernelEnd);
        Assert.Equal((0x104000u, 0x104000u + 5000, "/b.bin"), Mod(1));
        Assert.Equal((0x106000u, 0x106000u, "empty"), Mod(2));
        Assert.Equal(a, _memory.Bytes(0x103000, 3));
        Assert.Equal(b, _memory.Bytes(0x104000, 5000));
        Assert.Equal($"{Kernel} x", _memory.CString(InfoField(16))); // Module strings did not overwrite it.
    }

    [Fact]
    public void ModuleTooBigForGuestMemoryIsRefused()
    {
        var e = Refused(Mb.ElfKernel(), new BootModule(new byte[1024], "small"), new BootModule(new byte[63 << 20], "/big.img"));
        Assert.Contains("module 1 (/big.img)", e.Message);
        Assert.Contains("do not fit", e.Message);
    }

    [Fact]
    public void TooManyModulesAreRefused()
    {
        var modules = Enumerable.Range(0, 161).Select(i => new BootModule(new byte[1], "")).ToArray();
        Assert.Contains("too many Multiboot modules (161)", Refused(Mb.ElfKernel(), modules).Message);
        Load(Mb.ElfKernel(), "", modules[..160]);
        Assert.Equal(160u, InfoField(20));
    }
}
