using Nido.Devices.Legacy;

namespace Nido.Devices.Tests;

public sealed class DebugExitTests
{
    private static List<int> Exits(Action<DebugExit> act)
    {
        var codes = new List<int>();
        act(new DebugExit(codes.Add));
        return codes;
    }

    [Fact]
    public void OneByteWriteIsTheExitCode() =>
        Assert.Equal([0, 42, 255], Exits(d => { d.Write(0, [0]); d.Write(0, [42]); d.Write(0, [0xff]); }));

    [Fact]
    public void TwoByteWriteIsLittleEndian() => Assert.Equal([0x1234], Exits(d => d.Write(0, [0x34, 0x12])));

    [Fact]
    public void FourByteWriteIsLittleEndian() =>
        Assert.Equal([0x12345678, -1], Exits(d => { d.Write(0, [0x78, 0x56, 0x34, 0x12]); d.Write(0, [0xff, 0xff, 0xff, 0xff]); }));

    [Fact]
    public void WritesBesideThePortAndReadsDoNothing()
    {
        var codes = Exits(d =>
        {
            d.Write(1, [5]);
            d.Write(0, []);
            Span<byte> b = [0xaa, 0xaa];
            d.Read(0, b);
            Assert.Equal([0, 0], b.ToArray());
        });
        Assert.Empty(codes);
    }
}
