using Nido.Oci.Runtime;

namespace Nido.Cgroups.V2;

internal sealed class CpuV2 : IV2Controller
{
    public string Name => "cpu";

    public bool Requested(Resources r) => r.Cpu is { } c && (c.Shares is not null || c.Quota is not null || c.Period is not null || c.Idle is not null);

    public void Apply(string dir, Resources r)
    {
        if (r.Cpu is not { } c) return;
        if (c.Shares is { } shares and > 0) CgroupFiles.Write(dir, "cpu.weight", Weight(shares).ToString());
        if (c.Quota is not null || c.Period is not null)
        {
            var period = c.Period ?? 100_000;
            CgroupFiles.Write(dir, "cpu.max", $"{(c.Quota is { } q and > 0 ? q.ToString() : "max")} {period}");
        }
        if (c.Burst is { } burst) CgroupFiles.Write(dir, "cpu.max.burst", burst.ToString());
        if (c.Idle is { } idle) CgroupFiles.Write(dir, "cpu.idle", idle.ToString());
    }

    /// <summary>v1 shares (2–262144) to v2 weight (1–10000), the conversion runc and crun use.</summary>
    internal static ulong Weight(ulong shares) => 1 + ((Math.Clamp(shares, 2, 262144) - 2) * 9999) / 262142;
}
