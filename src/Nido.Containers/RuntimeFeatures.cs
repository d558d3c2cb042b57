using Nido.Containers.Seccomp;
using Nido.Linux;
using Nido.Linux.Seccomp;
using Nido.Oci.Runtime;

namespace Nido.Containers;

/// <summary>What `features` reports: built from the same tables the runtime uses, so it cannot drift from the code.</summary>
public static class RuntimeFeatures
{
    public static Features Describe() => new()
    {
        Hooks = ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"],
        MountOptions = Sorted(Init.MountOptions.Names),
        Linux = new LinuxFeatures
        {
            Namespaces = ["cgroup", "ipc", "mount", "network", "pid", "user", "uts"],
            Capabilities = CapabilityNames(),
            Cgroup = new CgroupFeatures { V1 = true, V2 = true },
            Seccomp = new SeccompFeatures
            {
                Enabled = true,
                Actions = Sorted(SeccompCompiler.ActionNames),
                Operators = Sorted(ArgCondition.Operators),
                Archs = Sorted(ArchNames()),
                KnownFlags = [.. SeccompCompiler.FlagNames],
                SupportedFlags = [.. SeccompCompiler.FlagNames],
            },
            Apparmor = new EnabledFeature(), Selinux = new EnabledFeature(), IntelRdt = new EnabledFeature(),
            MountExtensions = new MountExtensionFeatures { Idmap = new EnabledFeature() },
        },
        Annotations = new() { ["org.opencontainers.runtime-spec.features.implementation"] = "nido" },
    };

    private static List<string> Sorted(IEnumerable<string> names)
    {
        var list = new List<string>(names);
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static List<string> CapabilityNames()
    {
        var names = new List<string>();
        for (var c = 0; c <= (int)Capabilities.Last; c++) names.Add(Capabilities.NameOf((Capability)c));
        return names;
    }

    private static List<string> ArchNames()
    {
        var names = new List<string>();
        foreach (var arch in SeccompArch.Host) names.Add(arch.Name);
        return names;
    }
}
