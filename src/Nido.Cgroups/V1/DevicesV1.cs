using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

/// <summary>devices.allow/deny lines. As runc does, the standard devices stay usable whatever the rules say.</summary>
internal sealed class DevicesV1 : IV1Controller
{
    public string Name => "devices";

    /// <summary>null, zero, full, random, urandom, tty, console, ptmx, and every /dev/pts/N.</summary>
    internal static readonly DeviceCgroup[] AlwaysAllowed =
    [
        new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 1, Minor = 5, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 1, Minor = 7, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 1, Minor = 8, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 1, Minor = 9, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 5, Minor = 0, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 5, Minor = 1, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 5, Minor = 2, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 136, Minor = null, Access = "rwm" },
    ];

    public void Apply(string dir, Resources r)
    {
        if (r.Devices is null) return;
        foreach (var d in r.Devices.Concat(AlwaysAllowed))
            CgroupFiles.Write(dir, d.Allow ? "devices.allow" : "devices.deny", Rule(d));
    }

    internal static string Rule(DeviceCgroup d)
    {
        var type = string.IsNullOrEmpty(d.Type) ? "a" : d.Type;
        if (type is not ("a" or "c" or "b")) throw new CgroupException($"linux.resources.devices: type \"{type}\" must be a, c or b");
        var access = string.IsNullOrEmpty(d.Access) ? "rwm" : d.Access;
        if (access.Any(ch => ch is not ('r' or 'w' or 'm'))) throw new CgroupException($"linux.resources.devices: access \"{access}\" must use r, w and m");
        return type == "a" && d.Major is null && d.Minor is null ? $"a *:* {access}" : $"{type} {Num(d.Major)}:{Num(d.Minor)} {access}";
    }

    private static string Num(long? n) => n is null or < 0 ? "*" : n.Value.ToString();
}
