namespace Nido.Cli.Doctor.Checks;

/// <summary>Which namespace kinds the kernel offers, and whether user namespaces are enabled.</summary>
public sealed class NamespaceCheck : IHostCheck
{
    private static readonly string[] Core = ["mnt", "uts", "ipc", "pid", "net", "user", "cgroup"];

    public CheckResult Run(HostView host)
    {
        var kinds = host.List("/proc/self/ns").Where(n => !n.EndsWith("_for_children", StringComparison.Ordinal)).ToArray();
        var missing = Core.Except(kinds).ToArray();
        var maxUser = host.ReadText("/proc/sys/user/max_user_namespaces")?.Trim();
        var list = string.Join(' ', kinds);
        if (missing.Length > 0) return new("namespaces", CheckStatus.Warn, $"{list}; missing: {string.Join(' ', missing)}");
        if (maxUser == "0") return new("namespaces", CheckStatus.Warn, $"{list}; user namespaces are disabled (user.max_user_namespaces = 0)");
        return new("namespaces", CheckStatus.Ok, maxUser is null ? list : $"{list} (up to {maxUser} user namespaces)");
    }
}
