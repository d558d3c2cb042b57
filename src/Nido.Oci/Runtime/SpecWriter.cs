using System.Text.Json;
using static Nido.Oci.JsonOut;

namespace Nido.Oci.Runtime;

/// <summary>
/// Writes config.json and `exec --process` documents by hand, the counterpart of <see cref="SpecReader"/>: members in
/// the records' order, null ones left out (a test compares the output with System.Text.Json's for records with
/// every member set).
/// </summary>
public static class SpecWriter
{
    public static string Write(Spec spec) => Document(spec, (w, s) => Root(w, s, Spec));

    public static string Write(Process process) => Document(process, (w, p) => Root(w, p, Process));

    private static void Spec(Utf8JsonWriter w, Spec s)
    {
        w.WriteString("ociVersion", s.OciVersion);
        Object(w, "process", s.Process, Process);
        Object(w, "root", s.Root, static (w, r) => { w.WriteString("path", r.Path); w.WriteBoolean("readonly", r.Readonly); });
        String(w, "hostname", s.Hostname);
        String(w, "domainname", s.Domainname);
        Objects(w, "mounts", s.Mounts, Mount);
        Object(w, "hooks", s.Hooks, Hooks);
        StringMap(w, "annotations", s.Annotations);
        Object(w, "linux", s.Linux, Linux);
    }

    private static void Mount(Utf8JsonWriter w, Mount m)
    {
        w.WriteString("destination", m.Destination);
        String(w, "type", m.Type);
        String(w, "source", m.Source);
        Strings(w, "options", m.Options);
        Objects(w, "uidMappings", m.UidMappings, IdMapping);
        Objects(w, "gidMappings", m.GidMappings, IdMapping);
    }

    private static void IdMapping(Utf8JsonWriter w, IdMapping m)
    {
        w.WriteNumber("containerID", m.ContainerID);
        w.WriteNumber("hostID", m.HostID);
        w.WriteNumber("size", m.Size);
    }

    private static void Hooks(Utf8JsonWriter w, Hooks h)
    {
        Objects(w, "prestart", h.Prestart, Hook);
        Objects(w, "createRuntime", h.CreateRuntime, Hook);
        Objects(w, "createContainer", h.CreateContainer, Hook);
        Objects(w, "startContainer", h.StartContainer, Hook);
        Objects(w, "poststart", h.Poststart, Hook);
        Objects(w, "poststop", h.Poststop, Hook);
    }

    private static void Hook(Utf8JsonWriter w, Hook h)
    {
        w.WriteString("path", h.Path);
        Strings(w, "args", h.Args);
        Strings(w, "env", h.Env);
        Number(w, "timeout", h.Timeout);
    }

    private static void Process(Utf8JsonWriter w, Process p)
    {
        w.WriteBoolean("terminal", p.Terminal);
        Object(w, "consoleSize", p.ConsoleSize, static (w, c) => { w.WriteNumber("height", c.Height); w.WriteNumber("width", c.Width); });
        Object(w, "user", p.User, User);
        Strings(w, "args", p.Args);
        String(w, "commandLine", p.CommandLine);
        Strings(w, "env", p.Env);
        w.WriteString("cwd", p.Cwd);
        Object(w, "capabilities", p.Capabilities, Capabilities);
        Objects(w, "rlimits", p.Rlimits, static (w, r) =>
        {
            w.WriteString("type", r.Type);
            w.WriteNumber("hard", r.Hard);
            w.WriteNumber("soft", r.Soft);
        });
        w.WriteBoolean("noNewPrivileges", p.NoNewPrivileges);
        String(w, "apparmorProfile", p.ApparmorProfile);
        Number(w, "oomScoreAdj", p.OomScoreAdj);
        String(w, "selinuxLabel", p.SelinuxLabel);
        Object(w, "ioPriority", p.IoPriority, static (w, io) => { w.WriteString("class", io.Class); w.WriteNumber("priority", io.Priority); });
        Object(w, "scheduler", p.Scheduler, Scheduler);
        Object(w, "execCPUAffinity", p.ExecCPUAffinity, static (w, a) => { String(w, "initial", a.Initial); String(w, "final", a.Final); });
    }

