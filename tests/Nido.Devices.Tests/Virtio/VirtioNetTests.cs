using System.Buffers.Binary;
using System.Collections.Concurrent;
using Nido.Devices.Virtio;
using Nido.Devices.Virtio.Net;

namespace Nido.Devices.Tests.Virtio;

public sealed class VirtioNetTests : IDisposable
{
    private const ulong Version1 = 1UL << 32, Csum = 1, GuestCsum = 2, Mac = 1 << 5, GuestTso4 = 1 << 7, Merge = 1 << 15;
    private readonly FakeBackend _backend = new();
    private readonly VirtioNet _net;
    private readonly VirtioDriver _driver;

    public VirtioNetTests()
    {
        _net = new VirtioNet(_backend, [0x52, 0x54, 0, 1, 2, 3]);
        _driver = new VirtioDriver(_net);
    }

    public void Dispose()
    {
        _net.Dispose();
        _driver.Dispose();
    }

    private static byte[] Packet(int frameLength, byte fill)
    {
        var p = new byte[VirtioNet.HeaderLength + frameLength];
        p.AsSpan(VirtioNet.HeaderLength).Fill(fill);
        return p;
    }

    [Fact]
    public void OffersMacAndOffloadsAndReadsMacFromConfig()
    {
        var features = _driver.DeviceFeatures;
        Assert.Equal(Version1 | Mac | Merge | Csum | GuestCsum, features & (Version1 | Mac | Merge | Csum | GuestCsum));
        Span<byte> mac = stackalloc byte[6];
        for (var i = 0; i < 6; i++) _driver.Transport.Read(0x100 + (ulong)i, mac.Slice(i, 1));
        Assert.Equal(new byte[] { 0x52, 0x54, 0, 1, 2, 3 }, mac.ToArray());
    }

    [Fact]
    public void TransmitJoinsTheChainAndSignals()
    {
        Assert.True(_driver.Start(Version1, 256, 256));
        var header = _driver.Allocate(12);
        var frame = _driver.Allocate(60);
        _driver.Memory.GetSpan(frame, 60).Fill(0xab);
        var head = _driver.Queues[1].Add(new Buffer(header, 12, false), new Buffer(frame, 60, false));
        _driver.Queues[1].Notify();
        Assert.Equal((head, 0u), _driver.Queues[1].WaitUsed());
        Assert.True(_backend.Sent.TryDequeue(out var sent));
        Assert.Equal(72, sent.Length);
        Assert.All(sent[12..], b => Assert.Equal(0xab, b));
        Assert.True(_driver.Line.High);
        Assert.Equal(1, _net.Counters.TxPackets);
    }

    [Fact]
    public void RuntFramesAndHostRefusalsAreCountedAsDropped()
    {
        Assert.True(_driver.Start(Version1, 256, 256));
        var runt = _driver.Allocate(12 + 10);
        _driver.Queues[1].Add(new Buffer(runt, 22, false));
        _driver.Queues[1].Notify();
        _driver.Queues[1].WaitUsed();
        _backend.Accept = false;
        var frame = _driver.Allocate(72);
        _driver.Queues[1].Add(new Buffer(frame, 72, false));
        _driver.Queues[1].Notify();
        _driver.Queues[1].WaitUsed();
        Assert.Equal(2, _net.Counters.TxDropped);
        Assert.Empty(_backend.Sent);
    }

    [Fact]
    public void ReceiveHoldsAPacketUntilTheDriverPostsBuffers()
    {
        Assert.True(_driver.Start(Version1 | Merge, 256, 256));
        _backend.Incoming.Add(Packet(100, 0x11), TestContext.Current.CancellationToken);
        Thread.Sleep(50);
        Assert.Equal(0, _driver.Queues[0].UsedIndex);
        var buffer = _driver.Allocate(1526);
        var head = _driver.Queues[0].Add(new Buffer(buffer, 1526, true));
        _driver.Queues[0].Notify();
        Assert.Equal((head, 112u), _driver.Queues[0].WaitUsed());
        Assert.Equal(1, _driver.Memory.Read<ushort>(buffer + 10));
        Assert.Equal(0x11, _driver.Memory.Read<byte>(buffer + 12));
    }

