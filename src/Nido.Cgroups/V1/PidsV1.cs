using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

internal sealed class PidsV1 : IV1Controller
{
    public string Name => "pids";

    public void Apply(string dir, Resources r)
    {
        if (r.Pids is { } p) CgroupFiles.Write(dir, "pids.max", p.Limit <= 0 ? "max" : p.Limit.ToString());
    }
}
