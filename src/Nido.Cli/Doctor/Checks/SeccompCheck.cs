namespace Nido.Cli.Doctor.Checks;

/// <summary>Seccomp filter support, needed for containers' seccomp profiles.</summary>
public sealed class SeccompCheck : IHostCheck
{
    public CheckResult Run(HostView host)
    {
        var actions = host.ReadText("/proc/sys/kernel/seccomp/actions_avail")?.Trim();
        if (actions is not null) return new("seccomp", CheckStatus.Ok, $"filters available ({actions})");
        return host.StatusField("/proc/self/status", "Seccomp") is not null
            ? new("seccomp", CheckStatus.Warn, "seccomp present, but filter actions are not listed (kernel too old for actions_avail?)")
            : new("seccomp", CheckStatus.Warn, "no seccomp in this kernel: container seccomp profiles cannot be applied");
    }
}
