using System.Runtime.InteropServices;
using Nido.Hypervisor.Memory;
using Nido.Hypervisor.X86;
using Nido.Linux;

namespace Nido.Hypervisor.Kvm;

/// <summary>The KVM backend: /dev/kvm, checked once for the API version and the capabilities the VMM uses.</summary>
public sealed class KvmHypervisor : IX86Hypervisor
{
    public const string DevicePath = "/dev/kvm";
    private static readonly (int Cap, string Name)[] Required =
    [
        (KvmApi.CapUserMemory, "KVM_CAP_USER_MEMORY"), (KvmApi.CapIrqchip, "KVM_CAP_IRQCHIP"), (KvmApi.CapPit2, "KVM_CAP_PIT2"),
        (KvmApi.CapSetTssAddr, "KVM_CAP_SET_TSS_ADDR"), (KvmApi.CapExtCpuid, "KVM_CAP_EXT_CPUID"), (KvmApi.CapImmediateExit, "KVM_CAP_IMMEDIATE_EXIT"),
    ];

    private readonly SafeFdHandle _kvm;

    private KvmHypervisor(SafeFdHandle kvm, int runSize, int maxVcpus)
    {
        _kvm = kvm;
        RunSize = runSize;
        MaxVcpus = maxVcpus;
    }

    public string Name => "kvm";

    public int MaxVcpus { get; }

    /// <summary>Bytes of the per-vCPU kvm_run mapping.</summary>
    internal int RunSize { get; }

    internal SafeFdHandle Handle => _kvm;

    /// <summary>True when /dev/kvm exists and opens; <paramref name="why"/> says otherwise.</summary>
    public static bool IsAvailable(out string why)
    {
        try
        {
            using var kvm = Open();
            why = "";
            return true;
        }
        catch (HypervisorException e)
        {
            why = e.Message;
            return false;
        }
    }

    public static KvmHypervisor Open()
    {
        SafeFdHandle kvm;
        try { kvm = FileIo.Open(DevicePath, FileIo.O_RDWR | FileIo.O_CLOEXEC); }
        catch (ErrnoException e) when (e.Errno == Errno.ENOENT)
        { throw new HypervisorException($"{DevicePath} does not exist: KVM is not available on this host (load kvm_intel or kvm_amd, or use --accel emu)"); }
        catch (ErrnoException e) when (e.Errno is Errno.EACCES or Errno.EPERM)
        { throw new HypervisorException($"{DevicePath}: permission denied (run as root or join the kvm group)"); }
        try
        {
            var version = Ioctl.Call(kvm, KvmApi.GetApiVersion, 0, "KVM_GET_API_VERSION");
            if (version != KvmApi.ApiVersion)
                throw new HypervisorException($"{DevicePath}: KVM API version {version}, Nido needs {KvmApi.ApiVersion}");
            foreach (var (cap, name) in Required)
                if (Ioctl.Call(kvm, KvmApi.CheckExtension, cap, "KVM_CHECK_EXTENSION") <= 0)
                    throw new HypervisorException($"{DevicePath}: the kernel lacks {name}, which Nido needs");
            var runSize = Ioctl.Call(kvm, KvmApi.GetVcpuMmapSize, 0, "KVM_GET_VCPU_MMAP_SIZE");
            var max = Ioctl.Call(kvm, KvmApi.CheckExtension, KvmApi.CapMaxVcpus, "KVM_CHECK_EXTENSION");
            if (max <= 0) max = Ioctl.Call(kvm, KvmApi.CheckExtension, KvmApi.CapNrVcpus, "KVM_CHECK_EXTENSION");
            return new KvmHypervisor(kvm, runSize, Math.Max(1, max));
        }
        catch
        {
            kvm.Dispose();
            throw;
        }
    }

    public IVm CreateVm(GuestMemory memory) => KvmVm.Create(this, memory);

    /// <summary>KVM_GET_SUPPORTED_CPUID: what this host's KVM lets a guest see.</summary>
    public unsafe CpuidEntry[] SupportedCpuid()
    {
        for (var capacity = 128; capacity <= 4096; capacity *= 2)
        {
            var size = 8 + capacity * sizeof(CpuidEntry);
            var buffer = (byte*)NativeMemory.AllocZeroed((nuint)size);
            try
            {
                *(uint*)buffer = (uint)capacity;
                try { Ioctl.Call(_kvm, KvmApi.GetSupportedCpuid, (nint)buffer, "KVM_GET_SUPPORTED_CPUID"); }
                catch (ErrnoException e) when (e.Errno == Errno.E2BIG) { continue; }
                var count = (int)*(uint*)buffer;
                return new ReadOnlySpan<CpuidEntry>(buffer + 8, count).ToArray();
            }
            finally { NativeMemory.Free(buffer); }
        }
        throw new HypervisorException("KVM_GET_SUPPORTED_CPUID: more than 4096 entries");
    }

    public void Dispose() => _kvm.Dispose();
}
