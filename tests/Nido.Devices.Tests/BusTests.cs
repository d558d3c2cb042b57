namespace Nido.Devices.Tests;

public sealed class BusTests
{
    /// <summary>Records accesses and answers reads with its tag byte.</summary>
    private sealed class Probe(byte tag) : IBusDevice
    {
        public List<(ulong Offset, byte[] Data)> Writes { get; } = [];
        public List<(ulong Offset, int Size)> Reads { get; } = [];

        public void Read(ulong offset, Span<byte> data)
        {
            Reads.Add((offset, data.Length));
            data.Fill(tag);
        }

        public void Write(ulong offset, ReadOnlySpan<byte> data) => Writes.Add((offset, data.ToArray()));
    }

    private sealed class OtherDevice : IBusDevice
    {
        public void Read(ulong offset, Span<byte> data) { }
        public void Write(ulong offset, ReadOnlySpan<byte> data) { }
    }

    [Fact]
    public void AccessesReachTheDeviceWithTheOffsetIntoItsRange()
    {
        var bus = new Bus("port");
        var a = new Probe(0xaa);
        var b = new Probe(0xbb);
        bus.Insert(0x3f8, 8, a);
        bus.Insert(0x60, 5, b);

        Assert.True(bus.TryFind(0x3fd, 1, out var found, out var offset));
        Assert.Same(a, found);
        Assert.Equal(5UL, offset);

        Span<byte> data = stackalloc byte[2];
        Assert.True(bus.Read(0x64, data[..1]));
        Assert.Equal(0xbb, data[0]);
        Assert.Equal((4UL, 1), b.Reads.Single());

        Assert.True(bus.Write(0x3f8, [1, 2]));
        var (writeOffset, written) = a.Writes.Single();
        Assert.Equal(0UL, writeOffset);
        Assert.Equal([1, 2], written);
    }

    [Fact]
    public void FirstAndLastBytesOfARangeBelongToIt()
    {
        var bus = new Bus("mmio");
        var d = new Probe(1);
        bus.Insert(0x1000, 0x100, d);
        Assert.True(bus.TryFind(0x1000, 4, out _, out var first));
        Assert.Equal(0UL, first);
        Assert.True(bus.TryFind(0x10fc, 4, out _, out var last));
        Assert.Equal(0xfcUL, last);
        Assert.False(bus.TryFind(0xfff, 1, out _, out _));
        Assert.False(bus.TryFind(0x1100, 1, out _, out _));
    }

    [Theory]
    [InlineData(0x10, 0x10)] // Same range.
    [InlineData(0x08, 0x10)] // Overlaps the start.
    [InlineData(0x1f, 0x01)] // Last byte.
    [InlineData(0x14, 0x02)] // Inside.
    [InlineData(0x00, 0x100)] // Around.
    public void OverlappingRangesAreRefusedNamingTheDeviceInTheWay(ulong start, ulong length)
    {
        var bus = new Bus("port");
        bus.Insert(0x10, 0x10, new OtherDevice());
        var e = Assert.Throws<ArgumentException>(() => bus.Insert(start, length, new Probe(0)));
        Assert.Contains("OtherDevice", e.Message);
        Assert.Contains("port bus", e.Message);
    }

    [Fact]
    public void AdjacentRangesAreAccepted()
    {
        var bus = new Bus("port");
        bus.Insert(0x10, 0x10, new Probe(1));
        bus.Insert(0x20, 0x10, new Probe(2));
        bus.Insert(0x00, 0x10, new Probe(3));
        Span<byte> b = stackalloc byte[1];
        bus.Read(0x0f, b);
        Assert.Equal(3, b[0]);
        bus.Read(0x10, b);
        Assert.Equal(1, b[0]);
        bus.Read(0x20, b);
        Assert.Equal(2, b[0]);
    }

    [Theory]
    [InlineData(0x10UL, 0UL)]
    [InlineData(ulong.MaxValue - 7, 16UL)]
    public void EmptyOrWrappingRangesAreRefused(ulong start, ulong length) =>
        Assert.Throws<ArgumentException>(() => new Bus("mmio").Insert(start, length, new Probe(0)));

    [Fact]
    public void AnAccessStraddlingTheEndOfARangeIsNotDispatched()
    {
        var bus = new Bus("mmio");
        var d = new Probe(7);
        var next = new Probe(8);
        bus.Insert(0x1000, 0x10, d);
        bus.Insert(0x1010, 0x10, next); // Even with a neighbour, the access belongs to neither.

        Assert.False(bus.TryFind(0x100e, 4, out _, out _));
        Span<byte> data = stackalloc byte[4];
        Assert.False(bus.Read(0x100e, data));
        Assert.Equal([0xff, 0xff, 0xff, 0xff], data.ToArray());
        Assert.False(bus.Write(0x100f, [1, 2]));
        Assert.Empty(d.Reads);
        Assert.Empty(d.Writes);
        Assert.Empty(next.Reads);
        Assert.Empty(next.Writes);
    }

    [Fact]
    public void UnclaimedReadsFillAllOnesAndReturnFalse()
    {
        var bus = new Bus("port");
        bus.Insert(0x70, 2, new Probe(0));
        Span<byte> data = stackalloc byte[8];
        data.Clear();
        Assert.False(bus.Read(0x80, data));
        Assert.True(data.ToArray().All(b => b == 0xff));
        Assert.False(bus.Write(0x80, [1]));
        Assert.False(new Bus("empty").Read(0, data));
    }

    [Fact]
    public void BinarySearchFindsEveryOneOfManyRangesInsertedOutOfOrder()
    {
        var bus = new Bus("mmio");
        const int Count = 500;
        var devices = new Probe[Count];
        var order = Enumerable.Range(0, Count).OrderBy(i => (i * 7919) % Count).ToArray(); // A fixed shuffle.
        foreach (var i in order)
        {
            devices[i] = new Probe((byte)i);
            bus.Insert(0x10000 + (ulong)i * 0x100, 0x40, devices[i]); // Gaps between ranges.
        }
        for (var i = 0; i < Count; i++)
        {
            var start = 0x10000 + (ulong)i * 0x100;
            Assert.True(bus.TryFind(start, 1, out var d0, out var o0));
            Assert.Same(devices[i], d0);
            Assert.Equal(0UL, o0);
            Assert.True(bus.TryFind(start + 0x3c, 4, out var d1, out var o1));
            Assert.Same(devices[i], d1);
            Assert.Equal(0x3cUL, o1);
            Assert.False(bus.TryFind(start + 0x40, 1, out _, out _)); // In the gap after it.
            Assert.False(bus.TryFind(start - 1, 1, out _, out _));
        }
    }
}
