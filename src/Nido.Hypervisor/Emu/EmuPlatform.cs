namespace Nido.Hypervisor.Emu;

/// <summary>
/// Where the emulator's built-in interrupt hardware sits (the CLINT and PLIC play the part KVM's in-kernel
/// irqchip plays for x86) and how fast mtime counts.
/// </summary>
public sealed record EmuPlatform(ulong ClintBase, ulong PlicBase, int PlicSources, ulong TimebaseHz)
{
    /// <summary>QEMU virt's layout and 10 MHz timebase.</summary>
    public static readonly EmuPlatform Virt = new(0x0200_0000, 0x0c00_0000, 96, 10_000_000);

    public const ulong ClintSize = 0x1_0000;
    public const ulong PlicSize = 0x60_0000;
}
