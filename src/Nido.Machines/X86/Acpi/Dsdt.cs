namespace Nido.Machines.X86.Acpi;

/// <summary>
/// The Differentiated System Description Table: \_S5 (soft-off through the sleep control register) and, under
/// \_SB, the devices a guest cannot probe on a hardware-reduced machine: COM ports (PNP0501), the i8042
/// keyboard controller (PNP0303), the CMOS clock (PNP0B00) and each virtio-mmio window as LNRO0005, the id
/// Linux's virtio_mmio driver binds to (as Firecracker and QEMU's microvm describe them).
/// </summary>
public static class Dsdt
{
    public static byte[] Build(AcpiPlatform platform)
    {
        var devices = new List<byte[]>();
        for (var i = 0; i < platform.SerialPorts.Count; i++)
        {
            var com = platform.SerialPorts[i];
            devices.Add(Aml.Device($"COM{i + 1}",
                Aml.Name("_HID", Aml.EisaId("PNP0501")),
                Aml.Name("_UID", Aml.Integer((ulong)i + 1)),
                Aml.Name("_CRS", new ResourceTemplate().Io(com.Port, 8).Interrupt((uint)com.Irq, edge: true).ToAml())));
        }
        if (platform.Keyboard)
            devices.Add(Aml.Device("PS2K",
                Aml.Name("_HID", Aml.EisaId("PNP0303")),
                Aml.Method("_STA", 0, Aml.Return(Aml.Integer(0x0f))),
                Aml.Name("_CRS", new ResourceTemplate().Io(0x60, 1).Io(0x64, 1).Interrupt(1, edge: true).ToAml())));
        if (platform.Rtc)
            devices.Add(Aml.Device("RTC",
                Aml.Name("_HID", Aml.EisaId("PNP0B00")),
                Aml.Name("_CRS", new ResourceTemplate().Io(0x70, 2).ToAml())));
        for (var i = 0; i < platform.VirtioMmio.Count; i++)
        {
            var v = platform.VirtioMmio[i];
            if (v.Base + v.Size > 1UL << 32) throw new ArgumentException($"virtio-mmio window 0x{v.Base:x} is above 4 GiB; Memory32Fixed cannot describe it");
            devices.Add(Aml.Device($"V{i:D3}",
                Aml.Name("_HID", Aml.String("LNRO0005")),
                Aml.Name("_UID", Aml.Integer((ulong)i)),
                Aml.Name("_CCA", Aml.Integer(1)), // Cache-coherent DMA.
                Aml.Name("_CRS", new ResourceTemplate().Memory32Fixed((uint)v.Base, v.Size).Interrupt((uint)v.Irq, edge: false).ToAml())));
        }
        byte[] aml =
        [
            .. Aml.Name("\\_S5", Aml.Package(Aml.Integer(platform.Power.SoftOffType), Aml.Integer(0))),
            .. Aml.Scope("\\_SB", [.. devices]),
        ];
        return SystemDescriptionTable.Build("DSDT", 2, aml);
    }
}
