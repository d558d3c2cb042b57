using Nido.Devices;
using Nido.Devices.Legacy;
using Nido.Hypervisor.Emu;
using Nido.Hypervisor.Memory;
using Nido.Hypervisor.RiscV;
using Nido.Machines.Boot;
using Nido.Machines.RiscV;
using Nido.Vmm.Config;
using Nido.Vmm.X86;

namespace Nido.Vmm.RiscV;

/// <summary>
/// Assembles the RISC-V virt-like machine on the emulator: RAM at 0x8000_0000, CLINT and PLIC (in the backend),
/// the ns16550a UART, the sifive test finisher, virtio-mmio slots with the same device classes as the KVM
/// machine, and the boot image: with <c>--bios none</c> an ELF (or raw image) entered in M-mode on every hart,
/// with HTIF served when it defines <c>tohost</c>.
/// </summary>
public static class RiscVMachine
{
    public static Vm Build(VmConfig config, ConsoleStreams console)
    {
        config.Validate();
        var firmware = config.Bios == VmConfig.BiosNone ? null : ReadFirmware(config.Bios);
        // A Linux Image under firmware goes straight from the file into guest memory; anything else is parsed whole.
        var kernelHeader = BootFiles.ReadPrefix(config.Kernel, "kernel", 64, out var kernelLength);
        var kernel = firmware is not null && RiscVImage.IsImage(kernelHeader) ? null : BootFiles.Read(config.Kernel, "kernel");
        var initrd = config.Initrd is { } initrdPath ? BootFiles.Read(initrdPath, "initrd") : null;
        var emu = new EmuHypervisor();
        GuestMemory? memory = null;
        Vm? vm = null;
        try
        {
            // One page past the guest's RAM: the hart's fetch reads whole words at page ends (see IMemoryBus).
            memory = GuestMemory.Anonymous([(VirtLayout.RamBase, config.MemoryBytes + 4096)]);
            var hv = emu.CreateVm(memory, config.Cpus);
            var vcpus = new List<IRiscVVcpu>();
            var mmio = new Bus("mmio");
            vm = new Vm(emu, hv, vcpus, new Bus("port"), mmio);
            for (var i = 0; i < config.Cpus; i++) vcpus.Add((IRiscVVcpu)hv.CreateVcpu(i));
            var built = vm;

            var uart = new Uart16550(console.Output, new VmInterruptLine(hv, VirtLayout.UartIrq));
            mmio.Insert(VirtLayout.Uart, VirtLayout.UartSize, uart);
            mmio.Insert(VirtLayout.TestDevice, VirtLayout.TestDeviceSize, new SifiveTest(
                code => built.Stop(new VmOutcome(code, code == 0 ? null : $"guest powered off with failure code {code}")),
                () => built.Stop(new VmOutcome(VmOutcome.GuestFailure, "guest requested a reset (reboot)"))));

            var virtioDevices = VirtioDevices.Attach(vm, config, console, uart, memory, mmio, i => new VmInterruptLine(hv, VirtLayout.VirtioIrq(i)), VirtLayout.VirtioWindow);

            var boot = firmware is null
                ? new BootImages(LoadBareMetal(memory, kernel!, config), 0, null)
                : LoadFirmwareAndKernel(memory, firmware, kernel, kernelHeader, kernelLength, config);
            var layout = PlaceBootData(memory, config, initrd, boot, virtioDevices);
            foreach (var vcpu in vcpus) vcpu.SetEntry(boot.Entry, (ulong)vcpu.Index, layout.Fdt, layout.FirmwareInfo);

            var symbols = ElfSymbols.Find(kernel ?? [], "tohost", "fromhost");
            if (symbols.TryGetValue("tohost", out var tohost))
            {
                var htif = vm.Own(new HtifMonitor(memory, tohost, symbols.TryGetValue("fromhost", out var f) ? f : null, console.Output, built.Stop));
                vm.OnStart(htif.Start);
            }
            return vm;
        }
        catch (Exception e) when (e is BootException or GuestMemoryException or IOException or Nido.Hypervisor.HypervisorException or Nido.Linux.ErrnoException)
        {
            if (vm is not null) vm.Dispose();
            else memory?.Dispose();
            throw new VmmException(e.Message, e);
        }
        catch
        {
            if (vm is not null) vm.Dispose();
            else memory?.Dispose();
            throw;
        }
    }

