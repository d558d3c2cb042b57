using Nido.Oci.Runtime;

namespace Nido.Cgroups;

/// <summary>linux.resources.devices as both managers apply it: checked, and followed by the devices every container keeps.</summary>
internal static class DeviceRules
{
    /// <summary>null, zero, full, random, urandom, tty, console, ptmx, and every /dev/pts/N.</summary>
    private static readonly DeviceCgroup[] AlwaysAllowed =
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

    /// <summary>The config's rules, then the always-allowed ones (later rules win, as in devices.allow/deny order).</summary>
    public static List<DeviceCgroup> WithDefaults(IEnumerable<DeviceCgroup> rules)
    {
        var all = new List<DeviceCgroup>(rules);
        all.AddRange(AlwaysAllowed);
        return all;
    }

    /// <summary>The rule's type (a, c, b) and access (subset of rwm), with the defaults filled in; bad values throw.</summary>
    public static (string Type, string Access) Check(DeviceCgroup d)
    {
        var type = string.IsNullOrEmpty(d.Type) ? "a" : d.Type;
        if (type is not ("a" or "c" or "b")) throw new CgroupException($"linux.resources.devices: type \"{type}\" must be a, c or b");
        var access = string.IsNullOrEmpty(d.Access) ? "rwm" : d.Access;
        if (access.AsSpan().IndexOfAnyExcept("rwm") >= 0) throw new CgroupException($"linux.resources.devices: access \"{access}\" must use r, w and m");
        return (type, access);
    }
}
