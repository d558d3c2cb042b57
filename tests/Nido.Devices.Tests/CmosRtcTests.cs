using Nido.Devices.Legacy;

namespace Nido.Devices.Tests;

public sealed class CmosRtcTests
{
    private const ulong Index = 0, Data = 1;
    private static readonly DateTime Fixed = new(2024, 2, 29, 21, 7, 58, DateTimeKind.Utc); // A Thursday.

    private static CmosRtc Rtc(DateTime? now = null, ulong low = 64UL << 20, ulong high = 0) =>
        new(low, high, () => now ?? Fixed);

    private static byte Get(CmosRtc rtc, byte index)
    {
        rtc.Out(Index, index);
        return rtc.In(Data);
    }

    private static void Set(CmosRtc rtc, byte index, byte value)
    {
        rtc.Out(Index, index);
        rtc.Out(Data, value);
    }

    private static byte[] Time(CmosRtc rtc) => [.. new byte[] { 0, 2, 4, 6, 7, 8, 9, 0x32 }.Select(i => Get(rtc, i))];

    [Fact]
    public void TimeIsBcdByDefault() =>
        // sec, min, hour, weekday (Sunday = 1), day, month, year, century.
        Assert.Equal(new byte[] { 0x58, 0x07, 0x21, 0x05, 0x29, 0x02, 0x24, 0x20 }, Time(Rtc()));

    [Fact]
    public void RegisterBBit2SelectsBinary()
    {
        var rtc = Rtc();
        Assert.Equal(0x02, Get(rtc, 0x0b)); // 24-hour, BCD.
        Set(rtc, 0x0b, 0x06);
        Assert.Equal(0x06, Get(rtc, 0x0b));
        Assert.Equal(new byte[] { 58, 7, 21, 5, 29, 2, 24, 20 }, Time(rtc));
    }

    [Theory]
    [InlineData(0, 0x12)]  // Midnight is 12 AM.
    [InlineData(1, 0x01)]
    [InlineData(11, 0x11)]
    [InlineData(12, 0x92)] // Noon is 12 PM: bit 7 is PM.
    [InlineData(13, 0x81)]
    [InlineData(23, 0x91)]
    public void TwelveHourModeSetsThePmBit(int hour, byte expected)
    {
        var rtc = Rtc(new DateTime(2030, 1, 1, hour, 0, 0, DateTimeKind.Utc));
        Set(rtc, 0x0b, 0x00); // 12-hour, BCD.
        Assert.Equal(expected, Get(rtc, 4));
    }

    [Fact]
    public void TwelveHourBinaryModeSetsThePmBit()
    {
        var rtc = Rtc(new DateTime(2030, 1, 1, 22, 0, 0, DateTimeKind.Utc));
        Set(rtc, 0x0b, 0x04); // 12-hour, binary.
        Assert.Equal(0x80 | 10, Get(rtc, 4));
    }

    [Fact]
    public void ClockFollowsTheTimeSourceAndIgnoresTimeWrites()
    {
        var now = Fixed;
        var rtc = new CmosRtc(64UL << 20, 0, () => now);
        Set(rtc, 0, 0x00);
        Assert.Equal(0x58, Get(rtc, 0));
        now = now.AddSeconds(1);
        Assert.Equal(0x59, Get(rtc, 0));
    }

    [Fact]
    public void RegisterANeverShowsUpdateInProgress()
    {
        var rtc = Rtc();
        Assert.Equal(0x26, Get(rtc, 0x0a));
        Set(rtc, 0x0a, 0xa6);
        Assert.Equal(0, Get(rtc, 0x0a) & 0x80);
        Assert.Equal(0x80, Get(rtc, 0x0d)); // Valid RAM and time.
    }

    [Theory]
    // low bytes, high bytes, extended KiB (0x17, capped), 64 KiB above 16 MiB (0x34), 64 KiB above 4 GiB (0x5b..0x5d).
    [InlineData(512UL << 10, 0UL, 0, 0, 0)]
    [InlineData(16UL << 20, 0UL, 15 * 1024, 0, 0)]
    [InlineData(64UL << 20, 0UL, 63 * 1024, 48 * 16, 0)]
    [InlineData(3UL << 30, 1UL << 30, 0xffff, (3072 - 16) * 16, 1 << 14)]
    [InlineData(3UL << 30, (1UL << 40) - (1UL << 16), 0xffff, (3072 - 16) * 16, 0xffffff)] // The most three bytes hold.
    public void MemorySizeBytes(ulong low, ulong high, int extended, int above16M, int above4G)
    {
        var rtc = Rtc(low: low, high: high);
        int Word(byte at) => Get(rtc, at) | Get(rtc, (byte)(at + 1)) << 8;
        Assert.Equal(640, Word(0x15));
        Assert.Equal(extended, Word(0x17));
        Assert.Equal(extended, Word(0x30));
        Assert.Equal(above16M, Word(0x34));
        Assert.Equal(above4G, Get(rtc, 0x5b) | Get(rtc, 0x5c) << 8 | Get(rtc, 0x5d) << 16);
    }

    [Fact]
    public void IndexRegisterMasksBit7()
    {
        var rtc = Rtc();
        rtc.Out(Index, 0x80 | 0x15); // NMI-disable bit set, as Linux does.
        Assert.Equal(0x15, rtc.In(Index));
        Assert.Equal(640 & 0xff, rtc.In(Data));
        rtc.Out(Index, 0x80 | 0x09);
        Assert.Equal(0x24, rtc.In(Data));
    }

    [Fact]
    public void RamBeyondTheClockIsWritable()
    {
        var rtc = Rtc();
        Set(rtc, 0x40, 0x5a);
        Assert.Equal(0x5a, Get(rtc, 0x40));
        Set(rtc, 0x0d, 0x00); // Register D is read-only.
        Assert.Equal(0x80, Get(rtc, 0x0d));
    }
}
