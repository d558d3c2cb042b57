using Nido.Oci.Runtime;

namespace Nido.Cgroups.V2;

internal sealed class CpusetV2 : IV2Controller
{
    public string Name => "cpuset";

    public bool Requested(Resources r) => r.Cpu is { Cpus.Length: > 0 } or { Mems.Length: > 0 };

    public void Apply(string dir, Resources r)
    {
        if (r.Cpu?.Cpus is { Length: > 0 } cpus) CgroupFiles.Write(dir, "cpuset.cpus", cpus);
        if (r.Cpu?.Mems is { Length: > 0 } mems) CgroupFiles.Write(dir, "cpuset.mems", mems);
    }
}
