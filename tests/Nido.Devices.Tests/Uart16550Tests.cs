using System.Text;
using Nido.Devices.Legacy;

namespace Nido.Devices.Tests;

public sealed class Uart16550Tests
{
    // Register offsets and the bits the tests look at.
    private const ulong Rbr = 0, Ier = 1, Iir = 2, Lcr = 3, Mcr = 4, Lsr = 5, Msr = 6, Scr = 7;
    private const byte DataReady = 0x01, Overrun = 0x02, ThrEmpty = 0x60;

    private readonly MemoryStream _output = new();
    private readonly RecordingLine _line = new();

    private Uart16550 Uart() => new(_output, _line);

    private static string Drain(Uart16550 uart)
    {
        var s = new StringBuilder();
        while ((uart.In(Lsr) & DataReady) != 0) s.Append((char)uart.In(Rbr));
        return s.ToString();
    }

    // --- What Linux's 8250 autoconfig probes ---

    [Fact]
    public void ScratchRegisterKeepsWhatIsWritten()
    {
        var uart = Uart();
        foreach (var v in new byte[] { 0xa5, 0x5a, 0x00, 0xff })
        {
            uart.Out(Scr, v);
            Assert.Equal(v, uart.In(Scr));
        }
    }

    [Fact]
    public void IerReadsBackItsFourSourceBits()
    {
        var uart = Uart();
        uart.Out(Ier, 0);
        Assert.Equal(0, uart.In(Ier));
        uart.Out(Ier, 0x0f);
        Assert.Equal(0x0f, uart.In(Ier));
        uart.Out(Ier, 0xff);
        Assert.Equal(0x0f, uart.In(Ier));
    }

    [Theory]
    [InlineData(0x1a, 0x90)] // Loop | OUT2 | RTS → DCD | CTS: Linux's loopback test.
    [InlineData(0x1f, 0xf0)] // Everything on → DCD | RI | DSR | CTS.
    [InlineData(0x11, 0x20)] // DTR → DSR.
    [InlineData(0x14, 0x40)] // OUT1 → RI.
    [InlineData(0x10, 0x00)]
    public void LoopbackMapsModemControlOntoModemStatus(byte mcr, byte msr)
    {
        var uart = Uart();
        uart.Out(Mcr, mcr);
        Assert.Equal(msr, uart.In(Msr) & 0xf0);
    }

    [Fact]
    public void OutsideLoopbackTheModemLinesShowAConnectedTerminal()
    {
        var uart = Uart();
        uart.Out(Mcr, 0x0b);
        Assert.Equal(0xb0, uart.In(Msr)); // DCD, DSR, CTS; no delta bits.
        uart.Out(Mcr, 0x1a);
        uart.Out(Mcr, 0x0b);
        Assert.Equal(0xb0, uart.In(Msr));
    }

    [Fact]
    public void FifoEnableIsReportedInIirBits6And7()
    {
        var uart = Uart();
        Assert.Equal(0x01, uart.In(Iir)); // No FIFOs, nothing pending.
        uart.Out(Iir, 0x01);              // FCR: enable FIFOs.
        Assert.Equal(0xc0, uart.In(Iir) & 0xc0); // A 16550A, not a buggy 16550.
        Assert.Equal(0x01, uart.In(Iir) & 0x0f);
        uart.Out(Iir, 0x00);
        Assert.Equal(0x01, uart.In(Iir));
    }

    [Fact]
    public void DlabSwitchesOffsets0And1ToTheDivisorLatch()
    {
        var uart = Uart();
        uart.Out(Ier, 0x05);
        uart.Out(Lcr, 0x83);
        Assert.Equal(0x0c, uart.In(Rbr)); // Power-on divisor: 9600 baud.
        Assert.Equal(0x00, uart.In(Ier));
        uart.Out(Rbr, 0x01);              // 115200 baud.
        uart.Out(Ier, 0x02);
        Assert.Equal(0x01, uart.In(Rbr));
        Assert.Equal(0x02, uart.In(Ier));
        Assert.Equal(0x83, uart.In(Lcr));
        Assert.Equal(0, _output.Length);  // Latch writes are not transmitted.

        uart.Out(Lcr, 0x03);
        Assert.Equal(0x05, uart.In(Ier)); // The real IER was untouched.
        uart.Out(Rbr, (byte)'k');
        Assert.Equal("k", Encoding.ASCII.GetString(_output.ToArray()));
        uart.Out(Lcr, 0x83);
        Assert.Equal(0x01, uart.In(Rbr));
        Assert.Equal(0x02, uart.In(Ier));
    }

    // --- Data ---

    [Fact]
    public void TransmitGoesToTheOutputAndThrStaysEmpty()
    {
        var uart = Uart();
        foreach (var c in "hello\n") uart.Out(Rbr, (byte)c);
        Assert.Equal("hello\n", Encoding.ASCII.GetString(_output.ToArray()));
        Assert.Equal(ThrEmpty, uart.In(Lsr));
    }

