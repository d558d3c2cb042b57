using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

/// <summary>devices.allow/deny lines. As runc does, the standard devices stay usable whatever the rules say.</summary>
internal sealed class DevicesV1 : IV1Controller
{
    public string Name => "devices";

    public void Apply(string dir, Resources r)
    {
        if (r.Devices is null) return;
        foreach (var d in DeviceRules.WithDefaults(r.Devices))
            CgroupFiles.Write(dir, d.Allow ? "devices.allow" : "devices.deny", Rule(d));
    }

    internal static string Rule(DeviceCgroup d)
    {
        var (type, access) = DeviceRules.Check(d);
        return type == "a" && d.Major is null && d.Minor is null ? $"a *:* {access}" : $"{type} {Num(d.Major)}:{Num(d.Minor)} {access}";
    }

    private static string Num(long? n) => n is null or < 0 ? "*" : n.Value.ToString();
}
