namespace Nido.Machines.RiscV;

/// <summary>
/// OpenSBI's fw_dynamic_info (include/sbi/fw_dynamic.h, version 2): where firmware jumps next, in which mode,
/// and which hart boots. Passed in a2 to fw_dynamic.
/// </summary>
public static class FirmwareInfo
{
    public const ulong Magic = 0x4942534f; // "OSBI"
    public const ulong Version = 2;
    public const ulong NextModeSupervisor = 1;
    public const int Size = 6 * 8;

    public static byte[] Build(ulong nextAddress, ulong bootHart = 0)
    {
        var b = new byte[Size];
        var s = b.AsSpan();
        BitConverter.TryWriteBytes(s[0..], Magic);
        BitConverter.TryWriteBytes(s[8..], Version);
        BitConverter.TryWriteBytes(s[16..], nextAddress);
        BitConverter.TryWriteBytes(s[24..], NextModeSupervisor);
        BitConverter.TryWriteBytes(s[32..], 0UL); // options
        BitConverter.TryWriteBytes(s[40..], bootHart);
        return b;
    }
}
