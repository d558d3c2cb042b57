using System.Text;
using Nido.Devices.Virtio.Block;
using Nido.Vmm.Config;
using Nido.Vmm.Tests.Infrastructure;

namespace Nido.Vmm.Tests;

/// <summary>virtio-blk and virtio-rng over virtio-mmio, driven by freestanding guest drivers.</summary>
public sealed class VirtioTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nido-virtio").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Disk(int sectors, string head = "")
    {
        var path = Path.Combine(_dir, $"disk{Guid.NewGuid():N}.img");
        var bytes = new byte[sectors * 512];
        Encoding.ASCII.GetBytes(head).CopyTo(bytes, 0);
        bytes[^1] = 0x77;
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static GuestRun Blk(string mode, BlockConfig disk) =>
        GuestRun.Start(new VmConfig { Kernel = Guests.Path("vblk.elf"), CommandLine = $"mode={mode}", Disks = [disk] });

    [Fact]
    public void GuestReadsTheDiskAndIsRefusedBeyondItsEnd()
    {
        Guests.RequireKvm();
        var run = Blk("read", new BlockConfig(Disk(2048, "NIDO-DISK-HEAD")));
        Assert.Equal(0, run.Outcome.ExitCode);
        Assert.Contains("blk capacity=2048", run.Lines);
        Assert.Contains("blk ro=0", run.Lines);
        Assert.Contains("blk head=NIDO-DISK-HEAD", run.Lines);
        Assert.Contains($"blk sector0 sum=0x{Encoding.ASCII.GetBytes("NIDO-DISK-HEAD").Sum(b => b):x8}", run.Lines);
        Assert.Contains("blk last sum=0x00000077", run.Lines);
        Assert.Contains("blk beyond status=1", run.Lines);
    }

    [Fact]
    public void GuestWritesReachTheFileAndFlushSucceeds()
    {
        Guests.RequireKvm();
        var disk = Disk(64);
        var run = Blk("write", new BlockConfig(disk));
        Assert.Equal(0, run.Outcome.ExitCode);
        Assert.Contains("blk flush status=0", run.Lines);
        Assert.Contains("blk write ok", run.Lines);
        Assert.Contains("blk multi ok", run.Lines);
        var bytes = File.ReadAllBytes(disk);
        for (var i = 0; i < 512; i++) Assert.Equal((byte)((i * 3 + 7) & 0xff), bytes[512 + i]);
        for (var i = 0; i < 2048; i++) Assert.Equal((byte)((i & 0xff) ^ 0x5a), bytes[1024 + i]);
    }

    [Fact]
    public void ReadOnlyDiskRefusesWritesAndStaysUnchanged()
    {
        Guests.RequireKvm();
        var disk = Disk(64);
        var before = File.ReadAllBytes(disk);
        var run = Blk("ro", new BlockConfig(disk, ReadOnly: true));
        Assert.Contains("blk ro=1", run.Lines);
        Assert.Contains("blk write status=1", run.Lines);
        Assert.Equal(before, File.ReadAllBytes(disk));
    }

    [Fact]
    public void IndirectDescriptorsAndDeviceId()
    {
        Guests.RequireKvm();
        var disk = Disk(16, "INDIRECT");
        Assert.Contains($"blk indirect sum=0x{Encoding.ASCII.GetBytes("INDIRECT").Sum(b => b):x8}", Blk("indirect", new BlockConfig(disk)).Lines);
        Assert.Contains("blk id=nido-test-id", Blk("getid", new BlockConfig(disk, Id: "nido-test-id")).Lines);
    }

    [Fact]
    public void RngFillsBuffersWithFreshBytes()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(new VmConfig { Kernel = Guests.Path("vrng.elf") });
        Assert.Equal(4, run.Lines.Count(l => l == "rng len=64"));
        Assert.Contains("rng ok", run.Lines);
        Assert.Equal(0, run.Outcome.ExitCode);
    }

    [Fact]
    public void VirtioConsoleCarriesOutputAndTerminalInput()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(new VmConfig { Kernel = Guests.Path("vconsole.elf"), Console = ConsoleDevice.Virtio }, "typed on the host\n");
        Assert.Contains("hello from virtio-console", run.Lines);
        Assert.Contains("vcon got: typed on the host", run.Lines);
        Assert.Equal(0, run.Outcome.ExitCode);
    }

    [Fact]
    public void MissingDiskIsRefusedByName()
    {
        var e = Assert.Throws<VmmException>(() => new VmConfig { Kernel = "/bin/true", Disks = [new BlockConfig("/nonexistent/disk.img")] }.Validate());
        Assert.Contains("/nonexistent/disk.img", e.Message);
    }

    [Theory]
    [InlineData("a.img,ro", "a.img", true, null)]
    [InlineData("b.img", "b.img", false, null)]
    [InlineData("c.img,id=xyz", "c.img", false, "xyz")]
    public void DiskOptionsParse(string text, string path, bool readOnly, string? id) =>
        Assert.Equal(new BlockConfig(path, readOnly, id), VmConfig.ParseDisk(text));

    [Fact]
    public void UnknownDiskOptionIsNamed() =>
        Assert.Contains("\"cache=none\"", Assert.Throws<VmmException>(() => VmConfig.ParseDisk("a.img,cache=none")).Message);
}
