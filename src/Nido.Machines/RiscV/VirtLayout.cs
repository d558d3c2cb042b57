namespace Nido.Machines.RiscV;

/// <summary>
/// The RISC-V machine's physical address map, QEMU virt's (so firmware and kernels built for it find things
/// where they look): test/poweroff device, CLINT, PLIC, one ns16550a UART, eight virtio-mmio slots, RAM.
/// </summary>
public static class VirtLayout
{
    public const ulong TestDevice = 0x0010_0000, TestDeviceSize = 0x1000;
    public const ulong Clint = 0x0200_0000;
    public const ulong Plic = 0x0c00_0000;
    public const ulong Uart = 0x1000_0000, UartSize = 0x100;
    public const int UartIrq = 10;
    public const ulong VirtioBase = 0x1000_1000, VirtioStride = 0x1000;
    public const int VirtioSlots = 8;
    /// <summary>PLIC sources of the virtio slots: 1–8.</summary>
    public const int VirtioFirstIrq = 1;
    public const ulong RamBase = 0x8000_0000;

    public static ulong VirtioWindow(int slot) => VirtioBase + (ulong)slot * VirtioStride;

    public static int VirtioIrq(int slot) => VirtioFirstIrq + slot;
}