    [Fact]
    public void LargePacketSpansMergeableBuffersWithTheirCountInTheHeader()
    {
        Assert.True(_driver.Start(Version1 | Merge | GuestCsum | GuestTso4, 256, 256));
        Assert.Equal(NetOffloads.Checksum | NetOffloads.Tso4, _backend.Offloads);
        var buffers = Enumerable.Range(0, 4).Select(_ => _driver.Allocate(1526)).ToArray();
        foreach (var b in buffers) _driver.Queues[0].Add(new Buffer(b, 1526, true));
        _driver.Queues[0].Notify();
        var packet = Packet(4000, 0x22);
        _backend.Incoming.Add(packet, TestContext.Current.CancellationToken);
        var used = new[] { _driver.Queues[0].WaitUsed(), _driver.Queues[0].WaitUsed(), _driver.Queues[0].WaitUsed() };
        Assert.Equal(new uint[] { 1526, 1526, (uint)packet.Length - 2 * 1526 }, used.Select(u => u.Length));
        Assert.Equal(3, _driver.Memory.Read<ushort>(buffers[0] + 10));
        Assert.False(_driver.Queues[0].TryTakeUsed(out _, out _));
        Assert.Equal(4000, _net.Counters.RxBytes);
    }

    [Fact]
    public void WithoutMergeATooSmallBufferDropsThePacketButIsKept()
    {
        Assert.True(_driver.Start(Version1, 256, 256));
        var small = _driver.Allocate(200);
        var head = _driver.Queues[0].Add(new Buffer(small, 200, true));
        _driver.Queues[0].Notify();
        _backend.Incoming.Add(Packet(1000, 0x33), TestContext.Current.CancellationToken);
        _backend.Incoming.Add(Packet(100, 0x44), TestContext.Current.CancellationToken);
        Assert.Equal((head, 112u), _driver.Queues[0].WaitUsed());
        Assert.Equal(0x44, _driver.Memory.Read<byte>(small + 12));
        Assert.Equal(1, _net.Counters.RxDropped);
    }

    [Fact]
    public void HostileReceiveRingStopsTheDeviceNotTheHost()
    {
        Assert.True(_driver.Start(Version1, 256, 256));
        _driver.Queues[0].SetAvailableIndex(1000);
        _driver.Queues[0].Notify();
        _backend.Incoming.Add(Packet(100, 0x55), TestContext.Current.CancellationToken);
        var deadline = Environment.TickCount64 + 5000;
        while (!_driver.NeedsReset && Environment.TickCount64 < deadline) Thread.Sleep(1);
        Assert.True(_driver.NeedsReset);
        // A reset and a fresh start bring it back.
        Assert.True(_driver.Start(Version1, 256, 256));
        Assert.False(_driver.NeedsReset);
    }

    [Fact]
    public void AResetDropsTheHeldPacketAndTheOffloads()
    {
        Assert.True(_driver.Start(Version1 | Merge | GuestCsum | GuestTso4, 256, 256));
        _backend.Incoming.Add(Packet(100, 0x66), TestContext.Current.CancellationToken); // Held: no buffers yet.
        Thread.Sleep(50);
        Assert.True(_driver.Start(Version1, 256, 256)); // Reset, then a driver without offloads.
        Assert.Equal(NetOffloads.None, _backend.Offloads);
        var buffer = _driver.Allocate(1526);
        _driver.Queues[0].Add(new Buffer(buffer, 1526, true));
        _driver.Queues[0].Notify();
        _backend.Incoming.Add(Packet(60, 0x77), TestContext.Current.CancellationToken);
        _driver.Queues[0].WaitUsed();
        Assert.Equal(0x77, _driver.Memory.Read<byte>(buffer + 12)); // The old driver's packet never arrives.
    }

    [Fact]
    public void BuffersWithoutWritableSpaceOrTooFewForAPacketNeverStopTheHost()
    {
        Assert.True(_driver.Start(Version1 | Merge, 16, 16));
        // A whole ring of 12-byte buffers cannot hold a 4000-byte packet: it is dropped, the ring kept.
        for (var i = 0; i < 16; i++) _driver.Queues[0].Add(new Buffer(_driver.Allocate(12), 12, true));
        _driver.Queues[0].Notify();
        _backend.Incoming.Add(Packet(4000, 0x88), TestContext.Current.CancellationToken);
        var deadline = Environment.TickCount64 + 5000;
        while (_net.Counters.RxDropped == 0 && Environment.TickCount64 < deadline) Thread.Sleep(1);
        Assert.Equal(1, _net.Counters.RxDropped);
        Assert.Equal(0, _driver.Queues[0].UsedIndex);

        // A receive buffer the device may not write is a broken driver: NEEDS_RESET, and the host goes on.
        Assert.True(_driver.Start(Version1 | Merge, 16, 16));
        _driver.Queues[0].Add(new Buffer(_driver.Allocate(64), 64, false));
        _driver.Queues[0].Notify();
        _backend.Incoming.Add(Packet(60, 0x99), TestContext.Current.CancellationToken);
        deadline = Environment.TickCount64 + 5000;
        while (!_driver.NeedsReset && Environment.TickCount64 < deadline) Thread.Sleep(1);
        Assert.True(_driver.NeedsReset);
    }
}
