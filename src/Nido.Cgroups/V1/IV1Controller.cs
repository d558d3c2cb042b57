using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

/// <summary>One cgroup v1 controller: which resources it applies, to its own directory.</summary>
internal interface IV1Controller
{
    string Name { get; }
    void Apply(string dir, Resources r);
}
