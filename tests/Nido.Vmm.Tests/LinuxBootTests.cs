using Nido.Vmm.Config;
using Nido.Vmm.Tests.Infrastructure;

namespace Nido.Vmm.Tests;

/// <summary>The Linux boot protocol's 64-bit entry, checked by a bzImage-shaped guest that reads its zero page.</summary>
public sealed class LinuxBootTests
{
    [Fact]
    public void ZeroPageHasCommandLineE820AndInitrd()
    {
        Guests.RequireKvm();
        var initrd = Path.GetTempFileName();
        try
        {
            var bytes = Enumerable.Range(0, 70000).Select(i => (byte)(i % 251)).ToArray();
            File.WriteAllBytes(initrd, bytes);
            var run = GuestRun.Start(new VmConfig
            {
                Kernel = Guests.Path("linuxboot.bin"), CommandLine = "console=ttyS0 root=/dev/vda", Initrd = initrd, MemoryBytes = 512UL << 20, Rng = false,
            });
            Assert.Equal(0, run.Outcome.ExitCode);
            Assert.Contains("cmdline=console=ttyS0 root=/dev/vda", run.Lines);
            Assert.Contains("e820 entries=4", run.Lines);
            Assert.Contains("e820 base=0x100000 len=0x1ff00000 type=1", run.Lines);
            Assert.Contains($"initrd len=70000 sum=0x{bytes.Aggregate(0u, (s, b) => s + b):x8}", run.Lines);
            Assert.Contains("loader=0xff", run.Lines);
            Assert.Contains("acpi_rsdp=0xe0000", run.Lines);
        }
        finally { File.Delete(initrd); }
    }

    [Fact]
    public void WithoutInitrdTheGuestSeesNone()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(new VmConfig { Kernel = Guests.Path("linuxboot.bin"), Rng = false });
        Assert.Equal(0, run.Outcome.ExitCode);
        Assert.Contains("initrd none", run.Lines);
        Assert.Contains("cmdline=", run.Lines);
    }
}