    [Fact]
    public void AClosedOutputDoesNotStopTheGuest()
    {
        _output.Dispose();
        var uart = Uart();
        uart.Out(Rbr, (byte)'x');
        Assert.Equal(ThrEmpty, uart.In(Lsr));
    }

    [Fact]
    public void HostInputShowsInLsrAndComesOutOfRbrInOrder()
    {
        var uart = Uart();
        Assert.Equal(0, uart.In(Lsr) & DataReady);
        Assert.Equal(3, uart.EnqueueInput("abc"u8));
        Assert.Equal(DataReady, uart.In(Lsr) & DataReady);
        Assert.Equal((byte)'a', uart.In(Rbr));
        Assert.Equal(2, uart.EnqueueInput("de"u8));
        Assert.Equal("bcde", Drain(uart));
        Assert.Equal(0, uart.In(Rbr)); // Empty FIFO reads zero.
        Assert.Equal(ThrEmpty, uart.In(Lsr));
    }

    [Fact]
    public void TheReceiveFifoHolds64BytesAndSaysHowManyFit()
    {
        var uart = Uart();
        var input = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        Assert.Equal(Uart16550.FifoSize, uart.EnqueueInput(input));
        Assert.Equal(0, uart.EnqueueInput(input.AsSpan(64)));
        Assert.Equal(0, uart.In(Rbr));
        Assert.Equal(1, uart.EnqueueInput(input.AsSpan(64)));
        var received = new List<byte>();
        while ((uart.In(Lsr) & DataReady) != 0) received.Add(uart.In(Rbr));
        Assert.Equal(input[1..65], received);
    }

    [Fact]
    public void WaitForSpaceReturnsWhenTheGuestReads()
    {
        var uart = Uart();
        Assert.True(uart.WaitForSpace(0));
        uart.EnqueueInput(new byte[Uart16550.FifoSize]);
        Assert.False(uart.WaitForSpace(20));

        var reader = new Thread(() =>
        {
            Thread.Sleep(50);
            uart.In(Rbr);
        });
        reader.Start();
        Assert.True(uart.WaitForSpace(10_000));
        Assert.Equal(1, uart.EnqueueInput([1, 2]));
        Assert.True(reader.Join(10_000));
    }

    // --- Interrupts ---

    [Fact]
    public void ThrEmptyInterruptIsRaisedWhenEnabledAndAcknowledgedByReadingIir()
    {
        var uart = Uart();
        uart.Out(Ier, 0x02);
        Assert.True(_line.High);          // THR is empty, so enabling the source raises it at once.
        Assert.Equal(0x02, uart.In(Iir));
        Assert.False(_line.High);         // Reading IIR acknowledged it.
        Assert.Equal(0x01, uart.In(Iir));

        uart.Out(Rbr, (byte)'x');          // A write re-arms it.
        Assert.True(_line.High);
        Assert.Equal(0x02, uart.In(Iir));
        Assert.False(_line.High);
        Assert.Equal([true, false, true, false], _line.Sets);
    }

    [Fact]
    public void ReenablingThrEmptyReassertsIt()
    {
        // Linux's UART_BUG_THRE test at startup: a 16550 raises THRE again each time the source is enabled.
        var uart = Uart();
        uart.Out(Ier, 0x02);
        var iir1 = uart.In(Iir);
        uart.Out(Ier, 0x00);
        uart.Out(Ier, 0x02);
        var iir2 = uart.In(Iir);
        uart.Out(Ier, 0x00);
        Assert.Equal(0x02, iir1);
        Assert.Equal(0x02, iir2);
        Assert.False(_line.High);
    }

    [Fact]
    public void ThrEmptyIsNotRaisedWhileDisabled()
    {
        var uart = Uart();
        uart.Out(Ier, 0x01);
        Assert.Empty(_line.Sets);
        Assert.Equal(0x01, uart.In(Iir));
    }

    [Fact]
    public void ReceivedDataTakesPriorityOverThrEmpty()
    {
        var uart = Uart();
        uart.Out(Iir, 0x01);
        uart.Out(Ier, 0x03);
        uart.EnqueueInput("z"u8);
        Assert.Equal(0xc4, uart.In(Iir));  // RX data; THRE still pending behind it.
        Assert.True(_line.High);
        Assert.Equal((byte)'z', uart.In(Rbr));
        Assert.Equal(0xc2, uart.In(Iir));
        Assert.Equal(0xc1, uart.In(Iir));
        Assert.False(_line.High);
    }