    /// <summary>Debian's OpenSBI (package opensbi), the firmware used when --bios is not given.</summary>
    public const string DefaultFirmware = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin";

    /// <summary>Where the first instruction is, where the kernel the firmware enters is, and where loaded images end.</summary>
    private sealed record BootImages(ulong Entry, ulong LoadedEnd, ulong? KernelEntry);

    private sealed record BootData(ulong Fdt, ulong FirmwareInfo);

    /// <summary>The ISA the harts implement, as the device tree names it.</summary>
    internal const string IsaString = "rv64imafdc_zicntr_zicsr_zifencei_zba_zbb";
    internal static readonly string[] IsaExtensions = ["i", "m", "a", "f", "d", "c", "zicntr", "zicsr", "zifencei", "zba", "zbb"];

    private static byte[] ReadFirmware(string? path)
    {
        path ??= DefaultFirmware;
        if (!File.Exists(path))
            throw new VmmException(path == DefaultFirmware
                ? $"bios: the default firmware {path} is missing (install Debian's opensbi package: scripts/setup.sh emu), or pass --bios FILE or --bios none"
                : $"bios: {path} does not exist");
        return BootFiles.Read(path, "bios");
    }

    /// <summary>
    /// Firmware at the start of RAM (fw_dynamic is linked there), the kernel 2 MiB above it (a Linux Image at its
    /// text_offset, an ELF at its physical addresses, anything else as a raw S-mode image).
    /// </summary>
    /// <param name="kernel">The kernel file, or null for a Linux Image (read into memory from the file).</param>
    private static BootImages LoadFirmwareAndKernel(GuestMemory memory, byte[] firmware, byte[]? kernel, byte[] kernelHeader, long kernelLength, VmConfig config)
    {
        var ramEnd = VirtLayout.RamBase + config.MemoryBytes;
        ulong firmwareEnd;
        if (ElfImage.IsElf(firmware))
        {
            var fw = ElfImage.Parse(firmware, config.Bios ?? DefaultFirmware);
            firmwareEnd = LoadElf(memory, fw, firmware, ramEnd, "bios");
            if (fw.Entry != VirtLayout.RamBase) throw new VmmException($"bios: its entry 0x{fw.Entry:x} is not the start of RAM (0x{VirtLayout.RamBase:x})");
        }
        else
        {
            if ((ulong)firmware.Length >= config.MemoryBytes) throw new VmmException("bios: the firmware does not fit in RAM");
            memory.Write(VirtLayout.RamBase, firmware);
            firmwareEnd = VirtLayout.RamBase + (ulong)firmware.Length;
        }
        ulong kernelStart, kernelEnd, kernelEntry;
        if (kernel is null)
        {
            var image = RiscVImage.Parse(kernelHeader, kernelLength, config.Kernel);
            if (kernelLength > int.MaxValue) throw new VmmException($"kernel: {config.Kernel} is over 2 GiB");
            kernelStart = VirtLayout.RamBase + image.TextOffset;
            kernelEnd = kernelStart + image.ImageSize;
            if (kernelEnd > ramEnd) throw new VmmException($"kernel: {config.Kernel} needs {image.ImageSize >> 20} MiB above 0x{kernelStart:x}; give the VM more memory");
            BootFiles.ReadInto(config.Kernel, "kernel", memory.GetSpan(kernelStart, (int)kernelLength));
            kernelEntry = kernelStart;
        }
        else if (ElfImage.IsElf(kernel))
        {
            var elf = ElfImage.Parse(kernel, config.Kernel);
            if (!elf.Is64 || elf.Machine != ElfImage.MachineRiscV) throw new VmmException($"kernel: {config.Kernel} is not a 64-bit RISC-V ELF (machine {elf.Machine})");
            kernelStart = elf.Segments.Where(s => s.Type == ElfImage.PtLoad).Min(s => s.PhysicalAddress);
            kernelEnd = LoadElf(memory, elf, kernel, ramEnd, "kernel");
            kernelEntry = elf.ToPhysical(elf.Entry) ?? elf.Entry;
        }
        else
        {
            kernelStart = VirtLayout.RamBase + 0x20_0000;
            kernelEnd = kernelStart + (ulong)kernel.Length;
            if (kernelEnd > ramEnd) throw new VmmException($"kernel: {config.Kernel} does not fit in RAM above 0x{kernelStart:x}");
            memory.Write(kernelStart, kernel);
            kernelEntry = kernelStart;
        }
        if (kernelStart < firmwareEnd)
            throw new VmmException($"kernel: it starts at 0x{kernelStart:x}, inside the firmware (which ends at 0x{firmwareEnd:x})");
        return new BootImages(VirtLayout.RamBase, kernelEnd, kernelEntry);
    }

