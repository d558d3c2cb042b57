namespace Nido.Cli.Doctor.Checks;

/// <summary>/dev/net/tun for VM network interfaces.</summary>
public sealed class TunCheck : IHostCheck
{
    public CheckResult Run(HostView host) => host.Exists("/dev/net/tun")
        ? new("tun", CheckStatus.Ok, "/dev/net/tun present: VMs can have TAP networking")
        : new("tun", CheckStatus.Warn, "no /dev/net/tun (modprobe tun): VMs run without networking");
}
