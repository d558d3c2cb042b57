using Nido.Hypervisor.Memory;

namespace Nido.Hypervisor.Emu;

/// <summary>
/// An emulated RISC-V VM: RAM (the first guest-memory region; the mapping must extend at least 8 bytes past the
/// RAM the guest is told about, see <see cref="Cpu.RiscV.IMemoryBus.RamPointer"/>), a CLINT and a PLIC. GSIs are
/// PLIC source numbers.
/// </summary>
public sealed class EmuVm : IVm
{
    private readonly EmuVcpu?[] _vcpus;

    internal EmuVm(GuestMemory memory, EmuPlatform platform, int harts)
    {
        if (memory.Regions.Count == 0 || memory.Regions[0].Size <= 4096)
            throw new HypervisorException("emu: guest memory needs one RAM region (plus its guard page)");
        if (harts < 1 || harts > 64) throw new HypervisorException($"emu: {harts} harts is outside 1–64");
        Memory = memory;
        Platform = platform;
        _vcpus = new EmuVcpu?[harts];
        Clint = new Clint(harts, platform.TimebaseHz, SetHartInterrupt);
        Plic = new Plic(harts, platform.PlicSources, SetHartInterrupt);
    }

    public GuestMemory Memory { get; }

    public EmuPlatform Platform { get; }

    public Clint Clint { get; }

    public Plic Plic { get; }

    /// <summary>RAM as the guest sees it: the first region minus the trailing guard page.</summary>
    public ulong RamBase => Memory.Regions[0].Start;

    public ulong RamSize => Memory.Regions[0].Size - 4096;

    public IVcpu CreateVcpu(int index)
    {
        if (index < 0 || index >= _vcpus.Length) throw new HypervisorException($"emu: hart {index} is outside 0–{_vcpus.Length - 1}");
        if (_vcpus[index] is not null) throw new HypervisorException($"emu: hart {index} exists already");
        return _vcpus[index] = new EmuVcpu(this, index);
    }

    public void SetIrqLine(int gsi, bool high) => Plic.SetLine(gsi, high);

    private void SetHartInterrupt(int hart, int interrupt, bool level)
    {
        if (hart < _vcpus.Length) _vcpus[hart]?.SetInterrupt(interrupt, level);
    }

    public void Dispose()
    {
        foreach (var vcpu in _vcpus) vcpu?.Dispose();
    }
}
