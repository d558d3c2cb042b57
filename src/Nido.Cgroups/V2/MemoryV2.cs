using Nido.Oci.Runtime;

namespace Nido.Cgroups.V2;

internal sealed class MemoryV2 : IV2Controller
{
    public string Name => "memory";

    public bool Requested(Resources r) => r.Memory is { } m && (m.Limit ?? m.Reservation ?? m.Swap) is not null;

    public void Apply(string dir, Resources r)
    {
        if (r.Memory is not { } m) return;
        if (m.Limit is { } limit) CgroupFiles.Write(dir, "memory.max", Max(limit));
        if (m.Reservation is { } low) CgroupFiles.Write(dir, "memory.low", Max(low));
        if (m.Swap is { } swap) CgroupFiles.Write(dir, "memory.swap.max", SwapMax(swap, m.Limit));
    }

    /// <summary>OCI's swap is memory+swap (v1 memsw); v2's memory.swap.max is the swap alone.</summary>
    internal static string SwapMax(long swap, long? limit)
    {
        if (swap < 0) return "max";
        if (limit is null or < 0) throw new CgroupException("linux.resources.memory.swap needs memory.limit on cgroup v2");
        if (swap < limit) throw new CgroupException($"linux.resources.memory.swap {swap} is below memory.limit {limit}");
        return (swap - limit.Value).ToString();
    }

    private static string Max(long v) => v < 0 ? "max" : v.ToString();
}
