namespace Nido.Oci.Runtime;

/// <summary>
/// Reads config.json (and the process and resources documents of `exec --process` and `update --resources`) by hand.
/// The runtime is started several times per container, and System.Text.Json configures the metadata of every type
/// in the graph before its first read — reflection that cost ~3 ms of a ~20 ms `run`. Names are the spec's
/// camelCase fields; unknown fields are skipped and null keeps a field's zero value, as runc (Go) reads them.
/// </summary>
public static class SpecReader
{
    public static Spec Spec(ref JsonCursor c)
    {
        string ociVersion = "";
        Process? process = null; Root? root = null; string? hostname = null, domainname = null;
        List<Mount>? mounts = null; Hooks? hooks = null; Dictionary<string, string>? annotations = null; Linux? linux = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "ociVersion": ociVersion = c.String(ociVersion); break;
                case "process": process = c.Null ? null : Process(ref c); break;
                case "root": root = c.Null ? null : Root(ref c); break;
                case "hostname": hostname = c.NullableString(); break;
                case "domainname": domainname = c.NullableString(); break;
                case "mounts": mounts = c.Array(Mount); break;
                case "hooks": hooks = c.Null ? null : Hooks(ref c); break;
                case "annotations": annotations = c.StringMap(); break;
                case "linux": linux = c.Null ? null : Linux(ref c); break;
                default: c.Skip(); break;
            }
        return new Spec
        {
            OciVersion = ociVersion, Process = process, Root = root, Hostname = hostname, Domainname = domainname,
            Mounts = mounts, Hooks = hooks, Annotations = annotations, Linux = linux,
        };
    }

    private static Root Root(ref JsonCursor c)
    {
        string path = ""; bool ro = false;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "path": path = c.String(path); break;
                case "readonly": ro = c.Bool(ro); break;
                default: c.Skip(); break;
            }
        return new Root { Path = path, Readonly = ro };
    }

    private static Mount Mount(ref JsonCursor c)
    {
        string destination = ""; string? type = null, source = null; List<string>? options = null;
        List<IdMapping>? uids = null, gids = null;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "destination": destination = c.String(destination); break;
                    case "type": type = c.NullableString(); break;
                    case "source": source = c.NullableString(); break;
                    case "options": options = c.Strings(); break;
                    case "uidMappings": uids = c.Array(IdMapping); break;
                    case "gidMappings": gids = c.Array(IdMapping); break;
                    default: c.Skip(); break;
                }
        return new Mount { Destination = destination, Type = type, Source = source, Options = options, UidMappings = uids, GidMappings = gids };
    }

    private static IdMapping IdMapping(ref JsonCursor c)
    {
        uint container = 0, host = 0, size = 0;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "containerID": container = c.UInt32(container); break;
                    case "hostID": host = c.UInt32(host); break;
                    case "size": size = c.UInt32(size); break;
                    default: c.Skip(); break;
                }
        return new IdMapping { ContainerID = container, HostID = host, Size = size };
    }

    private static Hooks Hooks(ref JsonCursor c)
    {
        List<Hook>? prestart = null, createRuntime = null, createContainer = null, startContainer = null, poststart = null, poststop = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "prestart": prestart = c.Array(Hook); break;
                case "createRuntime": createRuntime = c.Array(Hook); break;
                case "createContainer": createContainer = c.Array(Hook); break;
                case "startContainer": startContainer = c.Array(Hook); break;
                case "poststart": poststart = c.Array(Hook); break;
                case "poststop": poststop = c.Array(Hook); break;
                default: c.Skip(); break;
            }
        return new Hooks
        {
            Prestart = prestart, CreateRuntime = createRuntime, CreateContainer = createContainer,
            StartContainer = startContainer, Poststart = poststart, Poststop = poststop,
        };
    }

    private static Hook Hook(ref JsonCursor c)
    {
        string path = ""; List<string>? args = null, env = null; int? timeout = null;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "path": path = c.String(path); break;
                    case "args": args = c.Strings(); break;
                    case "env": env = c.Strings(); break;
                    case "timeout": timeout = c.NullableInt32(); break;
                    default: c.Skip(); break;
                }
        return new Hook { Path = path, Args = args, Env = env, Timeout = timeout };
    }

    public static Process Process(ref JsonCursor c)
    {
        bool terminal = false, noNewPrivileges = false; ConsoleSize? consoleSize = null; User user = new();
        List<string>? args = null, env = null; string? commandLine = null, apparmor = null, selinux = null; string cwd = "";
        LinuxCapabilities? caps = null; List<Rlimit>? rlimits = null; int? oomScoreAdj = null;
        IoPriority? ioPriority = null; Scheduler? scheduler = null; CpuAffinity? affinity = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "terminal": terminal = c.Bool(terminal); break;
                case "consoleSize": consoleSize = c.Null ? null : ConsoleSize(ref c); break;
                case "user": user = c.Null ? user : User(ref c); break;
                case "args": args = c.Strings(); break;
                case "commandLine": commandLine = c.NullableString(); break;
                case "env": env = c.Strings(); break;
                case "cwd": cwd = c.String(cwd); break;
                case "capabilities": caps = c.Null ? null : Capabilities(ref c); break;
                case "rlimits": rlimits = c.Array(Rlimit); break;
                case "noNewPrivileges": noNewPrivileges = c.Bool(noNewPrivileges); break;
                case "apparmorProfile": apparmor = c.NullableString(); break;
                case "oomScoreAdj": oomScoreAdj = c.NullableInt32(); break;
                case "selinuxLabel": selinux = c.NullableString(); break;
                case "ioPriority": ioPriority = c.Null ? null : IoPriority(ref c); break;
                case "scheduler": scheduler = c.Null ? null : Scheduler(ref c); break;
                case "execCPUAffinity": affinity = c.Null ? null : CpuAffinity(ref c); break;
                default: c.Skip(); break;
            }
        return new Process
        {
            Terminal = terminal, ConsoleSize = consoleSize, User = user, Args = args, CommandLine = commandLine, Env = env,
            Cwd = cwd, Capabilities = caps, Rlimits = rlimits, NoNewPrivileges = noNewPrivileges, ApparmorProfile = apparmor,
            OomScoreAdj = oomScoreAdj, SelinuxLabel = selinux, IoPriority = ioPriority, Scheduler = scheduler, ExecCPUAffinity = affinity,
        };
    }

    private static ConsoleSize ConsoleSize(ref JsonCursor c)
    {
        uint height = 0, width = 0;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "height": height = c.UInt32(height); break;
                case "width": width = c.UInt32(width); break;
                default: c.Skip(); break;
            }
        return new ConsoleSize { Height = height, Width = width };
    }

    private static User User(ref JsonCursor c)
    {
        uint uid = 0, gid = 0; uint? umask = null; List<uint>? gids = null; string? username = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "uid": uid = c.UInt32(uid); break;
                case "gid": gid = c.UInt32(gid); break;
                case "umask": umask = c.NullableUInt32(); break;
                case "additionalGids": gids = c.UInt32s(); break;
                case "username": username = c.NullableString(); break;
                default: c.Skip(); break;
            }
        return new User { Uid = uid, Gid = gid, Umask = umask, AdditionalGids = gids, Username = username };
    }

    private static LinuxCapabilities Capabilities(ref JsonCursor c)
    {
        List<string>? bounding = null, effective = null, inheritable = null, permitted = null, ambient = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "bounding": bounding = c.Strings(); break;
                case "effective": effective = c.Strings(); break;
                case "inheritable": inheritable = c.Strings(); break;
                case "permitted": permitted = c.Strings(); break;
                case "ambient": ambient = c.Strings(); break;
                default: c.Skip(); break;
            }
        return new LinuxCapabilities { Bounding = bounding, Effective = effective, Inheritable = inheritable, Permitted = permitted, Ambient = ambient };
    }

    private static Rlimit Rlimit(ref JsonCursor c)
    {
        string type = ""; ulong hard = 0, soft = 0;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "type": type = c.String(type); break;
                    case "hard": hard = c.UInt64(hard); break;
                    case "soft": soft = c.UInt64(soft); break;
                    default: c.Skip(); break;
                }
        return new Rlimit { Type = type, Hard = hard, Soft = soft };
    }

    private static IoPriority IoPriority(ref JsonCursor c)
    {
        string @class = ""; int priority = 0;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "class": @class = c.String(@class); break;
                case "priority": priority = c.Int32(priority); break;
                default: c.Skip(); break;
            }
        return new IoPriority { Class = @class, Priority = priority };
    }

    private static Scheduler Scheduler(ref JsonCursor c)
    {
        string policy = ""; int? nice = null, priority = null; List<string>? flags = null; ulong? runtime = null, deadline = null, period = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "policy": policy = c.String(policy); break;
                case "nice": nice = c.NullableInt32(); break;
                case "priority": priority = c.NullableInt32(); break;
                case "flags": flags = c.Strings(); break;
                case "runtime": runtime = c.NullableUInt64(); break;
                case "deadline": deadline = c.NullableUInt64(); break;
                case "period": period = c.NullableUInt64(); break;
                default: c.Skip(); break;
            }
        return new Scheduler { Policy = policy, Nice = nice, Priority = priority, Flags = flags, Runtime = runtime, Deadline = deadline, Period = period };
    }

    private static CpuAffinity CpuAffinity(ref JsonCursor c)
    {
        string? initial = null, final = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "initial": initial = c.NullableString(); break;
                case "final": final = c.NullableString(); break;
                default: c.Skip(); break;
            }
        return new CpuAffinity { Initial = initial, Final = final };
    }

    private static Linux Linux(ref JsonCursor c)
    {
        List<IdMapping>? uids = null, gids = null; Dictionary<string, string>? sysctl = null; Resources? resources = null;
        string? cgroupsPath = null, propagation = null, mountLabel = null; List<Namespace>? namespaces = null;
        List<Device>? devices = null; Seccomp? seccomp = null; List<string>? masked = null, readonlyPaths = null;
        Personality? personality = null; Dictionary<string, TimeOffset>? timeOffsets = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "uidMappings": uids = c.Array(IdMapping); break;
                case "gidMappings": gids = c.Array(IdMapping); break;
                case "sysctl": sysctl = c.StringMap(); break;
                case "resources": resources = c.Null ? null : ResourcesReader.Resources(ref c); break;
                case "cgroupsPath": cgroupsPath = c.NullableString(); break;
                case "namespaces": namespaces = c.Array(Namespace); break;
                case "devices": devices = c.Array(Device); break;
                case "seccomp": seccomp = c.Null ? null : SeccompReader.Seccomp(ref c); break;
                case "rootfsPropagation": propagation = c.NullableString(); break;
                case "maskedPaths": masked = c.Strings(); break;
                case "readonlyPaths": readonlyPaths = c.Strings(); break;
                case "mountLabel": mountLabel = c.NullableString(); break;
                case "personality": personality = c.Null ? null : Personality(ref c); break;
                case "timeOffsets": timeOffsets = c.Map(TimeOffset); break;
                default: c.Skip(); break;
            }
        return new Linux
        {
            UidMappings = uids, GidMappings = gids, Sysctl = sysctl, Resources = resources, CgroupsPath = cgroupsPath,
            Namespaces = namespaces, Devices = devices, Seccomp = seccomp, RootfsPropagation = propagation, MaskedPaths = masked,
            ReadonlyPaths = readonlyPaths, MountLabel = mountLabel, Personality = personality, TimeOffsets = timeOffsets,
        };
    }

    private static Namespace Namespace(ref JsonCursor c)
    {
        string type = ""; string? path = null;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "type": type = c.String(type); break;
                    case "path": path = c.NullableString(); break;
                    default: c.Skip(); break;
                }
        return new Namespace { Type = type, Path = path };
    }

    private static Device Device(ref JsonCursor c)
    {
        string type = "", path = ""; long major = 0, minor = 0; uint? mode = null, uid = null, gid = null;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "type": type = c.String(type); break;
                    case "path": path = c.String(path); break;
                    case "major": major = c.Int64(major); break;
                    case "minor": minor = c.Int64(minor); break;
                    case "fileMode": mode = c.NullableUInt32(); break;
                    case "uid": uid = c.NullableUInt32(); break;
                    case "gid": gid = c.NullableUInt32(); break;
                    default: c.Skip(); break;
                }
        return new Device { Type = type, Path = path, Major = major, Minor = minor, FileMode = mode, Uid = uid, Gid = gid };
    }

    private static Personality Personality(ref JsonCursor c)
    {
        string domain = ""; List<string>? flags = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "domain": domain = c.String(domain); break;
                case "flags": flags = c.Strings(); break;
                default: c.Skip(); break;
            }
        return new Personality { Domain = domain, Flags = flags };
    }

    private static TimeOffset TimeOffset(ref JsonCursor c)
    {
        long secs = 0; uint nanosecs = 0;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "secs": secs = c.Int64(secs); break;
                    case "nanosecs": nanosecs = c.UInt32(nanosecs); break;
                    default: c.Skip(); break;
                }
        return new TimeOffset { Secs = secs, Nanosecs = nanosecs };
    }
}
