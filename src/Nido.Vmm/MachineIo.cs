using Nido.Devices;
using Nido.Hypervisor;

namespace Nido.Vmm;

/// <summary>Dispatches a vCPU's port and MMIO accesses to the machine's buses; unclaimed reads see an open bus.</summary>
internal sealed class MachineIo(Bus ports, Bus mmio) : IVcpuIo
{
    public void PioRead(ushort port, Span<byte> data) => ports.Read(port, data);

    public void PioWrite(ushort port, ReadOnlySpan<byte> data) => ports.Write(port, data);

    public void MmioRead(ulong address, Span<byte> data) => mmio.Read(address, data);

    public void MmioWrite(ulong address, ReadOnlySpan<byte> data) => mmio.Write(address, data);
}

/// <summary>An interrupt input of the hypervisor's interrupt controller.</summary>
internal sealed class VmInterruptLine(IVm vm, int gsi) : IInterruptLine
{
    public void Set(bool high) => vm.SetIrqLine(gsi, high);
}
