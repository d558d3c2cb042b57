using System.Text.Json;
using static Nido.Oci.JsonOut;

namespace Nido.Oci.Runtime;

/// <summary>linux.resources written by hand (see <see cref="SpecWriter"/>), the counterpart of <see cref="ResourcesReader"/>.</summary>
public static class ResourcesWriter
{
    public static string Write(Resources resources) => Document(resources, (w, r) => Root(w, r, Members));

    internal static void Members(Utf8JsonWriter w, Resources r)
    {
        Objects(w, "devices", r.Devices, static (w, d) =>
        {
            w.WriteBoolean("allow", d.Allow);
            String(w, "type", d.Type);
            Number(w, "major", d.Major);
            Number(w, "minor", d.Minor);
            String(w, "access", d.Access);
        });
        Object(w, "memory", r.Memory, Memory);
        Object(w, "cpu", r.Cpu, Cpu);
        Object(w, "pids", r.Pids, static (w, p) => w.WriteNumber("limit", p.Limit));
        Object(w, "blockIO", r.BlockIO, BlockIo);
        Objects(w, "hugepageLimits", r.HugepageLimits, static (w, h) => { w.WriteString("pageSize", h.PageSize); w.WriteNumber("limit", h.Limit); });
        Object(w, "network", r.Network, static (w, n) =>
        {
            Number(w, "classID", n.ClassID);
            Objects(w, "priorities", n.Priorities, static (w, p) => { w.WriteString("name", p.Name); w.WriteNumber("priority", p.Priority); });
        });
        ObjectMap(w, "rdma", r.Rdma, static (w, d) => { Number(w, "hcaHandles", d.HcaHandles); Number(w, "hcaObjects", d.HcaObjects); });
        StringMap(w, "unified", r.Unified);
    }

    private static void Memory(Utf8JsonWriter w, MemoryResources m)
    {
        Number(w, "limit", m.Limit);
        Number(w, "reservation", m.Reservation);
        Number(w, "swap", m.Swap);
        Number(w, "kernel", m.Kernel);
        Number(w, "kernelTCP", m.KernelTCP);
        Number(w, "swappiness", m.Swappiness);
        Boolean(w, "disableOOMKiller", m.DisableOOMKiller);
        Boolean(w, "useHierarchy", m.UseHierarchy);
        Boolean(w, "checkBeforeUpdate", m.CheckBeforeUpdate);
    }

    private static void Cpu(Utf8JsonWriter w, CpuResources c)
    {
        Number(w, "shares", c.Shares);
        Number(w, "quota", c.Quota);
        Number(w, "burst", c.Burst);
        Number(w, "period", c.Period);
        Number(w, "realtimeRuntime", c.RealtimeRuntime);
        Number(w, "realtimePeriod", c.RealtimePeriod);
        String(w, "cpus", c.Cpus);
        String(w, "mems", c.Mems);
        Number(w, "idle", c.Idle);
    }

    private static void BlockIo(Utf8JsonWriter w, BlockIoResources b)
    {
        Number(w, "weight", b.Weight);
        Number(w, "leafWeight", b.LeafWeight);
        Objects(w, "weightDevice", b.WeightDevice, static (w, d) =>
        {
            w.WriteNumber("major", d.Major);
            w.WriteNumber("minor", d.Minor);
            Number(w, "weight", d.Weight);
            Number(w, "leafWeight", d.LeafWeight);
        });
        Objects(w, "throttleReadBpsDevice", b.ThrottleReadBpsDevice, Throttle);
        Objects(w, "throttleWriteBpsDevice", b.ThrottleWriteBpsDevice, Throttle);
        Objects(w, "throttleReadIOPSDevice", b.ThrottleReadIOPSDevice, Throttle);
        Objects(w, "throttleWriteIOPSDevice", b.ThrottleWriteIOPSDevice, Throttle);
    }

    private static void Throttle(Utf8JsonWriter w, ThrottleDevice d)
    {
        w.WriteNumber("major", d.Major);
        w.WriteNumber("minor", d.Minor);
        w.WriteNumber("rate", d.Rate);
    }
}
