namespace Nido.Devices.Legacy;

/// <summary>
/// The PC keyboard controller and a keyboard with no keys pressed: controller self-test, the command byte,
/// reset (command 0xfe, or output port bit 0 cleared), and keyboard commands answered as a real AT keyboard
/// does (ACK, reset BAT, GETID) so Linux's atkbd binds. <see cref="SendCtrlAltDel"/> types the one chord a
/// VMM sends (Firecracker's SendCtrlAltDel), in scan code set 1 when the command byte asks for translation.
/// </summary>
public sealed class I8042(Action reset, IInterruptLine? keyboardIrq = null) : IBusDevice
{
    public const ushort DataPort = 0x60, CommandPort = 0x64;

    private const byte StatusOutputFull = 0x01, StatusSystem = 0x04, StatusCommand = 0x08;
    private const byte CommandByteKeyboardIrq = 0x01, CommandByteTranslate = 0x40;
    private const int OutputLimit = 64;
    private readonly object _lock = new();
    private readonly Queue<byte> _output = new();
    private byte _commandByte = 0x45; // Keyboard interrupt on, system flag, translation: a PC's power-on value.
    private byte _pendingCommand, _pendingKeyboardCommand;

    // The device is inserted at 0x60 with length 5: offset 0 is the data port, offset 4 the command/status port.
    public void Read(ulong offset, Span<byte> data)
    {
        data.Clear();
        lock (_lock)
        {
            if (offset == 0)
            {
                if (_output.Count > 0) data[0] = _output.Dequeue();
                // IRQ 1 is edge-triggered: drop the line with each byte taken so the next one makes a new edge.
                SetIrq(false);
                UpdateIrq();
            }
            else if (offset == 4)
                data[0] = (byte)(StatusSystem | (_output.Count == 0 ? 0 : StatusOutputFull) | (_pendingCommand != 0 ? StatusCommand : 0));
        }
    }

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        var value = data[0];
        var doReset = false;
        lock (_lock)
        {
            if (offset == 4) doReset = Command(value);
            else if (offset == 0)
            {
                switch (_pendingCommand)
                {
                    case 0x60: _commandByte = value; break;
                    case 0xd1: doReset = (value & 1) == 0; break; // Output port: bit 0 low holds the CPU in reset.
                    case 0xd2: Push(value); break;                // Write keyboard output buffer (loopback).
                    case 0: Keyboard(value); break;
                }
                _pendingCommand = 0;
            }
            UpdateIrq();
        }
        if (doReset) reset();
    }

    /// <summary>Presses and releases Ctrl, Alt and Delete; the guest sees them as keyboard input on IRQ 1.</summary>
    public void SendCtrlAltDel()
    {
        lock (_lock)
        {
            byte[] keys = (_commandByte & CommandByteTranslate) != 0
                ? [0x1d, 0x38, 0xe0, 0x53, 0xe0, 0xd3, 0xb8, 0x9d]                    // Set 1 (translated).
                : [0x14, 0x11, 0xe0, 0x71, 0xe0, 0xf0, 0x71, 0xf0, 0x11, 0xf0, 0x14]; // Set 2.
            foreach (var k in keys) Push(k);
            UpdateIrq();
        }
    }

    private bool Command(byte command)
    {
        _pendingCommand = 0;
        switch (command)
        {
            case 0x20: Push(_commandByte); break;
            case 0x60: case 0xd1: case 0xd2: _pendingCommand = command; break;
            case 0xaa: Push(0x55); break;            // Controller self-test passed.
            case 0xab: case 0xa9: Push(0x00); break; // Port tests: no error.
            case 0xad: _commandByte |= 0x10; break;  // Disable / enable the keyboard clock.
            case 0xae: _commandByte &= 0xef; break;
            case 0xfe: return true;                  // Pulse the reset line.
        }
        return false;
    }

    /// <summary>A byte for the keyboard itself: every command is acknowledged; some answer more.</summary>
    private void Keyboard(byte value)
    {
        if (_pendingKeyboardCommand != 0)
        {
            _pendingKeyboardCommand = 0; // The argument of LED / typematic / scan-set commands.
            Push(0xfa);
            return;
        }
        Push(0xfa);
        switch (value)
        {
            case 0xff: Push(0xaa); break;                       // Reset: self-test passed.
            case 0xf2: Push(0xab); Push(0x83); break;           // GETID: an MF2 keyboard.
            case 0xed: case 0xf3: case 0xf0: _pendingKeyboardCommand = value; break;
        }
    }

    private void Push(byte value)
    {
        if (_output.Count < OutputLimit) _output.Enqueue(value);
    }

    private bool _irqHigh;

    private void UpdateIrq() => SetIrq(_output.Count > 0 && (_commandByte & CommandByteKeyboardIrq) != 0);

    private void SetIrq(bool high)
    {
        if (high == _irqHigh) return;
        _irqHigh = high;
        keyboardIrq?.Set(high);
    }
}
