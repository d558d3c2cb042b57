using Nido.Devices;
using Nido.Devices.Legacy;
using Nido.Hypervisor.Kvm;
using Nido.Hypervisor.Memory;
using Nido.Hypervisor.X86;
using Nido.Machines.Boot;
using Nido.Machines.X86;
using Nido.Machines.X86.Acpi;
using Nido.Vmm.Config;

namespace Nido.Vmm.X86;

/// <summary>The host side of a VM's console: where the UART writes and what feeds it.</summary>
public sealed record ConsoleStreams(Stream Output, Stream? Input = null, bool Escapes = false, Action<string>? Log = null);

/// <summary>
/// Assembles the x86-64 PC-like machine on KVM: RAM around the 3–4 GiB hole, the in-kernel PIC, I/O APIC,
/// LAPICs and PIT, COM1, the keyboard controller (for reset), the CMOS clock, isa-debug-exit, an MP table,
/// per-vCPU CPUID, and the kernel loaded by the boot protocol its format calls for.
/// </summary>
public static class X86Machine
{
    public const int ComIrq = 4, KeyboardIrq = 1;
    public const ushort Com1 = 0x3f8;
    /// <summary>virtio-mmio windows: slot i at <see cref="VirtioBase"/> + i × 0x200, on ISA IRQ <see cref="VirtioIrqs"/>[i].</summary>
    public const ulong VirtioBase = X86Layout.DeviceMmio;
    public static readonly int[] VirtioIrqs = [5, 6, 7, 9, 10, 11, 12, 13];

    /// <summary>Where virtio-mmio slot <paramref name="slot"/> sits: the bus, the ACPI tables and the command line all use this.</summary>
    internal static ulong VirtioWindow(int slot) => VirtioBase + (ulong)slot * Nido.Devices.Virtio.Transport.MmioTransport.WindowSize;

    public static Vm Build(VmConfig config, ConsoleStreams console)
    {
        config.Validate();
        var kernel = BootFiles.Read(config.Kernel, "kernel");
        var kvm = KvmHypervisor.Open();
        GuestMemory? memory = null;
        Vm? vm = null;
        try
        {
            if (config.Cpus > kvm.MaxVcpus) throw new VmmException($"cpus: this host's KVM allows at most {kvm.MaxVcpus} vCPUs");
            memory = GuestMemory.Anonymous(X86Layout.RamRanges(config.MemoryBytes), config.HugePages);
            var hv = kvm.CreateVm(memory);
            var vcpus = new List<IX86Vcpu>();
            var ports = new Bus("port");
            var mmio = new Bus("mmio");
            vm = new Vm(kvm, hv, vcpus, ports, mmio);
            for (var i = 0; i < config.Cpus; i++) vcpus.Add((IX86Vcpu)hv.CreateVcpu(i));
            var built = vm;

            var uart = new Uart16550(console.Output, new VmInterruptLine(hv, ComIrq));
            ports.Insert(Com1, 8, uart);
            ports.Insert(DebugExit.DefaultPort, 4, new DebugExit(code => built.Stop(new VmOutcome(code, null))));
            vm.Keyboard = new I8042(() => built.Stop(new VmOutcome(VmOutcome.GuestFailure, "guest requested a reset (reboot)")), new VmInterruptLine(hv, KeyboardIrq));
            ports.Insert(I8042.DataPort, 5, vm.Keyboard);
            ports.Insert(AcpiPowerRegisters.DefaultPort, AcpiPowerRegisters.Length, new AcpiPowerRegisters(
                () => built.Stop(new VmOutcome(0, null)),
                () => built.Stop(new VmOutcome(VmOutcome.GuestFailure, "guest requested a reset (reboot)"))));
            var low = memory.Regions[0].Size;
            ports.Insert(CmosRtc.IndexPort, 2, new CmosRtc(low, config.MemoryBytes - low));
            ports.Insert(FwCfg.DefaultPort, FwCfg.Length, new FwCfg(config.Cpus, config.MemoryBytes));

            var virtioDevices = VirtioDevices.Attach(vm, config, console, uart, memory, mmio, i => new VmInterruptLine(hv, VirtioIrqs[i]), VirtioWindow);

            // Both descriptions of the platform: the MP table for kernels without ACPI, ACPI for the rest (Debian's
            // kernels parse no MP table, and find virtio-mmio only through the DSDT).
            MpTable.Write(memory, config.Cpus);
            var rsdp = AcpiTables.Write(memory, AcpiPlatformFor(config.Cpus, virtioDevices));
            var entry = LoadKernel(memory, kernel, config, virtioDevices, rsdp);
            var supported = kvm.SupportedCpuid();
            foreach (var vcpu in vcpus)
            {
                vcpu.SetCpuid(CpuidSetup.For(supported, vcpu.Index, config.Cpus));
                vcpu.SetupLocalInterrupts();
                vcpu.SetMsrs(BootMsrs.Entries);
            }
            BootCpu.Apply(vcpus[0], memory, entry);
            return vm;
        }
        catch (Exception e) when (e is BootException or GuestMemoryException or IOException or Nido.Hypervisor.HypervisorException or Nido.Linux.ErrnoException)
        {
            Dispose(vm, memory, kvm);
            throw new VmmException(e.Message, e);
        }
        catch
        {
            Dispose(vm, memory, kvm);
            throw;
        }
    }

