namespace Nido.Machines.RiscV.Fdt;

/// <summary>What the device tree describes: exactly the devices the machine inserts.</summary>
public sealed record VirtPlatform(
    int Harts,
    ulong RamSize,
    int VirtioDevices,
    ulong TimebaseHz,
    int PlicSources,
    string IsaString,
    string[] IsaExtensions,
    string MmuType,
    string BootArgs,
    (ulong Start, ulong End)? Initrd);

/// <summary>
/// The flattened device tree of the virt-layout machine, in the shape QEMU's virt board gives it, since that is
/// what OpenSBI's generic platform and Linux's drivers match: cpus with their local interrupt controllers,
/// memory, the CLINT, the PLIC, the ns16550a UART, the sifive test finisher with syscon poweroff/reboot, and one
/// virtio,mmio node per attached device.
/// </summary>
public static class VirtDeviceTree
{
    public static byte[] Build(VirtPlatform p)
    {
        var w = new FdtWriter();
        var intc = Enumerable.Range(0, p.Harts).Select(_ => w.AllocatePhandle()).ToArray();
        var cpuPhandles = Enumerable.Range(0, p.Harts).Select(_ => w.AllocatePhandle()).ToArray();
        var plic = w.AllocatePhandle();
        var test = w.AllocatePhandle();

        w.BeginNode("");
        w.Cells("#address-cells", 2);
        w.Cells("#size-cells", 2);
        w.Strings("compatible", "riscv-virtio");
        w.String("model", "riscv-virtio,qemu");

        w.BeginNode("chosen");
        w.String("bootargs", p.BootArgs);
        w.String("stdout-path", $"/soc/serial@{VirtLayout.Uart:x}");
        if (p.Initrd is { } initrd)
        {
            w.U64("linux,initrd-start", initrd.Start);
            w.U64("linux,initrd-end", initrd.End);
        }
        w.EndNode();

        w.BeginNode($"memory@{VirtLayout.RamBase:x}");
        w.String("device_type", "memory");
        w.Reg64("reg", VirtLayout.RamBase, p.RamSize);
        w.EndNode();

        w.BeginNode("cpus");
        w.Cells("#address-cells", 1);
        w.Cells("#size-cells", 0);
        w.Cells("timebase-frequency", (uint)p.TimebaseHz);
        for (var h = 0; h < p.Harts; h++)
        {
            w.BeginNode($"cpu@{h}");
            w.Cells("phandle", cpuPhandles[h]);
            w.String("device_type", "cpu");
            w.Cells("reg", (uint)h);
            w.String("status", "okay");
            w.Strings("compatible", "riscv");
            w.String("riscv,isa", p.IsaString);
            w.String("riscv,isa-base", "rv64i");
            w.Strings("riscv,isa-extensions", p.IsaExtensions);
            w.String("mmu-type", p.MmuType);
            w.BeginNode("interrupt-controller");
            w.Cells("#interrupt-cells", 1);
            w.Empty("interrupt-controller");
            w.Strings("compatible", "riscv,cpu-intc");
            w.Cells("phandle", intc[h]);
            w.EndNode();
            w.EndNode();
        }
        w.BeginNode("cpu-map");
        w.BeginNode("cluster0");
        for (var h = 0; h < p.Harts; h++)
        {
            w.BeginNode($"core{h}");
            w.Cells("cpu", cpuPhandles[h]);
            w.EndNode();
        }
        w.EndNode();
        w.EndNode();
        w.EndNode();

        w.BeginNode("soc");
        w.Cells("#address-cells", 2);
        w.Cells("#size-cells", 2);
        w.Strings("compatible", "simple-bus");
        w.Empty("ranges");

        w.BeginNode($"clint@{VirtLayout.Clint:x}");
        w.Strings("compatible", "sifive,clint0", "riscv,clint0");
        w.Reg64("reg", VirtLayout.Clint, 0x1_0000);
        w.Cells("interrupts-extended", [.. intc.SelectMany(i => new[] { i, 3u, i, 7u })]);
        w.EndNode();

        w.BeginNode($"plic@{VirtLayout.Plic:x}");
        w.Cells("phandle", plic);
        w.Strings("compatible", "sifive,plic-1.0.0", "riscv,plic0");
        w.Reg64("reg", VirtLayout.Plic, 0x60_0000);
        w.Cells("#interrupt-cells", 1);
        w.Cells("#address-cells", 0);
        w.Empty("interrupt-controller");
        w.Cells("riscv,ndev", (uint)(p.PlicSources - 1));
        w.Cells("interrupts-extended", [.. intc.SelectMany(i => new[] { i, 11u, i, 9u })]);
        w.EndNode();

        w.BeginNode($"serial@{VirtLayout.Uart:x}");
        w.Strings("compatible", "ns16550a");
        w.Reg64("reg", VirtLayout.Uart, VirtLayout.UartSize);
        w.Cells("clock-frequency", 3_686_400);
        w.Cells("interrupt-parent", plic);
        w.Cells("interrupts", VirtLayout.UartIrq);
        w.EndNode();

        w.BeginNode($"test@{VirtLayout.TestDevice:x}");
        w.Cells("phandle", test);
        w.Strings("compatible", "sifive,test1", "sifive,test0", "syscon");
        w.Reg64("reg", VirtLayout.TestDevice, VirtLayout.TestDeviceSize);
        w.EndNode();

        w.BeginNode("poweroff");
        w.Strings("compatible", "syscon-poweroff");
        w.Cells("regmap", test);
        w.Cells("offset", 0);
        w.Cells("value", 0x5555);
        w.EndNode();

        w.BeginNode("reboot");
        w.Strings("compatible", "syscon-reboot");
        w.Cells("regmap", test);
        w.Cells("offset", 0);
        w.Cells("value", 0x7777);
        w.EndNode();

        for (var i = 0; i < p.VirtioDevices; i++)
        {
            w.BeginNode($"virtio_mmio@{VirtLayout.VirtioWindow(i):x}");
            w.Strings("compatible", "virtio,mmio");
            w.Reg64("reg", VirtLayout.VirtioWindow(i), VirtLayout.VirtioStride);
            w.Cells("interrupt-parent", plic);
            w.Cells("interrupts", (uint)VirtLayout.VirtioIrq(i));
            w.EndNode();
        }
        w.EndNode(); // soc
        w.EndNode(); // root
        return w.Finish();
    }
}
