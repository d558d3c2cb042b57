using Nido.Cgroups;
using Nido.Linux;

namespace Nido.Cli.Doctor.Checks;

/// <summary>cgroup mode (v2 unified, v1 hybrid, v1 legacy) and which controllers are where; notes when PID 1 is not systemd.</summary>
public sealed class CgroupCheck : IHostCheck
{
    public CheckResult Run(HostView host)
    {
        var mountinfo = host.ReadText("/proc/self/mountinfo");
        if (mountinfo is null) return new("cgroups", CheckStatus.Fail, "cannot read /proc/self/mountinfo");
        var layout = CgroupLayout.Detect(MountInfo.Parse(mountinfo), host.ReadText);
        if (layout.Mode == CgroupMode.None) return new("cgroups", CheckStatus.Fail, "no cgroup filesystem is mounted: containers cannot be limited or paused");
        var init = host.ReadText("/proc/1/comm")?.Trim();
        var systemd = init == "systemd" ? "" : $"; PID 1 is {init ?? "unknown"}, not systemd (--systemd-cgroup unavailable)";
        return new("cgroups", CheckStatus.Ok, layout.Describe() + systemd);
    }
}
