using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

/// <summary>net_prio: a priority per interface, one "name priority" line each (names resolve in the writer's network namespace).</summary>
internal sealed class NetPrioV1 : IV1Controller
{
    public string Name => "net_prio";

    public void Apply(string dir, Resources r)
    {
        foreach (var p in r.Network?.Priorities ?? [])
            CgroupFiles.Write(dir, "net_prio.ifpriomap", $"{p.Name} {p.Priority}");
    }
}
