using Nido.Oci.Runtime;

namespace Nido.Cgroups.V2;

/// <summary>One cgroup v2 controller's share of the OCI resources, converted to v2's files and units.</summary>
internal interface IV2Controller
{
    string Name { get; }
    bool Requested(Resources r);
    void Apply(string dir, Resources r);
}
