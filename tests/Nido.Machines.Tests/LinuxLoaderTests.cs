using System.Text;
using Nido.Hypervisor.Memory;
using Nido.Machines.Boot;
using Nido.Machines.X86;

namespace Nido.Machines.Tests;

public sealed class LinuxLoaderTests : IDisposable
{
    private const string Name = "/boot/bzImage";
    private const ulong Zero = X86Layout.ZeroPage;
    private readonly GuestMemory _memory = Ram.Create();

    public void Dispose() => _memory.Dispose();

    private BootEntry Load(byte[] kernel, string cmdline = "console=ttyS0", byte[]? initrd = null) =>
        LinuxLoader.Load(_memory, kernel, Name, cmdline, initrd ?? [], initrd is null ? null : "/boot/initrd.img");

    private BootException Refused(byte[] kernel, string cmdline = "", byte[]? initrd = null) =>
        Assert.Throws<BootException>(() => Load(kernel, cmdline, initrd));

    private uint Z32(int offset) => _memory.Read<uint>(Zero + (ulong)offset);

    [Fact]
    public void PayloadGoesToOneMiBAndEntryIsItsStartupPlus0x200()
    {
        var k = BzImage.Build(setupSects: 2, payloadSize: 0x1800);
        var entry = Load(k);
        Assert.Equal(BzImage.Payload(k), _memory.Bytes(0x100000, 0x1800));
        Assert.Equal(0x1800 + 0x600, k.Length);
        Assert.Equal(new BootEntry(BootMode.Long64, 0x100200, Rsi: Zero, Rsp: X86Layout.BootStack), entry);
    }

    [Fact]
    public void ZeroSetupSectsMeansFour()
    {
        var k = BzImage.Build(setupSects: 4);
        k[BzImage.SetupSects] = 0;
        Load(k);
        Assert.Equal(k[0xa00..][..0x100], _memory.Bytes(0x100000, 0x100));
    }

    [Fact]
    public void NonRelocatableKernelGoesToPrefAddress()
    {
        var k = BzImage.Build(relocatable: false, prefAddress: 0x1000000);
        Assert.Equal(0x1000200UL, Load(k).Rip);
        Assert.Equal(BzImage.Payload(k), _memory.Bytes(0x1000000, BzImage.Payload(k).Length));
        Assert.Equal(0xcc, _memory.Read<byte>(0x100000));
    }

    [Fact]
    public void ZeroPageHoldsTheSetupHeaderAndTheLoaderFields()
    {
        var k = BzImage.Build();
        Load(k, "console=ttyS0 root=/dev/vda");
        var zero = _memory.Bytes(Zero, 4096);
        Assert.True(zero[..0x1e8].All(b => b == 0)); // Cleared, not left over from memory.
        Assert.Equal(2, zero[BzImage.SetupSects]);
        Assert.Equal("HdrS", Encoding.ASCII.GetString(zero, 0x202, 4));
        Assert.Equal(0x020f, zero[0x206] | zero[0x207] << 8);
        Assert.Equal(0xff, zero[0x210]);   // type_of_loader: undefined.
        Assert.Equal(0x01, zero[0x211]);   // loadflags as the kernel set them.
        Assert.Equal(0x10000u, Z32(BzImage.InitSize));
        Assert.Equal(0u, Z32(0x218));      // No ramdisk.
        Assert.Equal(0u, Z32(0x21c));
        // Apart from the loader's fields, the header is the image's, up to its end (0x202 + byte at 0x201).
        for (var i = 0x1f1; i < BzImage.HeaderEnd; i++)
            if (i is not (0x210 or >= 0x228 and < 0x22c)) Assert.True(k[i] == zero[i], $"zero page byte 0x{i:x}");

        Assert.Equal((uint)X86Layout.CommandLine, Z32(0x228));
        Assert.Equal(0u, Z32(0x0c8));      // ext_cmd_line_ptr.
        Assert.Equal("console=ttyS0 root=/dev/vda", _memory.CString(X86Layout.CommandLine));
    }

    [Fact]
    public void ZeroPageHasTheE820Map()
    {
        Load(BzImage.Build());
        var map = E820.For(_memory);
        Assert.Equal(4, map.Length);
        Assert.Equal(map.Length, _memory.Read<byte>(Zero + 0x1e8));
        for (var i = 0; i < map.Length; i++)
        {
            var at = Zero + 0x2d0 + (ulong)i * 20;
            Assert.Equal(map[i], new E820Entry(_memory.Read<ulong>(at), _memory.Read<ulong>(at + 8), (E820Type)_memory.Read<uint>(at + 16)));
        }
        Assert.Equal(new E820Entry(0x100000, 63UL << 20, E820Type.Ram), map[3]);
    }

    [Fact]
    public void EmptyCommandLineIsAnEmptyString()
    {
        Load(BzImage.Build(), "");
        Assert.Equal("", _memory.CString(X86Layout.CommandLine));
        Assert.Equal((uint)X86Layout.CommandLine, Z32(0x228));
    }

    [Fact]
    public void CommandLineUpToCmdlineSizeIsAcceptedAndOneMoreIsRefused()
    {
        var k = BzImage.Build(cmdlineSize: 16);
        Load(k, new string('a', 16));
        Assert.Equal(new string('a', 16), _memory.CString(X86Layout.CommandLine));
        var e = Refused(k, new string('a', 17));
        Assert.Contains("17 bytes is longer than the kernel's limit of 16", e.Message);
    }

