using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

internal sealed class CpusetV1 : IV1Controller
{
    public string Name => "cpuset";

    /// <summary>A new v1 cpuset starts empty and refuses tasks: inherit the parent's cpus and mems first.</summary>
    public static void Initialize(string dir)
    {
        var parent = Path.GetDirectoryName(dir)!;
        foreach (var file in new[] { "cpuset.cpus", "cpuset.mems" })
        {
            if (string.IsNullOrEmpty(CgroupFiles.Read(parent, file)) && parent.Length > 1) Initialize(parent);
            if (string.IsNullOrEmpty(CgroupFiles.Read(dir, file))) CgroupFiles.Write(dir, file, CgroupFiles.Read(parent, file) ?? "");
        }
    }

    public void Apply(string dir, Resources r)
    {
        if (r.Cpu?.Cpus is { Length: > 0 } cpus) CgroupFiles.Write(dir, "cpuset.cpus", cpus);
        if (r.Cpu?.Mems is { Length: > 0 } mems) CgroupFiles.Write(dir, "cpuset.mems", mems);
    }
}
