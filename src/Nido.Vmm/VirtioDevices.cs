using Nido.Devices;
using Nido.Devices.Virtio;
using Nido.Devices.Virtio.Transport;
using Nido.Hypervisor.Memory;
using Nido.Vmm.Config;
using Nido.Vmm.X86;

namespace Nido.Vmm;

/// <summary>
/// The virtio devices a configuration asks for, built the same way on every machine: disks, network interfaces, the
/// entropy device and the virtio console, in that slot order, each on the machine's virtio-mmio slot.
/// </summary>
internal static class VirtioDevices
{
    /// <summary>
    /// Builds the devices, registers the ones the API reaches on <paramref name="vm"/>, sends terminal input to the
    /// virtio console or else <paramref name="serial"/>, and inserts each transport at <paramref name="window"/>(slot)
    /// on <paramref name="mmio"/> with <paramref name="line"/>(slot) as its interrupt. Returns how many slots it used.
    /// </summary>
    public static int Attach(Vm vm, VmConfig config, ConsoleStreams console, IConsoleInput serial, GuestMemory memory, Bus mmio,
        Func<int, IInterruptLine> line, Func<int, ulong> window)
    {
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
        var inputDevice = serial;
        if (config.Console == ConsoleDevice.Virtio)
        {
            var virtioConsole = new Nido.Devices.Virtio.Console.VirtioConsole(console.Output);
            devices.Add(virtioConsole);
            inputDevice = virtioConsole;
        }
        if (console.Input is { } input)
            vm.OnStart(new ConsoleInput(input, inputDevice, console.Escapes,
                () => vm.Stop(new VmOutcome(VmOutcome.GuestFailure, "stopped from the console (Ctrl-A x)"))).Start);
        for (var i = 0; i < devices.Count; i++)
            mmio.Insert(window(i), MmioTransport.WindowSize, new MmioTransport(devices[i], memory, line(i), console.Log));
        return devices.Count;
    }
}
