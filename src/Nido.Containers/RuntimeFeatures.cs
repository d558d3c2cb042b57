using Nido.Containers.Seccomp;
using Nido.Linux;
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
                Actions = ["SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_LOG", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP"],
                Operators = ArgCondition.Operators.Order().ToList(),
                Archs = ["SCMP_ARCH_X32", "SCMP_ARCH_X86", "SCMP_ARCH_X86_64"],
                KnownFlags = ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"],
                SupportedFlags = ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"],
            },
            Apparmor = new EnabledFeature(), Selinux = new EnabledFeature(), IntelRdt = new EnabledFeature(),
            MountExtensions = new MountExtensionFeatures { Idmap = new EnabledFeature() },
        },
        Annotations = new() { ["org.opencontainers.runtime-spec.features.implementation"] = "nido" },
    };
}