    private static void User(Utf8JsonWriter w, User u)
    {
        w.WriteNumber("uid", u.Uid);
        w.WriteNumber("gid", u.Gid);
        Number(w, "umask", u.Umask);
        Numbers(w, "additionalGids", u.AdditionalGids);
        String(w, "username", u.Username);
    }

    private static void Capabilities(Utf8JsonWriter w, LinuxCapabilities c)
    {
        Strings(w, "bounding", c.Bounding);
        Strings(w, "effective", c.Effective);
        Strings(w, "inheritable", c.Inheritable);
        Strings(w, "permitted", c.Permitted);
        Strings(w, "ambient", c.Ambient);
    }

    private static void Scheduler(Utf8JsonWriter w, Scheduler s)
    {
        w.WriteString("policy", s.Policy);
        Number(w, "nice", s.Nice);
        Number(w, "priority", s.Priority);
        Strings(w, "flags", s.Flags);
        Number(w, "runtime", s.Runtime);
        Number(w, "deadline", s.Deadline);
        Number(w, "period", s.Period);
    }

    private static void Linux(Utf8JsonWriter w, Linux l)
    {
        Objects(w, "uidMappings", l.UidMappings, IdMapping);
        Objects(w, "gidMappings", l.GidMappings, IdMapping);
        StringMap(w, "sysctl", l.Sysctl);
        Object(w, "resources", l.Resources, ResourcesWriter.Members);
        String(w, "cgroupsPath", l.CgroupsPath);
        Objects(w, "namespaces", l.Namespaces, static (w, n) => { w.WriteString("type", n.Type); String(w, "path", n.Path); });
        Objects(w, "devices", l.Devices, Device);
        Object(w, "seccomp", l.Seccomp, Seccomp);
        String(w, "rootfsPropagation", l.RootfsPropagation);
        Strings(w, "maskedPaths", l.MaskedPaths);
        Strings(w, "readonlyPaths", l.ReadonlyPaths);
        String(w, "mountLabel", l.MountLabel);
        Object(w, "personality", l.Personality, static (w, p) => { w.WriteString("domain", p.Domain); Strings(w, "flags", p.Flags); });
        ObjectMap(w, "timeOffsets", l.TimeOffsets, static (w, t) => { w.WriteNumber("secs", t.Secs); w.WriteNumber("nanosecs", t.Nanosecs); });
    }

    private static void Device(Utf8JsonWriter w, Device d)
    {
        w.WriteString("type", d.Type);
        w.WriteString("path", d.Path);
        w.WriteNumber("major", d.Major);
        w.WriteNumber("minor", d.Minor);
        Number(w, "fileMode", d.FileMode);
        Number(w, "uid", d.Uid);
        Number(w, "gid", d.Gid);
    }

    private static void Seccomp(Utf8JsonWriter w, Seccomp s)
    {
        w.WriteString("defaultAction", s.DefaultAction);
        Number(w, "defaultErrnoRet", s.DefaultErrnoRet);
        Strings(w, "architectures", s.Architectures);
        Strings(w, "flags", s.Flags);
        String(w, "listenerPath", s.ListenerPath);
        String(w, "listenerMetadata", s.ListenerMetadata);
        Objects(w, "syscalls", s.Syscalls, static (w, c) =>
        {
            Strings(w, "names", c.Names);
            w.WriteString("action", c.Action);
            Number(w, "errnoRet", c.ErrnoRet);
            Objects(w, "args", c.Args, static (w, a) =>
            {
                w.WriteNumber("index", a.Index);
                w.WriteNumber("value", a.Value);
                w.WriteNumber("valueTwo", a.ValueTwo);
                w.WriteString("op", a.Op);
            });
        });
    }
}
