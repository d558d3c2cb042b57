using Nido.Cli.Doctor.Checks;

namespace Nido.Cli.Doctor;

public enum CheckStatus { Ok, Warn, Fail }

public sealed record CheckResult(string Name, CheckStatus Status, string Detail);

/// <summary>A host capability Nido depends on. Checks only read; none changes the host.</summary>
public interface IHostCheck
{
    CheckResult Run(HostView host);
}

public static class HostDoctor
{
    public static IReadOnlyList<IHostCheck> Checks { get; } =
    [
        new KernelCheck(), new PrivilegeCheck(), new KvmCheck(), new CgroupCheck(), new NamespaceCheck(),
        new OverlayCheck(), new TunCheck(), new SeccompCheck(), new EmuCheck(),
    ];

    public static IReadOnlyList<CheckResult> RunAll(HostView host) => Checks.Select(c =>
    {
        try { return c.Run(host); }
        catch (Exception e) { return new CheckResult(c.GetType().Name.Replace("Check", "").ToLowerInvariant(), CheckStatus.Fail, $"the check itself failed: {e.Message}"); }
    }).ToArray();

    public static string Format(CheckResult r, bool color)
    {
        var word = r.Status switch { CheckStatus.Ok => "ok", CheckStatus.Warn => "warn", _ => "FAIL" };
        var padded = word.PadRight(5);
        if (color) padded = (r.Status switch { CheckStatus.Ok => "\e[32m", CheckStatus.Warn => "\e[33m", _ => "\e[31m" }) + padded + "\e[0m";
        return $"{padded} {r.Name,-11} {r.Detail}";
    }
}
