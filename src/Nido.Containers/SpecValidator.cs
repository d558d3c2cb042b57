using Nido.Linux;
using Nido.Oci.Runtime;

namespace Nido.Containers;

/// <summary>Checks a bundle's config.json before anything is created; every error names the field: "config.json: process.args must not be empty".</summary>
public static class SpecValidator
{
    public static readonly IReadOnlyDictionary<string, NamespaceFlags> NamespaceTypes = new Dictionary<string, NamespaceFlags>
    {
        ["pid"] = NamespaceFlags.Pid, ["network"] = NamespaceFlags.Net, ["mount"] = NamespaceFlags.Mount, ["ipc"] = NamespaceFlags.Ipc,
        ["uts"] = NamespaceFlags.Uts, ["user"] = NamespaceFlags.User, ["cgroup"] = NamespaceFlags.Cgroup, ["time"] = NamespaceFlags.Time,
    };

    private static readonly IReadOnlySet<string> Rlimits = new HashSet<string>(ResourceLimits.KnownNames);

    private static readonly IReadOnlySet<string> Propagations = new HashSet<string> { "", "shared", "slave", "private", "rshared", "rslave", "rprivate", "unbindable", "runbindable" };

    /// <summary>The namespace of <paramref name="type"/> in the config's list (validation allows one per type), or null.</summary>
    public static Namespace? Find(List<Namespace>? namespaces, string type)
    {
        foreach (var ns in namespaces ?? [])
            if (ns.Type == type) return ns;
        return null;
    }

    /// <summary>A process object (config.json's, or `exec --process`'s); <paramref name="field"/> prefixes the field names.</summary>
    public static void ValidateProcess(Process p, string source, string field)
    {
        void Fail(string what) => throw new ContainerException($"{source}: {what}");

        if (p.Args is null || p.Args.Count == 0 || string.IsNullOrEmpty(p.Args[0])) Fail($"{field}.args must not be empty");
        if (!p.Cwd.StartsWith('/')) Fail($"{field}.cwd \"{p.Cwd}\" must be an absolute path");
        foreach (var e in p.Env ?? []) if (!e.Contains('=')) Fail($"{field}.env entry \"{e}\" is not NAME=value");
        if (p.Capabilities is { } caps)
        {
            foreach (var (set, names) in new[] { ("bounding", caps.Bounding), ("effective", caps.Effective), ("inheritable", caps.Inheritable), ("permitted", caps.Permitted), ("ambient", caps.Ambient) })
                foreach (var name in names ?? [])
                    try { Capabilities.Parse(name); }
                    catch (ArgumentException) { Fail($"{field}.capabilities.{set}: unknown capability \"{name}\""); }
        }
        var seenLimits = new HashSet<string>();
        foreach (var r in p.Rlimits ?? [])
        {
            if (!Rlimits.Contains(r.Type)) Fail($"{field}.rlimits: unknown type \"{r.Type}\"");
            if (!seenLimits.Add(r.Type)) Fail($"{field}.rlimits: {r.Type} is set twice");
            if (r.Soft > r.Hard) Fail($"{field}.rlimits: {r.Type} soft limit {r.Soft} exceeds hard limit {r.Hard}");
        }
        if (p.OomScoreAdj is < -1000 or > 1000) Fail($"{field}.oomScoreAdj {p.OomScoreAdj} is outside -1000..1000");
    }

    private static readonly IReadOnlySet<string> IpcSysctls = new HashSet<string>
    {
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced",
    };

    /// <summary>
    /// runc's rule: a sysctl is set only in a namespace the container has (new or joined), never the host's —
    /// IPC ones need an ipc namespace, net.* a network namespace, kernel.hostname/domainname a uts one; any other
    /// key would change the host. Keys are dotted names under /proc/sys.
    /// </summary>
    private static string? SysctlProblem(string key, HashSet<string> namespaces)
    {
        var parts = key.Split('.');
        if (key.Contains('/') || Array.Exists(parts, p => p.Length == 0)) return $"\"{key}\" is not a sysctl name (dotted, as kernel.shmmax)";
        if (IpcSysctls.Contains(key) || key.StartsWith("fs.mqueue.", StringComparison.Ordinal))
            return namespaces.Contains("ipc") ? null : $"sysctl \"{key}\" is not allowed in the host's ipc namespace";
        if (key.StartsWith("net.", StringComparison.Ordinal))
            return namespaces.Contains("network") ? null : $"sysctl \"{key}\" is not allowed in the host's network namespace";
        if (key is "kernel.hostname" or "kernel.domainname")
            return namespaces.Contains("uts") ? null : $"sysctl \"{key}\" is not allowed in the host's uts namespace";
        return $"sysctl \"{key}\" is not in a separate kernel namespace";
    }

