using Nido.Devices.Virtio.Block;
using Nido.Devices.Virtio.Rng;

namespace Nido.Devices.Tests.Virtio;

/// <summary>The transport's interrupt line as edge- and level-triggered controllers see it.</summary>
public sealed class MmioInterruptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nido-mmio-irq").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private const ulong InterruptStatus = 0x60, InterruptAck = 0x64;

    [Fact]
    public void LineFollowsTheStatusAndDropsOnAcknowledge()
    {
        using var driver = new VirtioDriver(new VirtioRng());
        Assert.True(driver.Start(1UL << 32, 8));
        var q = driver.Queues[0];
        q.Add(new Buffer(driver.Allocate(16), 16, Writable: true));
        q.Notify();
        q.WaitUsed();
        Assert.True(driver.Line.High);
        Assert.Equal(1u, driver.Read(InterruptStatus));
        driver.Write(InterruptAck, 1);
        Assert.False(driver.Line.High);
        Assert.Equal([true, false], driver.Line.Sets);
    }

    [Fact]
    public void CauseArrivingBeforeTheAcknowledgeMakesANewEdge()
    {
        var disk = Path.Combine(_dir, "a.img");
        File.WriteAllBytes(disk, new byte[4096]);
        var other = Path.Combine(_dir, "b.img");
        File.WriteAllBytes(other, new byte[8192]);
        using var block = new VirtioBlock(new BlockConfig(disk));
        using var driver = new VirtioDriver(block);
        Assert.True(driver.Start(1UL << 32, 8));
        var q = driver.Queues[0];
        var header = driver.Allocate(16);
        driver.Memory.Write(header, 8u); // VIRTIO_BLK_T_GET_ID: a request that completes at once.
        q.Add(new Buffer(header, 16, false), new Buffer(driver.Allocate(20), 20, true), new Buffer(driver.Allocate(1), 1, true));
        q.Notify();
        q.WaitUsed();
        // The driver reads the status (used buffer), then the configuration changes before it acknowledges.
        Assert.Equal(1u, driver.Read(InterruptStatus));
        block.ReplaceBackingFile(other);
        Assert.Equal([true], driver.Line.Sets); // Already high: no edge yet.
        driver.Write(InterruptAck, 1);
        // The configuration change is still pending: the line dropped and rose again, a new edge.
        Assert.Equal([true, false, true], driver.Line.Sets);
        Assert.Equal(2u, driver.Read(InterruptStatus));
        driver.Write(InterruptAck, 2);
        Assert.False(driver.Line.High);
    }
}
