using Nido.Devices;
using Nido.Devices.Legacy;
using Nido.Devices.Virtio;
using Nido.Devices.Virtio.Transport;
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
        var kernel = ReadFile(config.Kernel, "kernel");
        if (config.Bios != VmConfig.BiosNone)
            throw new VmmException("bios: riscv64 firmware boot (OpenSBI) is not available yet; use --bios none with a bare-metal ELF");
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

            var devices = new List<IVirtioDevice>();
            foreach (var disk in config.Disks)
            {
                var block = vm.Own(new Nido.Devices.Virtio.Block.VirtioBlock(disk));
                vm.Drives[disk.Id ?? disk.Path] = block;
                devices.Add(block);
            }
            foreach (var net in config.Networks)
            {
                var backend = Nido.Devices.Virtio.Net.TapBackend.Open(net.HostDevice);
                var device = vm.Own(new Nido.Devices.Virtio.Net.VirtioNet(backend, net.Mac, net.RxRateLimit, net.TxRateLimit));
                if (net.HostDevice is null) console.Log?.Invoke($"{net.Id}: created TAP {backend.Name}");
                vm.Networks[net.Id] = device;
                devices.Add(device);
            }
            if (config.Rng) devices.Add(vm.Own(new Nido.Devices.Virtio.Rng.VirtioRng(config.RngRateLimit)));
            IConsoleInput inputDevice = uart;
            if (config.Console == ConsoleDevice.Virtio)
            {
                var virtioConsole = new Nido.Devices.Virtio.Console.VirtioConsole(console.Output);
                devices.Add(virtioConsole);
                inputDevice = virtioConsole;
            }
            if (console.Input is { } input)
                vm.OnStart(new ConsoleInput(input, inputDevice, console.Escapes,
                    () => built.Stop(new VmOutcome(VmOutcome.GuestFailure, "stopped from the console (Ctrl-A x)"))).Start);
            for (var i = 0; i < devices.Count; i++)
            {
                var transport = new MmioTransport(devices[i], memory, new VmInterruptLine(hv, VirtLayout.VirtioIrq(i)), console.Log);
                mmio.Insert(VirtLayout.VirtioWindow(i), MmioTransport.WindowSize, transport);
            }

            var entry = LoadBareMetal(memory, kernel, config);
            foreach (var vcpu in vcpus) vcpu.SetEntry(entry, (ulong)vcpu.Index, 0, 0);

            var symbols = ElfSymbols.Find(kernel, "tohost", "fromhost");
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
        foreach (var s in elf.Segments.Where(s => s.Type == ElfImage.PtLoad && s.MemorySize > 0))
        {
            if (s.PhysicalAddress < VirtLayout.RamBase || s.PhysicalAddress > ramEnd || s.MemorySize > ramEnd - s.PhysicalAddress)
                throw new VmmException($"kernel: segment at 0x{s.PhysicalAddress:x}+0x{s.MemorySize:x} lies outside RAM [0x{VirtLayout.RamBase:x}, 0x{ramEnd:x})");
            memory.Write(s.PhysicalAddress, kernel.AsSpan((int)s.FileOffset, (int)s.FileSize));
            memory.GetSpan(s.PhysicalAddress + s.FileSize, (int)(s.MemorySize - s.FileSize)).Clear();
        }
        return elf.ToPhysical(elf.Entry) ?? elf.Entry;
    }

    private static byte[] ReadFile(string path, string what)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VmmException($"{what}: cannot read {path}: {e.Message}");
        }
    }
}