    /// <summary>Throws <see cref="ContainerException"/> for the first problem found.</summary>
    public static void Validate(Spec spec, string source = "config.json")
    {
        void Fail(string what) => throw new ContainerException($"{source}: {what}");

        var parts = spec.OciVersion.Split('.', '-', '+');
        if (parts.Length < 3 || parts[0] != "1" || !int.TryParse(parts[1], out _))
            Fail($"unknown ociVersion \"{spec.OciVersion}\" (Nido implements runtime-spec {SpecVersion.Current}, 1.x documents are accepted)");
        if (spec.Root is null || string.IsNullOrEmpty(spec.Root.Path)) Fail("root.path must be set");

        ValidateProcess(spec.Process ?? throw new ContainerException($"{source}: process must be set"), source, "process");

        for (var i = 0; i < (spec.Mounts?.Count ?? 0); i++)
        {
            var m = spec.Mounts![i];
            if (!m.Destination.StartsWith('/')) Fail($"mounts[{i}].destination \"{m.Destination}\" must be an absolute path");
            var bind = m.Type == "bind" || m.Options is { } options && (options.Contains("bind") || options.Contains("rbind"));
            if (!bind && string.IsNullOrEmpty(m.Type)) Fail($"mounts[{i}] ({m.Destination}): type must be set unless the options say bind or rbind");
            if (bind && string.IsNullOrEmpty(m.Source)) Fail($"mounts[{i}] ({m.Destination}): a bind mount needs a source");
        }

        var linux = spec.Linux;
        var kinds = new HashSet<string>();
        foreach (var ns in linux?.Namespaces ?? [])
        {
            if (!NamespaceTypes.ContainsKey(ns.Type)) Fail($"linux.namespaces: unknown namespace type \"{ns.Type}\"");
            if (!kinds.Add(ns.Type)) Fail($"linux.namespaces: {ns.Type} is listed twice");
            if (ns.Path is { Length: > 0 } path && !path.StartsWith('/')) Fail($"linux.namespaces: {ns.Type} path \"{path}\" must be absolute");
        }
        var hasUserNs = kinds.Contains("user");
        if (!hasUserNs && ((linux?.UidMappings?.Count ?? 0) > 0 || (linux?.GidMappings?.Count ?? 0) > 0))
            Fail("linux.uidMappings/gidMappings need a user namespace in linux.namespaces");
        if (hasUserNs && Find(linux!.Namespaces, "user")!.Path is null && (linux.UidMappings is not { Count: > 0 } || linux.GidMappings is not { Count: > 0 }))
            Fail("a new user namespace needs linux.uidMappings and linux.gidMappings");
        if (!string.IsNullOrEmpty(spec.Hostname) && !kinds.Contains("uts")) Fail("unable to set hostname without a private UTS namespace");
        if (!string.IsNullOrEmpty(spec.Domainname) && !kinds.Contains("uts")) Fail("unable to set domainname without a private UTS namespace");
        if (!Propagations.Contains(linux?.RootfsPropagation ?? "")) Fail($"linux.rootfsPropagation \"{linux!.RootfsPropagation}\" is not a propagation mode");
        foreach (var d in linux?.Devices ?? [])
        {
            if (d.Type is not ("c" or "b" or "u" or "p")) Fail($"linux.devices {d.Path}: type \"{d.Type}\" must be c, b, u or p");
            if (!d.Path.StartsWith("/dev/", StringComparison.Ordinal)) Fail($"linux.devices: path \"{d.Path}\" must be under /dev");
        }
        foreach (var key in linux?.Sysctl?.Keys ?? (IEnumerable<string>)[])
            if (SysctlProblem(key, kinds) is { } problem) Fail($"linux.sysctl: {problem}");
        if (!kinds.Contains("mount"))
        {
            // These would change the host's own mounts: runc refuses the first two the same way.
            if ((linux?.MaskedPaths?.Count ?? 0) > 0 || (linux?.ReadonlyPaths?.Count ?? 0) > 0) Fail("unable to restrict sys entries without a private MNT namespace (linux.maskedPaths/readonlyPaths)");
            if (spec.Root!.Readonly == true) Fail("root.readonly needs a mount namespace in linux.namespaces");
            if (!string.IsNullOrEmpty(linux?.RootfsPropagation)) Fail("linux.rootfsPropagation needs a mount namespace in linux.namespaces");
        }
        foreach (var paths in new[] { linux?.MaskedPaths, linux?.ReadonlyPaths })
            foreach (var path in paths ?? [])
                if (!path.StartsWith('/')) Fail($"linux.maskedPaths/readonlyPaths: \"{path}\" must be absolute");
        if (linux?.Seccomp is { } sc)
        {
            // Compiling is the check: a bad profile fails `create` before any process exists.
            try { Seccomp.SeccompCompiler.Compile(sc); }
            catch (ContainerException e) { Fail(e.Message); }
        }
        if (spec.Hooks is { } hooks)
        {
            foreach (var (kind, list) in new[] { ("prestart", hooks.Prestart), ("createRuntime", hooks.CreateRuntime), ("createContainer", hooks.CreateContainer), ("startContainer", hooks.StartContainer), ("poststart", hooks.Poststart), ("poststop", hooks.Poststop) })
                foreach (var h in list ?? [])
                {
                    if (!h.Path.StartsWith('/')) Fail($"hooks.{kind}: path \"{h.Path}\" must be absolute");
                    if (h.Timeout is <= 0) Fail($"hooks.{kind} {h.Path}: timeout must be positive");
                }
        }
    }
}
