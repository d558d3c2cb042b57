using System.Globalization;
using Nido.Linux;

namespace Nido.Cli.Doctor.Checks;

/// <summary>Root or not, and the capabilities the runtime and VMM need (read from /proc/self/status).</summary>
public sealed class PrivilegeCheck : IHostCheck
{
    private static readonly Capability[] Needed = [Capability.CAP_SYS_ADMIN, Capability.CAP_NET_ADMIN, Capability.CAP_SYS_CHROOT, Capability.CAP_SETUID, Capability.CAP_MKNOD];

    public CheckResult Run(HostView host)
    {
        var uidField = host.StatusField("/proc/self/status", "Uid");
        var capField = host.StatusField("/proc/self/status", "CapEff");
        if (uidField is null || capField is null) return new("privileges", CheckStatus.Warn, "cannot read Uid/CapEff from /proc/self/status");
        var euid = uidField.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var caps = ulong.Parse(capField, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        bool Has(Capability c) => (caps & Capabilities.Bit(c)) != 0;
        if (euid != "0")
            return new("privileges", CheckStatus.Warn, $"not root (uid {euid}): containers, mounts and TAP devices need root; KVM needs access to /dev/kvm");
        var missing = Needed.Where(c => !Has(c)).ToArray();
        if (missing.Length > 0)
            return new("privileges", CheckStatus.Warn, $"root, but without {string.Join(", ", missing)}: containers will fail where these are needed");
        if (!Has(Capability.CAP_SYS_RESOURCE))
            return new("privileges", CheckStatus.Warn,
                "root without CAP_SYS_RESOURCE: rlimits cannot rise above their hard limits (podman here needs --ulimit nofile=1024:1024 --ulimit nproc=1024:1024)");
        return new("privileges", CheckStatus.Ok, "root with full capabilities");
    }
}