    private static void Dispose(Vm? vm, GuestMemory? memory, KvmHypervisor kvm)
    {
        if (vm is not null) vm.Dispose();
        else
        {
            memory?.Dispose();
            kvm.Dispose();
        }
    }

    /// <summary>What the ACPI tables describe: exactly the devices <see cref="Build"/> inserts.</summary>
    internal static AcpiPlatform AcpiPlatformFor(int cpus, int virtioDevices) => new(
        cpus,
        MpTable.IoApicId(cpus),
        new AcpiPowerPorts(
            (ushort)(AcpiPowerRegisters.DefaultPort + AcpiPowerRegisters.SleepControl),
            (ushort)(AcpiPowerRegisters.DefaultPort + AcpiPowerRegisters.SleepStatus),
            (ushort)(AcpiPowerRegisters.DefaultPort + AcpiPowerRegisters.Reset),
            AcpiPowerRegisters.ResetValue,
            AcpiPowerRegisters.SoftOffType),
        [new AcpiSerialPort(Com1, ComIrq)],
        Keyboard: true,
        Rtc: true,
        [.. Enumerable.Range(0, virtioDevices).Select(i => new AcpiVirtioMmio(
            VirtioWindow(i),
            (uint)Nido.Devices.Virtio.Transport.MmioTransport.WindowSize, VirtioIrqs[i]))]);

    private static BootEntry LoadKernel(GuestMemory memory, byte[] kernel, VmConfig config, int virtioDevices, ulong rsdp)
    {
        var name = config.Kernel;
        // Linux boots (bzImage, PVH) take one initrd and learn the virtio-mmio slots from the command line.
        byte[] Initrd() => config.Initrd is { } path ? BootFiles.Read(path, "initrd") : [];
        var linuxCommandLine = WithVirtioMmio(config.CommandLine, virtioDevices);
        if (LinuxLoader.IsBzImage(kernel))
            return LinuxLoader.Load(memory, kernel, name, linuxCommandLine, Initrd(), config.Initrd, rsdp);
        if (PvhLoader.FindEntry(kernel, name) is not null)
            return PvhLoader.Load(memory, kernel, name, linuxCommandLine, Initrd(), config.Initrd, rsdp);
        if (MultibootLoader.FindHeader(kernel) >= 0)
        {
            var modules = ParseModules(config.Initrd);
            return MultibootLoader.Load(memory, kernel, name, config.CommandLine, modules);
        }
        throw new VmmException($"kernel: {name} is not a format Nido boots (a Multiboot kernel, a bzImage, or an ELF vmlinux with a PVH note)");
    }

    /// <summary>
    /// Describes the virtio-mmio windows on the Linux command line, as Firecracker does: kernels built with
    /// VIRTIO_MMIO_CMDLINE_DEVICES find them this way.
    /// </summary>
    internal static string WithVirtioMmio(string commandLine, int devices)
    {
        var parts = Enumerable.Range(0, devices)
            .Select(i => $"virtio_mmio.device={Nido.Devices.Virtio.Transport.MmioTransport.WindowSize}@0x{VirtioWindow(i):x}:{VirtioIrqs[i]}");
        return string.Join(' ', new[] { commandLine }.Concat(parts).Where(p => p.Length > 0));
    }

    /// <summary>QEMU's -initrd for Multiboot: "PATH [ARGS],PATH [ARGS]"; ",," is a literal comma.</summary>
    internal static List<BootModule> ParseModules(string? spec)
    {
        var modules = new List<BootModule>();
        if (string.IsNullOrEmpty(spec)) return modules;
        foreach (var item in spec.Replace(",,", "\u0001").Split(','))
        {
            var text = item.Replace('\u0001', ',').Trim();
            if (text.Length == 0) throw new VmmException($"initrd: empty module in \"{spec}\"");
            var path = text.Split(' ', 2)[0];
            modules.Add(new BootModule(BootFiles.Read(path, "initrd"), text));
        }
        return modules;
    }
}
