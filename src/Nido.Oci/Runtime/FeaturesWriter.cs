using System.Text.Json;
using static Nido.Oci.JsonOut;

namespace Nido.Oci.Runtime;

/// <summary>The `features` document written by hand (see <see cref="SpecWriter"/>).</summary>
public static class FeaturesWriter
{
    public static string Write(Features features) => Document(features, (w, f) => Root(w, f, Members));

    private static void Members(Utf8JsonWriter w, Features f)
    {
        w.WriteString("ociVersionMin", f.OciVersionMin);
        w.WriteString("ociVersionMax", f.OciVersionMax);
        Strings(w, "hooks", f.Hooks);
        Strings(w, "mountOptions", f.MountOptions);
        Object(w, "linux", f.Linux, Linux);
        StringMap(w, "annotations", f.Annotations);
        Strings(w, "potentiallyUnsafeConfigAnnotations", f.PotentiallyUnsafeConfigAnnotations);
    }

    private static void Linux(Utf8JsonWriter w, LinuxFeatures l)
    {
        Strings(w, "namespaces", l.Namespaces);
        Strings(w, "capabilities", l.Capabilities);
        Object(w, "cgroup", l.Cgroup, static (w, c) =>
        {
            w.WriteBoolean("v1", c.V1);
            w.WriteBoolean("v2", c.V2);
            w.WriteBoolean("systemd", c.Systemd);
            w.WriteBoolean("systemdUser", c.SystemdUser);
            w.WriteBoolean("rdma", c.Rdma);
        });
        Object(w, "seccomp", l.Seccomp, static (w, s) =>
        {
            w.WriteBoolean("enabled", s.Enabled);
            Strings(w, "actions", s.Actions);
            Strings(w, "operators", s.Operators);
            Strings(w, "archs", s.Archs);
            Strings(w, "knownFlags", s.KnownFlags);
            Strings(w, "supportedFlags", s.SupportedFlags);
        });
        Object(w, "apparmor", l.Apparmor, Enabled);
        Object(w, "selinux", l.Selinux, Enabled);
        Object(w, "intelRdt", l.IntelRdt, Enabled);
        Object(w, "mountExtensions", l.MountExtensions, static (w, m) => Object(w, "idmap", m.Idmap, Enabled));
    }

    private static void Enabled(Utf8JsonWriter w, EnabledFeature e) => w.WriteBoolean("enabled", e.Enabled);
}
