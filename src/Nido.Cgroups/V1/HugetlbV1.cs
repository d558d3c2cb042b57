using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

internal sealed class HugetlbV1 : IV1Controller
{
    public string Name => "hugetlb";

    public void Apply(string dir, Resources r)
    {
        foreach (var h in r.HugepageLimits ?? [])
            CgroupFiles.Write(dir, $"hugetlb.{h.PageSize}.limit_in_bytes", h.Limit.ToString());
    }
}