    [Fact]
    public void CommandLineIsCountedInUtf8Bytes() => Refused(BzImage.Build(cmdlineSize: 4), "ééé");

    [Fact]
    public void InitrdGoesPageAlignedToTheTopOfLowMemory()
    {
        var initrd = Enumerable.Range(0, 70000).Select(i => (byte)(i % 251)).ToArray();
        Load(BzImage.Build(), initrd: initrd);
        var address = ((64UL << 20) - 70000) & ~0xfffUL;
        Assert.Equal((uint)address, Z32(0x218));
        Assert.Equal(70000u, Z32(0x21c));
        Assert.Equal(0u, Z32(0x0c0));
        Assert.Equal(0u, Z32(0x0c4));
        Assert.Equal(initrd, _memory.Bytes(address, initrd.Length));
    }

    [Fact]
    public void InitrdStaysBelowInitrdAddrMax()
    {
        var k = BzImage.Build();
        Elf.W32(k, BzImage.InitrdAddrMax, 0x01ffffff);
        Load(k, initrd: new byte[0x1800]);
        Assert.Equal(0x01ffe000u, Z32(0x218));
    }

    [Fact]
    public void InitrdThatDoesNotFitIsRefused()
    {
        var e = Refused(BzImage.Build(), initrd: new byte[65 << 20]);
        Assert.Contains("initrd: /boot/initrd.img", e.Message);
        Assert.Contains("does not fit", e.Message);
    }

    [Fact]
    public void InitrdOverlappingTheKernelsInitSizeIsRefused()
    {
        // The kernel needs init_size bytes from its runtime start (1 MiB for this image): 60 MiB leaves less than 4 MiB above.
        var e = Refused(BzImage.Build(initSize: 60u << 20), initrd: new byte[4 << 20]);
        Assert.Contains("beside the kernel", e.Message);
        Load(BzImage.Build(initSize: 58u << 20), initrd: new byte[4 << 20]);
    }

    [Fact]
    public void OldBootProtocolIsRefused()
    {
        var e = Refused(BzImage.Build(version: 0x020b));
        Assert.Contains("boot protocol 2.11 is older than 2.12", e.Message);
        Assert.StartsWith(Name, e.Message);
        Load(BzImage.Build(version: 0x020c));
    }

    [Fact]
    public void KernelWithoutA64BitEntryIsRefused()
    {
        var k = BzImage.Build();
        k[BzImage.XLoadFlags] = 0x02;
        Assert.Contains("XLF_KERNEL_64", Refused(k).Message);
    }

    [Fact]
    public void ZImageIsRefused()
    {
        var k = BzImage.Build();
        k[BzImage.LoadFlags] = 0x80;
        Assert.Contains("zImage", Refused(k).Message);
    }

    [Theory]
    [InlineData(0x1fe)] // Boot flag.
    [InlineData(0x202)] // "HdrS".
    public void ImageWithoutTheSetupHeaderIsNotABzImage(int at)
    {
        var k = BzImage.Build();
        k[at] ^= 0xff;
        Assert.False(LinuxLoader.IsBzImage(k));
        Assert.Contains("not a bzImage", Refused(k).Message);
    }

    [Fact]
    public void TooShortForTheHeaderIsNotABzImage()
    {
        Assert.True(LinuxLoader.IsBzImage(BzImage.Build()));
        Assert.False(LinuxLoader.IsBzImage(BzImage.Build()[..0x264]));
    }

    [Fact]
    public void SetupSectsPastTheEndOfTheFileIsRefused()
    {
        var k = BzImage.Build(setupSects: 2, payloadSize: 0);
        Assert.Contains("setup_sects (2) points past the end", Refused(k).Message);
    }

    [Theory]
    [InlineData(true, 0UL, 64u << 20)]         // init_size larger than memory above 1 MiB.
    [InlineData(false, 0x80000UL, 0x10000u)]   // pref_address below 1 MiB.
    [InlineData(false, 0x3ff0000UL, 0x20000u)] // Ends past the end of memory.
    [InlineData(false, ulong.MaxValue - 0xfff, 0x10000u)]
    public void KernelThatDoesNotFitIsRefused(bool relocatable, ulong prefAddress, uint initSize)
    {
        var e = Refused(BzImage.Build(relocatable: relocatable, prefAddress: prefAddress, initSize: initSize));
        Assert.Contains("more than guest memory has there", e.Message);
    }

    [Fact]
    public void InitrdInsideTheKernelsRuntimeWindowIsRefused()
    {
        // Runtime start = align_up(max(1 MiB, 16 MiB), 2 MiB) = 16 MiB, so the kernel needs [16 MiB, 48 MiB);
        // a 20 MiB initrd at the top of 64 MiB would start at 44 MiB, inside it.
        using var memory = Ram.Create();
        var kernel = BzImage.Build(prefAddress: 0x1000000, kernelAlignment: 0x200000, initSize: 0x2000000);
        Assert.Throws<BootException>(() => LinuxLoader.Load(memory, kernel, "bzImage", "", new byte[20 << 20], "initrd"));
    }

    [Fact]
    public void KernelWhoseRuntimeWindowExceedsMemoryIsRefused()
    {
        using var memory = Ram.Create(); // The kernel would need [16 MiB, 72 MiB).
        var kernel = BzImage.Build(prefAddress: 0x1000000, kernelAlignment: 0x200000, initSize: 56u << 20);
        Assert.Contains("more than guest memory has there", Assert.Throws<BootException>(() => LinuxLoader.Load(memory, kernel, "bzImage", "", [], null)).Message);
    }
}
