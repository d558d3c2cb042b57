using Nido.Oci.Runtime;

namespace Nido.Cgroups.V2;

internal sealed class PidsV2 : IV2Controller
{
    public string Name => "pids";

    public bool Requested(Resources r) => r.Pids is not null;

    public void Apply(string dir, Resources r)
    {
        if (r.Pids is { } p) CgroupFiles.Write(dir, "pids.max", p.Limit <= 0 ? "max" : p.Limit.ToString());
    }
}
