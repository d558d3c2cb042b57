using Nido.Linux;

namespace Nido.Cli.Doctor.Checks;

/// <summary>/dev/kvm, its API version, and whether it is hardware-backed (kvm_intel/kvm_amd) or PVM (kvm_pvm).</summary>
public sealed class KvmCheck : IHostCheck
{
    private const int ExpectedApiVersion = 12;

    public CheckResult Run(HostView host)
    {
        var cpu = host.ReadText("/proc/cpuinfo") ?? "";
        var flags = cpu.Split('\n').FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "";
        var cpuSupport = flags.Contains(" vmx") ? "VT-x" : flags.Contains(" svm") ? "AMD-V" : null;
        if (!host.Exists("/dev/kvm"))
            return new("kvm", CheckStatus.Warn, "no /dev/kvm: `nido vm --accel kvm` is unavailable; the emulator (--accel emu) still works"
                + (cpuSupport is null ? " (this CPU shows no vmx/svm flag)" : $" (the CPU has {cpuSupport}: load kvm_intel or kvm_amd)"));

        string api;
        if (!host.IsLive) api = "API not probed";
        else
        {
            try
            {
                using var kvm = FileIo.Open("/dev/kvm", FileIo.O_RDWR);
                var version = Ioctl.Call(kvm, Ioctl.Io(0xAE, 0x00), 0, "KVM_GET_API_VERSION");
                if (version != ExpectedApiVersion)
                    return new("kvm", CheckStatus.Warn, $"/dev/kvm reports API version {version}, Nido speaks {ExpectedApiVersion}");
                api = $"API {version}";
            }
            catch (ErrnoException e)
            {
                return new("kvm", CheckStatus.Warn, $"/dev/kvm is present but unusable: {e.Message}" + (e.Errno == Errno.EACCES ? " (run as root or join the kvm group)" : ""));
            }
        }

        if (host.Exists("/sys/module/kvm_intel")) return new("kvm", CheckStatus.Ok, $"/dev/kvm {api}, hardware-backed (kvm_intel, VT-x)");
        if (host.Exists("/sys/module/kvm_amd")) return new("kvm", CheckStatus.Ok, $"/dev/kvm {api}, hardware-backed (kvm_amd, AMD-V)");
        if (host.Exists("/sys/module/kvm_pvm"))
            return new("kvm", CheckStatus.Warn, $"/dev/kvm {api}, backend kvm_pvm (PVM, paravirtualised): only PVM-enabled guest kernels boot at speed; "
                + "stock kernels do not boot and small guests run ~1000× slower. Full Linux guests: use --accel emu");
        return new("kvm", CheckStatus.Warn, $"/dev/kvm {api}, backend unknown (no kvm_intel, kvm_amd or kvm_pvm module)");
    }
}
