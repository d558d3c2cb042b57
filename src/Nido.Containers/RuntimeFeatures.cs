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
        MountOptions = Init.MountOptions.Names.Order().ToList(),
        Linux = new LinuxFeatures
        {
            Namespaces = ["cgroup", "ipc", "mount", "network", "pid", "user", "uts"],
            Capabilities = Enumerable.Range(0, (int)Capabilities.Last + 1).Select(c => ((Capability)c).ToString()).ToList(),
            Cgroup = new CgroupFeatures { V1 = true, V2 = true },
            Seccomp = new SeccompFeatures
            {
                Enabled = true,
                Actions = SeccompCompiler.ActionNames.Order().ToList(),
                Operators = ArgCondition.Operators.Order().ToList(),
                Archs = SeccompArch.Host.Select(a => a.Name).Order().ToList(),
                KnownFlags = SeccompCompiler.FlagNames.ToList(),
                SupportedFlags = SeccompCompiler.FlagNames.ToList(),
            },
            Apparmor = new EnabledFeature(), Selinux = new EnabledFeature(), IntelRdt = new EnabledFeature(),
            MountExtensions = new MountExtensionFeatures { Idmap = new EnabledFeature() },
        },
        Annotations = new() { ["org.opencontainers.runtime-spec.features.implementation"] = "nido" },
    };
}
