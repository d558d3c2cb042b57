using Nido.Oci.Runtime;

namespace Nido.Cgroups.V2;

internal sealed class HugetlbV2 : IV2Controller
{
    public string Name => "hugetlb";

    public bool Requested(Resources r) => r.HugepageLimits is { Count: > 0 };

    public void Apply(string dir, Resources r)
    {
        foreach (var h in r.HugepageLimits ?? []) CgroupFiles.Write(dir, $"hugetlb.{h.PageSize}.max", h.Limit.ToString());
    }
}
