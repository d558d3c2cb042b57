using Nido.Machines.RiscV;
using Nido.Machines.RiscV.Fdt;

namespace Nido.Machines.Tests.RiscV;

/// <summary>The virt machine's device tree, read back by dtc: every node Linux and OpenSBI look for, wired consistently.</summary>
public sealed class VirtDeviceTreeTests
{
    private const string Isa = "rv64imafdc_zicntr_zicsr_zifencei_zba_zbb";
    private static readonly string[] Extensions = ["i", "m", "a", "f", "d", "c", "zicntr", "zicsr", "zifencei", "zba", "zbb"];

    private static VirtPlatform Platform(int harts, int virtio, (ulong, ulong)? initrd = null) =>
        new(harts, 256UL << 20, virtio, 10_000_000, 96, Isa, Extensions, "riscv,sv48", "console=ttyS0 earlycon root=/dev/vda rw", initrd);

    private static DtsNode Decompile(VirtPlatform p)
    {
        if (Dtc.Unavailable() is { } why) Assert.Skip(why);
        var (root, warnings) = Dtc.Decompile(VirtDeviceTree.Build(p));
        var unexpected = warnings.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(w => !Tolerated(w)).ToArray();
        Assert.True(unexpected.Length == 0, $"dtc's checks complained:\n{string.Join("\n", unexpected)}");
        return root;
    }

    /// <summary>
    /// dtc warnings the tree is known to draw: QEMU's own virt tree has the cpu-intc one too; poweroff and reboot
    /// sit under the simple-bus without reg (QEMU puts them at the root), which Linux populates all the same.
    /// </summary>
    private static bool Tolerated(string warning) =>
        (warning.Contains("Warning (interrupt_provider)") && warning.Contains("/interrupt-controller: Missing #address-cells"))
        || (warning.Contains("Warning (simple_bus_reg)") && (warning.Contains("/soc/poweroff:") || warning.Contains("/soc/reboot:")));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void CpusHaveIsaMmuAndTheirOwnInterruptController(int harts)
    {
        var root = Decompile(Platform(harts, 0));
        var cpus = root.Child("cpus");
        Assert.Equal(1u, cpus.Cell("#address-cells"));
        Assert.Equal(0u, cpus.Cell("#size-cells"));
        Assert.Equal(10_000_000u, cpus.Cell("timebase-frequency"));
        var nodes = cpus.Children.Where(c => c.Name.StartsWith("cpu@", StringComparison.Ordinal)).ToArray();
        Assert.Equal(harts, nodes.Length);
        var map = cpus.Child("cpu-map").Child("cluster0");
        for (var h = 0; h < harts; h++)
        {
            var cpu = cpus.Child($"cpu@{h}");
            Assert.Equal((uint)h, cpu.Cell("reg"));
            Assert.Equal("cpu", cpu.String("device_type"));
            Assert.Equal("okay", cpu.String("status"));
            Assert.Equal(["riscv"], cpu.Strings("compatible"));
            Assert.Equal(Isa, cpu.String("riscv,isa"));
            Assert.Equal(Extensions, cpu.Strings("riscv,isa-extensions"));
            Assert.Equal("riscv,sv48", cpu.String("mmu-type"));
            var intc = cpu.Child("interrupt-controller");
            Assert.True(intc.Has("interrupt-controller"));
            Assert.Equal(1u, intc.Cell("#interrupt-cells"));
            Assert.Equal(["riscv,cpu-intc"], intc.Strings("compatible"));
            Assert.Equal(cpu.Cell("phandle"), map.Child($"core{h}").Cell("cpu"));
        }
    }

