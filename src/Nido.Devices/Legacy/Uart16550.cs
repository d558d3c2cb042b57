namespace Nido.Devices.Legacy;

/// <summary>
/// A 16550A UART (eight registers; the PC's COM1 at 0x3f8, the RISC-V machine's ns16550a). Transmit is
/// instant (THR empties at once), receive holds a 64-byte FIFO filled by the host's input pump. Interrupts
/// follow the chip: IIR reports the highest pending source, and the line stays high while one is pending.
/// </summary>
public sealed class Uart16550(Stream output, IInterruptLine? irq = null) : IBusDevice, IConsoleInput
{
    public const int FifoSize = 64;

    // Register offsets and bits (PC16550D data sheet).
    private const int Data = 0, Ier = 1, Iir = 2, Lcr = 3, Mcr = 4, Lsr = 5, Msr = 6, Scr = 7;
    private const byte IerRx = 0x01, IerThre = 0x02, IerLineStatus = 0x04, IerModem = 0x08;
    private const byte IirNone = 0x01, IirLineStatus = 0x06, IirRx = 0x04, IirThre = 0x02, IirModem = 0x00, IirFifos = 0xc0;
    private const byte LcrDlab = 0x80, McrLoop = 0x10;
    private const byte LsrDataReady = 0x01, LsrOverrun = 0x02, LsrThre = 0x20, LsrTemt = 0x40;
    // Outside loopback the modem lines read as a connected terminal: CTS, DSR and DCD up.
    private const byte MsrConnected = 0xb0;

    private readonly object _lock = new();
    // Host input and, separately, what the guest sent itself in loopback: the line is cut from the host then,
    // and a FIFO reset drops only the loopback bytes, so input typed or piped before the driver starts survives.
    private readonly HostInputQueue _rx = new(FifoSize), _loop = new(FifoSize);
    private byte _ier, _lcr, _mcr, _lsr = LsrThre | LsrTemt, _msr = MsrConnected, _scr, _dll = 0x0c, _dlm;
    private bool _fifos, _threPending, _irqHigh;

    public void Read(ulong offset, Span<byte> data)
    {
        data.Clear();
        if (offset > Scr) return;
        lock (_lock)
        {
            data[0] = ReadRegister((int)offset);
            UpdateIrq();
        }
    }

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        if (offset > Scr || data.IsEmpty) return;
        lock (_lock)
        {
            WriteRegister((int)offset, data[0]);
            UpdateIrq();
        }
    }

    /// <summary>Queues host input for the guest; returns how many bytes fit (the rest must wait for space).</summary>
    public int EnqueueInput(ReadOnlySpan<byte> bytes)
    {
        var taken = _rx.Enqueue(bytes);
        if (taken > 0)
            lock (_lock) UpdateIrq();
        return taken;
    }

    /// <summary>Blocks until the receive FIFO has room or the timeout passes; true when there is room.</summary>
    public bool WaitForSpace(int timeoutMs) => _rx.WaitForSpace(timeoutMs);

    private byte ReadRegister(int register)
    {
        switch (register)
        {
            case Data when (_lcr & LcrDlab) != 0:
                return _dll;
            case Data:
                Span<byte> b = stackalloc byte[1];
                return Receive.Dequeue(b) == 1 ? b[0] : (byte)0;
            case Ier when (_lcr & LcrDlab) != 0:
                return _dlm;
            case Ier:
                return _ier;
            case Iir:
                var iir = Identify();
                // Reading IIR acknowledges a THR-empty interrupt (it is re-armed by the next write).
                if (iir == IirThre) _threPending = false;
                return (byte)(iir | (_fifos ? IirFifos : 0));
            case Lcr:
                return _lcr;
            case Mcr:
                return _mcr;
            case Lsr:
                var lsr = (byte)(_lsr | (Receive.Count > 0 ? LsrDataReady : 0));
                _lsr &= unchecked((byte)~LsrOverrun);
                return lsr;
            case Msr:
                var msr = ModemStatus();
                _msr &= 0xf0; // Reading clears the delta bits.
                return msr;
            default:
                return _scr;
        }
    }

    private void WriteRegister(int register, byte value)
    {
        switch (register)
        {
            case Data when (_lcr & LcrDlab) != 0:
                _dll = value;
                break;
            case Data:
                if ((_mcr & McrLoop) != 0)
                {
                    if (_loop.Enqueue([value]) == 0) _lsr |= LsrOverrun;
                }
                else Transmit(value);
                _threPending = true;
                break;
            case Ier when (_lcr & LcrDlab) != 0:
                _dlm = value;
                break;
            case Ier:
                // Enabling the THR-empty source while THR is empty raises it at once, as the chip does.
                if ((value & IerThre) != 0 && (_ier & IerThre) == 0) _threPending = true;
                _ier = (byte)(value & 0x0f);
                break;
            case Iir:
                _fifos = (value & 0x01) != 0;
                if ((value & 0x02) != 0) _loop.Clear();
                break;
            case Lcr:
                _lcr = value;
                break;
            case Mcr:
                _mcr = (byte)(value & 0x1f);
                break;
            case Lsr:
            case Msr:
                break; // Read-only (factory test registers on the real chip).
            default:
                _scr = value;
                break;
        }
    }

    private HostInputQueue Receive => (_mcr & McrLoop) != 0 ? _loop : _rx;

    private void Transmit(byte value)
    {
        try
        {
            output.WriteByte(value);
            output.Flush();
        }
        catch (IOException) { } // A closed console must not stop the guest.
        catch (ObjectDisposedException) { }
    }

    private byte ModemStatus()
    {
        if ((_mcr & McrLoop) == 0) return _msr;
        // Loopback: DTR→DSR, RTS→CTS, OUT1→RI, OUT2→DCD (Linux probes this to find the chip).
        var m = _mcr;
        return (byte)(((m & 0x02) << 3) | ((m & 0x01) << 5) | ((m & 0x04) << 4) | ((m & 0x08) << 4));
    }

    private byte Identify()
    {
        if ((_ier & IerLineStatus) != 0 && (_lsr & LsrOverrun) != 0) return IirLineStatus;
        if ((_ier & IerRx) != 0 && Receive.Count > 0) return IirRx;
        if ((_ier & IerThre) != 0 && _threPending) return IirThre;
        if ((_ier & IerModem) != 0 && (_msr & 0x0f) != 0) return IirModem;
        return IirNone;
    }

    private void UpdateIrq()
    {
        var high = Identify() != IirNone;
        if (high == _irqHigh || irq is null) return;
        _irqHigh = high;
        irq.Set(high);
    }
}
