namespace Nido.Devices.Legacy;

/// <summary>
/// The "sifive,test0" finisher (QEMU virt's poweroff/reboot device): a write of 0x5555 powers off with success,
/// 0x3333 | code &lt;&lt; 16 powers off with failure <c>code</c>, 0x7777 resets. Other values are ignored. Writes
/// of 16 bits count as QEMU's do: OpenSBI's SRST driver uses them (writew), and a reset it asked for that never
/// came would leave the hart parked in M-mode and the VM running.
/// </summary>
public sealed class SifiveTest(Action<int> powerOff, Action reset) : IBusDevice
{
    public const uint Pass = 0x5555, Fail = 0x3333, Reset = 0x7777;

    public void Read(ulong offset, Span<byte> data) => data.Clear();

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        if (offset != 0 || data.Length is not (2 or 4)) return;
        var value = data.Length == 2 ? BitConverter.ToUInt16(data) : BitConverter.ToUInt32(data);
        switch (value & 0xffff)
        {
            case Pass: powerOff(0); break;
            case Fail: powerOff((int)(value >> 16) is var code and not 0 ? code : 1); break;
            case Reset: reset(); break;
        }
    }
}