    [Fact]
    public void MemoryStartsAtRamBase()
    {
        var root = Decompile(Platform(1, 0));
        Assert.Equal(2u, root.Cell("#address-cells"));
        Assert.Equal(2u, root.Cell("#size-cells"));
        var memory = root.Child($"memory@{VirtLayout.RamBase:x}");
        Assert.Equal("memory", memory.String("device_type"));
        Assert.Equal([VirtLayout.RamBase, 256UL << 20], memory.Pairs("reg"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ClintAndPlicReachEveryHartsLocalInterrupts(int harts)
    {
        var root = Decompile(Platform(harts, 0));
        var intc = Enumerable.Range(0, harts).Select(h => root.Child("cpus").Child($"cpu@{h}").Child("interrupt-controller").Cell("phandle")).ToArray();
        var soc = root.Child("soc");

        var clint = soc.Child($"clint@{VirtLayout.Clint:x}");
        Assert.Equal(["sifive,clint0", "riscv,clint0"], clint.Strings("compatible"));
        Assert.Equal([VirtLayout.Clint, 0x1_0000UL], clint.Pairs("reg"));
        // Per hart: machine software (3) and machine timer (7).
        Assert.Equal([.. intc.SelectMany(p => new[] { p, 3u, p, 7u })], clint.Cells("interrupts-extended"));

        var plic = soc.Child($"plic@{VirtLayout.Plic:x}");
        Assert.Equal(["sifive,plic-1.0.0", "riscv,plic0"], plic.Strings("compatible"));
        Assert.Equal([VirtLayout.Plic, 0x60_0000UL], plic.Pairs("reg"));
        Assert.True(plic.Has("interrupt-controller"));
        Assert.Equal(1u, plic.Cell("#interrupt-cells"));
        Assert.Equal(95u, plic.Cell("riscv,ndev"));
        // Per hart: context 2h is machine external (11), 2h+1 supervisor external (9).
        Assert.Equal([.. intc.SelectMany(p => new[] { p, 11u, p, 9u })], plic.Cells("interrupts-extended"));
    }

    [Fact]
    public void SerialTestDeviceAndPowerControls()
    {
        var root = Decompile(Platform(1, 0));
        var soc = root.Child("soc");
        var plic = soc.Child($"plic@{VirtLayout.Plic:x}").Cell("phandle");

        var serial = soc.Child($"serial@{VirtLayout.Uart:x}");
        Assert.Equal(["ns16550a"], serial.Strings("compatible"));
        Assert.Equal([VirtLayout.Uart, VirtLayout.UartSize], serial.Pairs("reg"));
        Assert.Equal(plic, serial.Cell("interrupt-parent"));
        Assert.Equal((uint)VirtLayout.UartIrq, serial.Cell("interrupts"));
        Assert.Equal(3_686_400u, serial.Cell("clock-frequency"));

        var test = soc.Child($"test@{VirtLayout.TestDevice:x}");
        Assert.Equal(["sifive,test1", "sifive,test0", "syscon"], test.Strings("compatible"));
        Assert.Equal([VirtLayout.TestDevice, VirtLayout.TestDeviceSize], test.Pairs("reg"));
        foreach (var (name, value) in new[] { ("poweroff", 0x5555u), ("reboot", 0x7777u) })
        {
            var node = soc.Child(name);
            Assert.Equal([$"syscon-{name}"], node.Strings("compatible"));
            Assert.Equal(test.Cell("phandle"), node.Cell("regmap"));
            Assert.Equal(0u, node.Cell("offset"));
            Assert.Equal(value, node.Cell("value"));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(VirtLayout.VirtioSlots)]
    public void OneVirtioMmioNodePerDevice(int devices)
    {
        var root = Decompile(Platform(1, devices));
        var soc = root.Child("soc");
        var plic = soc.Child($"plic@{VirtLayout.Plic:x}").Cell("phandle");
        var nodes = soc.Children.Where(c => c.Name.StartsWith("virtio_mmio@", StringComparison.Ordinal)).ToArray();
        Assert.Equal(devices, nodes.Length);
        for (var i = 0; i < devices; i++)
        {
            var node = soc.Child($"virtio_mmio@{VirtLayout.VirtioWindow(i):x}");
            Assert.Equal(["virtio,mmio"], node.Strings("compatible"));
            Assert.Equal([VirtLayout.VirtioWindow(i), VirtLayout.VirtioStride], node.Pairs("reg"));
            Assert.Equal(plic, node.Cell("interrupt-parent"));
            Assert.Equal((uint)(i + 1), node.Cell("interrupts"));
        }
    }

    [Fact]
    public void ChosenCarriesBootargsConsoleAndInitrd()
    {
        var root = Decompile(Platform(1, 0, (0x8f00_0000, 0x8f12_3456)));
        var chosen = root.Child("chosen");
        Assert.Equal("console=ttyS0 earlycon root=/dev/vda rw", chosen.String("bootargs"));
        Assert.Equal([0x8f00_0000UL], chosen.Pairs("linux,initrd-start"));
        Assert.Equal([0x8f12_3456UL], chosen.Pairs("linux,initrd-end"));
        // stdout-path names a node that exists.
        var path = chosen.String("stdout-path").Split('/', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["soc", $"serial@{VirtLayout.Uart:x}"], path);
        root.Child(path[0]).Child(path[1]);
    }

    [Fact]
    public void NoInitrdMeansNoInitrdProperties()
    {
        var chosen = Decompile(Platform(1, 0)).Child("chosen");
        Assert.False(chosen.Has("linux,initrd-start"));
        Assert.False(chosen.Has("linux,initrd-end"));
    }

    [Fact]
    public void PhandlesAreUniqueAndEveryReferenceResolves()
    {
        var root = Decompile(Platform(4, 3));
        var all = new List<DtsNode>();
        void Walk(DtsNode n) { all.Add(n); n.Children.ForEach(Walk); }
        Walk(root);
        var phandles = all.Where(n => n.Has("phandle")).Select(n => n.Cell("phandle")).ToArray();
        Assert.Equal(phandles.Length, phandles.Distinct().Count());
        foreach (var n in all)
        {
            foreach (var p in new[] { "interrupt-parent", "regmap", "cpu" }.Where(n.Has)) Assert.Contains(n.Cell(p), phandles);
            if (n.Has("interrupts-extended"))
                Assert.All(n.Cells("interrupts-extended").Where((_, i) => i % 2 == 0), p => Assert.Contains(p, phandles));
        }
    }
}