    [Fact]
    public void TheLineFollowsReceivedDataWithoutRepeatingLevels()
    {
        var uart = Uart();
        uart.Out(Ier, 0x01);
        Assert.Empty(_line.Sets);
        uart.EnqueueInput("ab"u8);
        Assert.True(_line.High);
        uart.EnqueueInput("c"u8);
        uart.In(Rbr);
        uart.In(Rbr);
        Assert.True(_line.High);           // One byte left.
        uart.In(Rbr);
        Assert.False(_line.High);
        Assert.Equal([true, false], _line.Sets);

        uart.EnqueueInput("d"u8);
        uart.Out(Ier, 0x00);               // Disabling the source drops the line.
        Assert.Equal([true, false, true, false], _line.Sets);
    }

    [Fact]
    public void LoopbackOverrunIsALineStatusInterruptClearedByReadingLsr()
    {
        var uart = Uart();
        uart.Out(Mcr, 0x10);
        uart.Out(Ier, 0x04);
        for (var i = 0; i <= Uart16550.FifoSize; i++) uart.Out(Rbr, (byte)i);
        Assert.True(_line.High);
        Assert.Equal(0x06, uart.In(Iir));
        Assert.Equal(Overrun | DataReady, uart.In(Lsr) & (Overrun | DataReady));
        Assert.False(_line.High);
        Assert.Equal(0, uart.In(Lsr) & Overrun);
    }

    // --- Loopback ---

    [Fact]
    public void LoopbackBytesComeBackAndDoNotReachTheOutput()
    {
        var uart = Uart();
        uart.Out(Mcr, 0x10);
        uart.Out(Rbr, 0x55);
        uart.Out(Rbr, 0xaa);
        Assert.Equal(0, _output.Length);
        Assert.Equal(DataReady, uart.In(Lsr) & DataReady);
        Assert.Equal(0x55, uart.In(Rbr));
        Assert.Equal(0xaa, uart.In(Rbr));
        Assert.Equal(0, uart.In(Lsr) & DataReady);
    }

    [Fact]
    public void FifoReceiveResetDropsOnlyLoopbackBytesAndKeepsHostInput()
    {
        var uart = Uart();
        uart.EnqueueInput("typed early"u8); // Before the driver probes.
        uart.Out(Mcr, 0x10);
        Assert.Equal(0, uart.In(Lsr) & DataReady); // The line is cut from the host in loopback.
        uart.Out(Rbr, (byte)'!');
        uart.Out(Iir, 0x03);                       // FCR: enable and reset the receive FIFO.
        Assert.Equal(0, uart.In(Lsr) & DataReady);
        uart.Out(Rbr, (byte)'?');
        uart.Out(Mcr, 0x0b);                       // Probe done.
        Assert.Equal(0, _output.Length);
        Assert.Equal("typed early", Drain(uart));
    }

    [Fact]
    public void HostInputArrivingDuringLoopbackWaitsForItsEnd()
    {
        var uart = Uart();
        uart.Out(Ier, 0x01);
        uart.Out(Mcr, 0x10);
        uart.EnqueueInput("x"u8);
        Assert.Empty(_line.Sets);
        uart.Out(Mcr, 0x00);
        Assert.True(_line.High);
        Assert.Equal("x", Drain(uart));
    }

    // --- Odd accesses ---

    [Fact]
    public void WideAndOutOfRangeAccessesAreHarmless()
    {
        var uart = Uart();
        uart.Out(Scr, 0x42);
        Span<byte> wide = [0xee, 0xee, 0xee, 0xee];
        uart.Read(Scr, wide);
        Assert.Equal([0x42, 0, 0, 0], wide.ToArray());
        uart.Read(8, wide);
        Assert.Equal([0, 0, 0, 0], wide.ToArray());
        uart.Write(8, [1]);
        uart.Write(0, []);
        Assert.Equal(0, _output.Length);
    }

    // --- Threads ---

    [Fact]
    public void InputPumpOnAnotherThreadDeliversEveryByteInOrder()
    {
        var uart = Uart();
        uart.Out(Ier, 0x01);
        var input = Enumerable.Range(0, 20_000).Select(i => (byte)(i * 31 + 7)).ToArray();
        var deadline = Environment.TickCount64 + 20_000; // Bounds a hang; the loop takes milliseconds.
        var pump = new Thread(() =>
        {
            var at = 0;
            while (at < input.Length && Environment.TickCount64 < deadline)
            {
                at += uart.EnqueueInput(input.AsSpan(at, Math.Min(13, input.Length - at)));
                if (at < input.Length) uart.WaitForSpace(100);
            }
        });
        pump.Start();

        var received = new List<byte>(input.Length);
        while (received.Count < input.Length && Environment.TickCount64 < deadline)
        {
            if ((uart.In(Lsr) & DataReady) != 0) received.Add(uart.In(Rbr));
            else Thread.Yield();
        }
        Assert.True(pump.Join(20_000));
        Assert.Equal(input, received);
        Assert.False(_line.High);
        // Levels alternate: the device never drives the same level twice in a row.
        var sets = _line.Sets;
        Assert.All(sets.Zip(sets.Skip(1)), p => Assert.NotEqual(p.First, p.Second));
    }
}
