namespace Nido.Devices.Legacy;

/// <summary>
/// The PC keyboard controller, enough for what guests do with it without a keyboard: probe and self-test,
/// read and write the command byte, and reset the machine (command 0xfe, or output port bit 0 cleared).
/// </summary>
public sealed class I8042(Action reset) : IBusDevice
{
    public const ushort DataPort = 0x60, CommandPort = 0x64;

    private const byte StatusOutputFull = 0x01, StatusSystem = 0x04, StatusCommand = 0x08;
    private readonly object _lock = new();
    private byte _commandByte = 0x45; // Keyboard interrupt on, system flag, translation: a PC's power-on value.
    private byte? _output;
    private byte _pendingCommand;

    // The device is inserted at 0x60 with length 5: offset 0 is the data port, offset 4 the command/status port.
    public void Read(ulong offset, Span<byte> data)
    {
        data.Clear();
        lock (_lock)
        {
            if (offset == 0)
            {
                data[0] = _output ?? 0;
                _output = null;
            }
            else if (offset == 4)
                data[0] = (byte)(StatusSystem | (_output is null ? 0 : StatusOutputFull) | (_pendingCommand != 0 ? StatusCommand : 0));
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
                }
                _pendingCommand = 0;
            }
        }
        if (doReset) reset();
    }

    private bool Command(byte command)
    {
        _pendingCommand = 0;
        switch (command)
        {
            case 0x20: _output = _commandByte; break;
            case 0x60: case 0xd1: _pendingCommand = command; break;
            case 0xaa: _output = 0x55; break;            // Controller self-test passed.
            case 0xab: case 0xa9: _output = 0x00; break; // Port tests: no error.
            case 0xfe: return true;                      // Pulse the reset line.
        }
        return false;
    }
}
