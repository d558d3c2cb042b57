using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

/// <summary>net_cls: the class id the container's packets carry (tc filters and iptables match on it).</summary>
internal sealed class NetClsV1 : IV1Controller
{
    public string Name => "net_cls";

    public void Apply(string dir, Resources r)
    {
        if (r.Network?.ClassID is { } id) CgroupFiles.Write(dir, "net_cls.classid", id.ToString());
    }
}
