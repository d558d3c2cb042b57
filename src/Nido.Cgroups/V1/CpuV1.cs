using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

internal sealed class CpuV1 : IV1Controller
{
    public string Name => "cpu";

    public void Apply(string dir, Resources r)
    {
        if (r.Cpu is not { } c) return;
        if (c.Shares is { } shares) CgroupFiles.Write(dir, "cpu.shares", shares.ToString());
        // The period first: a quota is checked against the current period.
        if (c.Period is { } period) CgroupFiles.Write(dir, "cpu.cfs_period_us", period.ToString());
        if (c.Quota is { } quota) CgroupFiles.Write(dir, "cpu.cfs_quota_us", quota <= 0 ? "-1" : quota.ToString());
        if (c.Burst is { } burst && CgroupFiles.Has(dir, "cpu.cfs_burst_us")) CgroupFiles.Write(dir, "cpu.cfs_burst_us", burst.ToString());
        if (c.RealtimePeriod is { } rtp) CgroupFiles.Write(dir, "cpu.rt_period_us", rtp.ToString());
        if (c.RealtimeRuntime is { } rtr) CgroupFiles.Write(dir, "cpu.rt_runtime_us", rtr.ToString());
    }
}
