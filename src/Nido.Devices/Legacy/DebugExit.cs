namespace Nido.Devices.Legacy;

/// <summary>
/// isa-debug-exit (port 0xf4 on the PC): a write of a value ends the VM with that value as the exit code.
/// Unlike QEMU's (value &lt;&lt; 1 | 1), the code is the value itself, so a guest's 0 means success.
/// </summary>
public sealed class DebugExit(Action<int> exit) : IBusDevice
{
    public const ushort DefaultPort = 0xf4;

    public void Read(ulong offset, Span<byte> data) => data.Clear();

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        if (offset != 0 || data.IsEmpty) return;
        Span<byte> value = stackalloc byte[4];
        value.Clear();
        data[..Math.Min(4, data.Length)].CopyTo(value);
        exit(BitConverter.ToInt32(value));
    }
}
