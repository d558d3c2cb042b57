namespace Nido.Cli.Doctor.Checks;

/// <summary>overlayfs for image snapshots (without it, layers are copied).</summary>
public sealed class OverlayCheck : IHostCheck
{
    public CheckResult Run(HostView host)
    {
        var filesystems = host.ReadText("/proc/filesystems") ?? "";
        return filesystems.Split('\n').Any(l => l.Trim() == "overlay" || l.EndsWith("\toverlay", StringComparison.Ordinal))
            ? new("overlayfs", CheckStatus.Ok, "available for image snapshots")
            : new("overlayfs", CheckStatus.Warn, "not loaded (modprobe overlay): image layers will be copied instead of overlaid");
    }
}
