using System.Runtime.InteropServices;

namespace Nido.Cli.Doctor.Checks;

/// <summary>Linux on x86-64, new enough for clone3 with CLONE_INTO_CGROUP, pidfds and close_range (5.9; 5.10 LTS in practice).</summary>
public sealed class KernelCheck : IHostCheck
{
    public static readonly Version Minimum = new(5, 10);

    public CheckResult Run(HostView host)
    {
        var release = host.ReadText("/proc/sys/kernel/osrelease")?.Trim();
        if (release is null) return new("kernel", CheckStatus.Fail, "cannot read /proc/sys/kernel/osrelease: is /proc mounted?");
        var arch = RuntimeInformation.OSArchitecture == Architecture.X64 ? "x86_64" : RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        if (arch != "x86_64") return new("kernel", CheckStatus.Fail, $"Linux {release} on {arch}: Nido's process spawning and KVM machine are x86-64 only");
        var version = Nido.Linux.Host.ParseRelease(release);
        return version is null || version < Minimum
            ? new("kernel", CheckStatus.Fail, $"Linux {release}: Nido needs {Minimum} or newer (clone3 into cgroups, pidfds, close_range)")
            : new("kernel", CheckStatus.Ok, $"Linux {release} {arch}");
    }
}
