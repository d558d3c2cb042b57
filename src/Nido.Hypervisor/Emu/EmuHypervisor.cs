using Nido.Hypervisor.Memory;

namespace Nido.Hypervisor.Emu;

/// <summary>The emulator backend: RISC-V RV64GC harts interpreted on this host, any host ISA.</summary>
public sealed class EmuHypervisor(EmuPlatform platform) : IHypervisor
{
    public EmuHypervisor() : this(EmuPlatform.Virt) { }

    public string Name => "emu";

    public int MaxVcpus => 64;

    public EmuPlatform Platform => platform;

    IVm IHypervisor.CreateVm(GuestMemory memory) => CreateVm(memory, 1);

    /// <summary>A VM whose RAM is <paramref name="memory"/>'s first region, with <paramref name="harts"/> harts.</summary>
    public EmuVm CreateVm(GuestMemory memory, int harts) => new(memory, platform, harts);

    public void Dispose() { }
}
