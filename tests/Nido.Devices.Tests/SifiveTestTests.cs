using Nido.Devices.Legacy;

namespace Nido.Devices.Tests;

public sealed class SifiveTestTests
{
    private static List<string> Events(Action<SifiveTest> act)
    {
        var events = new List<string>();
        act(new SifiveTest(code => events.Add($"off {code}"), () => events.Add("reset")));
        return events;
    }

    [Fact]
    public void FourByteWritesPowerOffAndReset() =>
        Assert.Equal(["off 0", "off 7", "off 1", "reset"], Events(d =>
        {
            d.Write(0, BitConverter.GetBytes(0x5555u));
            d.Write(0, BitConverter.GetBytes(0x0007_3333u));
            d.Write(0, BitConverter.GetBytes(0x3333u)); // a failure without a code still fails
            d.Write(0, BitConverter.GetBytes(0x7777u));
        }));

    [Fact]
    public void TwoByteWritesCountAsOpenSbiMakesThem() =>
        // OpenSBI's SRST driver (sifive_test.c) writes the finisher with writew.
        Assert.Equal(["off 0", "reset", "off 1"], Events(d =>
        {
            d.Write(0, BitConverter.GetBytes((ushort)0x5555));
            d.Write(0, BitConverter.GetBytes((ushort)0x7777));
            d.Write(0, BitConverter.GetBytes((ushort)0x3333));
        }));

    [Fact]
    public void OtherOffsetsWidthsAndValuesAreIgnored()
    {
        var events = Events(d =>
        {
            d.Write(4, BitConverter.GetBytes(0x5555u));
            d.Write(0, [0x55]);
            d.Write(0, BitConverter.GetBytes(0x5555UL));
            d.Write(0, BitConverter.GetBytes(0x1234u));
            Span<byte> b = [0xaa, 0xaa, 0xaa, 0xaa];
            d.Read(0, b);
            Assert.Equal([0, 0, 0, 0], b.ToArray());
        });
        Assert.Empty(events);
    }
}
