using Nido.Hypervisor.Memory;

namespace Nido.Hypervisor;

/// <summary>A virtualization backend (KVM, or the emulator): creates VMs.</summary>
public interface IHypervisor : IDisposable
{
    /// <summary>Short name for messages: "kvm", "emu".</summary>
    string Name { get; }

    /// <summary>Most vCPUs one VM may have on this host.</summary>
    int MaxVcpus { get; }

    IVm CreateVm(GuestMemory memory);
}
