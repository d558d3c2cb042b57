namespace Nido.Oci.Runtime;

/// <summary>The runtime-spec "features" document (features.md): what this runtime implements, for callers to probe.</summary>
public sealed record Features
{
    public string OciVersionMin { get; init; } = "1.0.0";
    public string OciVersionMax { get; init; } = SpecVersion.Current;
    public List<string>? Hooks { get; init; }
    public List<string>? MountOptions { get; init; }
    public LinuxFeatures? Linux { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
    public List<string>? PotentiallyUnsafeConfigAnnotations { get; init; }
}

public sealed record LinuxFeatures
{
    public List<string>? Namespaces { get; init; }
    public List<string>? Capabilities { get; init; }
    public CgroupFeatures? Cgroup { get; init; }
    public SeccompFeatures? Seccomp { get; init; }
    public EnabledFeature? Apparmor { get; init; }
    public EnabledFeature? Selinux { get; init; }
    public EnabledFeature? IntelRdt { get; init; }
    public MountExtensionFeatures? MountExtensions { get; init; }
}

public sealed record CgroupFeatures
{
    public bool V1 { get; init; }
    public bool V2 { get; init; }
    public bool Systemd { get; init; }
    public bool SystemdUser { get; init; }
    public bool Rdma { get; init; }
}

public sealed record SeccompFeatures
{
    public bool Enabled { get; init; }
    public List<string>? Actions { get; init; }
    public List<string>? Operators { get; init; }
    public List<string>? Archs { get; init; }
    public List<string>? KnownFlags { get; init; }
    public List<string>? SupportedFlags { get; init; }
}

public sealed record EnabledFeature
{
    public bool Enabled { get; init; }
}

public sealed record MountExtensionFeatures
{
    public EnabledFeature? Idmap { get; init; }
}
