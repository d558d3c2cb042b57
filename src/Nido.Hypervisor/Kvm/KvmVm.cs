using System.Runtime.InteropServices;
using Nido.Hypervisor.Memory;
using Nido.Linux;

namespace Nido.Hypervisor.Kvm;

/// <summary>A KVM VM with the in-kernel PIC/IOAPIC/LAPIC and PIT, guest memory registered slot by slot.</summary>
public sealed class KvmVm : IVm
{
    // Three pages KVM needs below 4 GiB for real-mode emulation on Intel (TSS + identity map), out of the guest's RAM.
    public const ulong TssAddress = 0xfffbd000, IdentityMapAddress = 0xfffbc000;

    private readonly KvmHypervisor _kvm;
    private readonly SafeFdHandle _vm;
    private readonly List<KvmVcpu> _vcpus = [];

    private KvmVm(KvmHypervisor kvm, SafeFdHandle vm, GuestMemory memory)
    {
        _kvm = kvm;
        _vm = vm;
        Memory = memory;
    }

    public GuestMemory Memory { get; }

    internal SafeFdHandle Handle => _vm;

    /// <summary>
    /// KVM's 8259s start unmasked with vector base 0, and LINT0 passes them through as ExtINT: an ISA line raised
    /// before the guest programs (or, hardware-reduced ACPI Linux, ever programs) the PICs would arrive as an
    /// exception vector. Firmware leaves them masked at 0x08/0x70; masked at 0x20/0x28 here. Guests that use the
    /// PICs initialise them, which resets both.
    /// </summary>
    private static unsafe void MaskPics(SafeFdHandle fd)
    {
        const int ChipSize = 520, Imr = 8 + 2, IrqBase = 8 + 5;
        var chip = stackalloc byte[ChipSize];
        for (uint id = 0; id < 2; id++)
        {
            new Span<byte>(chip, ChipSize).Clear();
            *(uint*)chip = id;
            Ioctl.Call(fd, KvmApi.GetIrqchip, (nint)chip, "KVM_GET_IRQCHIP");
            chip[Imr] = 0xff;
            chip[IrqBase] = (byte)(id == 0 ? 0x20 : 0x28);
            Ioctl.Call(fd, KvmApi.SetIrqchip, (nint)chip, "KVM_SET_IRQCHIP");
        }
    }

    internal static KvmVm Create(KvmHypervisor kvm, GuestMemory memory)
    {
        var fd = new SafeFdHandle(Ioctl.Call(kvm.Handle, KvmApi.CreateVm, 0, "KVM_CREATE_VM"));
        var vm = new KvmVm(kvm, fd, memory);
        try
        {
            Ioctl.Call(fd, KvmApi.SetTssAddr, unchecked((nint)TssAddress), "KVM_SET_TSS_ADDR");
            var identity = IdentityMapAddress;
            Ioctl.Call(fd, KvmApi.SetIdentityMapAddr, ref identity, "KVM_SET_IDENTITY_MAP_ADDR");
            Ioctl.Call(fd, KvmApi.CreateIrqchip, 0, "KVM_CREATE_IRQCHIP");
            MaskPics(fd);
            var pit = new PitConfig { Flags = 1 }; // KVM_PIT_SPEAKER_DUMMY: port 0x61 answers without a speaker.
            Ioctl.Call(fd, KvmApi.CreatePit2, ref pit, "KVM_CREATE_PIT2");
            var slot = 0u;
            foreach (var region in memory.Regions)
            {
                var r = new UserMemoryRegion
                {
                    Slot = slot++, GuestPhysAddr = region.Start, MemorySize = region.Size, UserspaceAddr = (ulong)region.Mapping.Address,
                };
                Ioctl.Call(fd, KvmApi.SetUserMemoryRegion, ref r, $"KVM_SET_USER_MEMORY_REGION {region}");
            }
            return vm;
        }
        catch
        {
            vm.Dispose();
            throw;
        }
    }

    public IVcpu CreateVcpu(int index)
    {
        if (index < 0 || index >= _kvm.MaxVcpus)
            throw new HypervisorException($"vCPU {index}: this host's KVM allows at most {_kvm.MaxVcpus} vCPUs");
        var vcpu = KvmVcpu.Create(this, index, _kvm.RunSize);
        _vcpus.Add(vcpu);
        return vcpu;
    }

    public void SetIrqLine(int gsi, bool high)
    {
        var level = new IrqLevel { Irq = (uint)gsi, Level = high ? 1u : 0u };
        Ioctl.Call(_vm, KvmApi.IrqLine, ref level, "KVM_IRQ_LINE");
    }

    public void Dispose()
    {
        foreach (var vcpu in _vcpus) vcpu.Dispose();
        _vm.Dispose();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct UserMemoryRegion
    {
        public uint Slot, Flags;
        public ulong GuestPhysAddr, MemorySize, UserspaceAddr;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IrqLevel
    {
        public uint Irq, Level;
    }

    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct PitConfig
    {
        public uint Flags;
    }
}
