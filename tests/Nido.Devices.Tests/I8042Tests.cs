using Nido.Devices.Legacy;

namespace Nido.Devices.Tests;

public sealed class I8042Tests
{
    private const ulong Data = 0, Command = 4; // Offsets from 0x60.
    private const byte OutputFull = 0x01;

    private int _resets;

    private I8042 Controller() => new(() => _resets++);

    [Fact]
    public void CommandFePulsesReset()
    {
        var kbc = Controller();
        kbc.Out(Command, 0xfe);
        Assert.Equal(1, _resets);
    }

    [Fact]
    public void OutputPortWithBitZeroClearResets()
    {
        var kbc = Controller();
        kbc.Out(Command, 0xd1);
        kbc.Out(Data, 0xdf); // A20 on, reset line released: nothing happens.
        Assert.Equal(0, _resets);
        kbc.Out(Command, 0xd1);
        kbc.Out(Data, 0xfe);
        Assert.Equal(1, _resets);
    }

    [Fact]
    public void DataWithoutPendingCommandDoesNotReset()
    {
        var kbc = Controller();
        kbc.Out(Data, 0x00);
        Assert.Equal(0, _resets);
    }

    [Fact]
    public void CommandByteIsReadAndWritten()
    {
        var kbc = Controller();
        kbc.Out(Command, 0x20);
        Assert.Equal(0x45, kbc.In(Data)); // Power-on value.
        kbc.Out(Command, 0x60);
        kbc.Out(Data, 0x61);
        kbc.Out(Command, 0x20);
        Assert.Equal(0x61, kbc.In(Data));
        Assert.Equal(0, _resets);
    }

    [Fact]
    public void SelfTestAnswers55AndSetsOutputFullUntilRead()
    {
        var kbc = Controller();
        Assert.Equal(0, kbc.In(Command) & OutputFull);
        kbc.Out(Command, 0xaa);
        Assert.Equal(OutputFull, kbc.In(Command) & OutputFull);
        Assert.Equal(0x55, kbc.In(Data));
        Assert.Equal(0, kbc.In(Command) & OutputFull);
        Assert.Equal(0, kbc.In(Data)); // Nothing more to read.
    }

    [Fact]
    public void StatusShowsSystemFlagAndAPendingCommand()
    {
        var kbc = Controller();
        Assert.Equal(0x04, kbc.In(Command));
        kbc.Out(Command, 0x60);
        Assert.Equal(0x08, kbc.In(Command) & 0x08); // Waiting for the command's data byte.
        kbc.Out(Data, 0x45);
        Assert.Equal(0x04, kbc.In(Command));
    }

    [Fact]
    public void KeyboardAcknowledgesResetAndIdentifiesItself()
    {
        var kbc = Controller();
        kbc.Out(Data, 0xff);
        Assert.Equal(0xfa, kbc.In(Data));
        Assert.Equal(0xaa, kbc.In(Data));
        kbc.Out(Data, 0xf2);
        Assert.Equal(new byte[] { 0xfa, 0xab, 0x83 }, new[] { kbc.In(Data), kbc.In(Data), kbc.In(Data) });
        kbc.Out(Data, 0xed); // Set LEDs: ACK, then ACK for the argument.
        kbc.Out(Data, 0x07);
        Assert.Equal(new byte[] { 0xfa, 0xfa }, new[] { kbc.In(Data), kbc.In(Data) });
        Assert.Equal(0, kbc.In(Command) & OutputFull);
    }

    [Fact]
    public void CtrlAltDelArrivesInTheScanCodeSetTheCommandByteSelects()
    {
        var line = new RecordingLine();
        var kbc = new I8042(() => _resets++, line);
        kbc.SendCtrlAltDel();
        var codes = new List<byte>();
        while ((kbc.In(Command) & OutputFull) != 0) codes.Add(kbc.In(Data));
        Assert.Equal(new byte[] { 0x1d, 0x38, 0xe0, 0x53, 0xe0, 0xd3, 0xb8, 0x9d }, codes);
        // One rising edge per byte: the line drops on every read and rises again while bytes remain.
        Assert.Equal(8, line.Sets.Count(high => high));
        Assert.False(line.High);

        kbc.Out(Command, 0x60);
        kbc.Out(Data, 0x05); // Translation off: set 2.
        kbc.SendCtrlAltDel();
        codes.Clear();
        while ((kbc.In(Command) & OutputFull) != 0) codes.Add(kbc.In(Data));
        Assert.Equal(new byte[] { 0x14, 0x11, 0xe0, 0x71, 0xe0, 0xf0, 0x71, 0xf0, 0x11, 0xf0, 0x14 }, codes);
    }
}