    /// <summary>
    /// The device tree at the top of RAM, OpenSBI's fw_dynamic_info under it, the initrd under that; all above
    /// whatever was loaded.
    /// </summary>
    private static BootData PlaceBootData(GuestMemory memory, VmConfig config, byte[]? initrd, BootImages boot, int virtioDevices)
    {
        var ramEnd = VirtLayout.RamBase + config.MemoryBytes;
        byte[] Tree((ulong, ulong)? initrdRange) => Nido.Machines.RiscV.Fdt.VirtDeviceTree.Build(new(
            config.Cpus, config.MemoryBytes, virtioDevices, EmuPlatform.Virt.TimebaseHz, EmuPlatform.Virt.PlicSources,
            IsaString, IsaExtensions, "riscv,sv48", config.CommandLine, initrdRange));
        // The tree's size does not depend on the initrd addresses' values, so measure it first.
        var fdtSize = (ulong)Tree(initrd is null ? null : (0, 0)).Length;
        var fdt = (ramEnd - fdtSize - 0x1000) & ~0xfffUL;
        var info = fdt - 0x1000;
        (ulong, ulong)? range = null;
        var floor = Math.Max(boot.LoadedEnd, VirtLayout.RamBase);
        if (initrd is not null)
        {
            var start = (info - (ulong)initrd.Length) & ~0xfffUL;
            if (initrd.Length == 0 || (ulong)initrd.Length > info - floor || start < floor)
                throw new VmmException($"initrd: {initrd.Length >> 10} KiB does not fit in RAM above the kernel; give the VM more memory");
            memory.Write(start, initrd);
            range = (start, start + (ulong)initrd.Length);
            floor = start;
        }
        if (info < floor) throw new VmmException("memory: no room left in RAM for the device tree; give the VM more memory");
        memory.Write(fdt, Tree(range));
        if (boot.KernelEntry is { } next) memory.Write(info, FirmwareInfo.Build(next));
        return new BootData(fdt, boot.KernelEntry is null ? 0 : info);
    }

    private static ulong LoadElf(GuestMemory memory, ElfImage elf, byte[] file, ulong ramEnd, string what)
    {
        ulong end = 0;
        foreach (var s in elf.Segments.Where(s => s.Type == ElfImage.PtLoad && s.MemorySize > 0))
        {
            if (s.PhysicalAddress < VirtLayout.RamBase || s.PhysicalAddress > ramEnd || s.MemorySize > ramEnd - s.PhysicalAddress)
                throw new VmmException($"{what}: segment at 0x{s.PhysicalAddress:x}+0x{s.MemorySize:x} lies outside RAM [0x{VirtLayout.RamBase:x}, 0x{ramEnd:x})");
            memory.Write(s.PhysicalAddress, file.AsSpan((int)s.FileOffset, (int)s.FileSize));
            memory.GetSpan(s.PhysicalAddress + s.FileSize, (int)(s.MemorySize - s.FileSize)).Clear();
            end = Math.Max(end, s.PhysicalAddress + s.MemorySize);
        }
        return end;
    }

    /// <summary>Loads a RISC-V ELF64 at its physical addresses, or a raw image at the start of RAM; returns the entry.</summary>
    internal static ulong LoadBareMetal(GuestMemory memory, byte[] kernel, VmConfig config)
    {
        var ramEnd = VirtLayout.RamBase + config.MemoryBytes;
        if (!ElfImage.IsElf(kernel))
        {
            if ((ulong)kernel.Length > config.MemoryBytes) throw new VmmException($"kernel: {config.Kernel} ({kernel.Length} bytes) does not fit in {config.MemoryBytes >> 20} MiB of RAM");
            memory.Write(VirtLayout.RamBase, kernel);
            return VirtLayout.RamBase;
        }
        var elf = ElfImage.Parse(kernel, config.Kernel);
        if (!elf.Is64 || elf.Machine != ElfImage.MachineRiscV)
            throw new VmmException($"kernel: {config.Kernel} is not a 64-bit RISC-V ELF (machine {elf.Machine})");
        LoadElf(memory, elf, kernel, ramEnd, "kernel");
        return elf.ToPhysical(elf.Entry) ?? elf.Entry;
    }
}
