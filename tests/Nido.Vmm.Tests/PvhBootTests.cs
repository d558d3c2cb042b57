using Nido.Vmm.Config;
using Nido.Vmm.Tests.Infrastructure;

namespace Nido.Vmm.Tests;

/// <summary>The PVH entry of an ELF kernel, checked by a guest that carries the Xen note and reads its hvm_start_info.</summary>
public sealed class PvhBootTests
{
    [Fact]
    public void StartInfoReachesTheGuestWithCommandLineInitrdAndMap()
    {
        Guests.RequireKvm();
        var initrd = Path.GetTempFileName();
        try
        {
            var bytes = Enumerable.Range(0, 30000).Select(i => (byte)(i * 7)).ToArray();
            File.WriteAllBytes(initrd, bytes);
            var run = GuestRun.Start(new VmConfig { Kernel = Guests.Path("pvhinfo.elf"), CommandLine = "console=ttyS0 pvh=yes", Initrd = initrd, MemoryBytes = 128UL << 20, Rng = false });
            Assert.Equal(0, run.Outcome.ExitCode);
            Assert.Contains("pvh version=1", run.Lines);
            Assert.Contains("pvh rsdp=0xe0000", run.Lines);
            Assert.Contains("pvh cmdline=console=ttyS0 pvh=yes", run.Lines);
            Assert.Contains($"pvh module 0 size=30000 sum=0x{bytes.Sum(b => b):x8} aligned=1", run.Lines);
            Assert.Contains("pvh mmap 0x100000+0x7f00000 type=1", run.Lines);
            Assert.Contains("pvh mmap 0x0+0x9fc00 type=1", run.Lines);
        }
        finally { File.Delete(initrd); }
    }

    [Fact]
    public void VirtioMmioDevicesAreNamedOnALinuxCommandLine()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(new VmConfig { Kernel = Guests.Path("pvhinfo.elf"), CommandLine = "quiet" });
        Assert.Contains("pvh cmdline=quiet virtio_mmio.device=512@0xd0000000:5", run.Lines);
    }
}
