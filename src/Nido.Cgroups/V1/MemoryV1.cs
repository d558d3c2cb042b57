using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

internal sealed class MemoryV1 : IV1Controller
{
    public string Name => "memory";

    public void Apply(string dir, Resources r)
    {
        if (r.Memory is not { } m) return;
        // memsw must never be below the memory limit: when raising, write memsw first; when lowering, the limit first.
        var swapFirst = m.Swap is { } swap && m.Limit is { } limit && ParseLimit(CgroupFiles.Read(dir, "memory.memsw.limit_in_bytes")) < swap && swap >= limit;
        if (swapFirst) WriteSwap(dir, m.Swap!.Value);
        if (m.Limit is { } l) CgroupFiles.Write(dir, "memory.limit_in_bytes", l.ToString());
        if (!swapFirst && m.Swap is { } s) WriteSwap(dir, s);
        if (m.Reservation is { } res) CgroupFiles.Write(dir, "memory.soft_limit_in_bytes", res.ToString());
        if (m.Swappiness is { } sw)
        {
            if (sw > 100) throw new CgroupException($"linux.resources.memory.swappiness {sw} is above 100");
            CgroupFiles.Write(dir, "memory.swappiness", sw.ToString());
        }
        if (m.DisableOOMKiller == true) CgroupFiles.Write(dir, "memory.oom_control", "1");
    }

    private static void WriteSwap(string dir, long value)
    {
        if (!CgroupFiles.Has(dir, "memory.memsw.limit_in_bytes"))
            throw new CgroupException("linux.resources.memory.swap is set but this kernel has no swap accounting (memory.memsw.*)");
        CgroupFiles.Write(dir, "memory.memsw.limit_in_bytes", value.ToString());
    }

    private static long ParseLimit(string? text) => long.TryParse(text, out var v) ? v : long.MaxValue;
}
