namespace Nido.Linux;

/// <summary>Linux capabilities by their C names, as the OCI runtime spec spells them.</summary>
public enum Capability
{
    CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_FSETID, CAP_KILL, CAP_SETGID, CAP_SETUID,
    CAP_SETPCAP, CAP_LINUX_IMMUTABLE, CAP_NET_BIND_SERVICE, CAP_NET_BROADCAST, CAP_NET_ADMIN, CAP_NET_RAW,
    CAP_IPC_LOCK, CAP_IPC_OWNER, CAP_SYS_MODULE, CAP_SYS_RAWIO, CAP_SYS_CHROOT, CAP_SYS_PTRACE, CAP_SYS_PACCT,
    CAP_SYS_ADMIN, CAP_SYS_BOOT, CAP_SYS_NICE, CAP_SYS_RESOURCE, CAP_SYS_TIME, CAP_SYS_TTY_CONFIG, CAP_MKNOD,
    CAP_LEASE, CAP_AUDIT_WRITE, CAP_AUDIT_CONTROL, CAP_SETFCAP, CAP_MAC_OVERRIDE, CAP_MAC_ADMIN, CAP_SYSLOG,
    CAP_WAKE_ALARM, CAP_BLOCK_SUSPEND, CAP_AUDIT_READ, CAP_PERFMON, CAP_BPF, CAP_CHECKPOINT_RESTORE,
}

/// <summary>The three per-thread sets capget/capset exchange, as 64-bit masks (bit n = capability n).</summary>
public readonly record struct CapabilitySet(ulong Effective, ulong Permitted, ulong Inheritable)
{
    public bool HasEffective(Capability cap) => (Effective & Capabilities.Bit(cap)) != 0;
    public bool HasPermitted(Capability cap) => (Permitted & Capabilities.Bit(cap)) != 0;
}

/// <summary>capget/capset (version 3, 64-bit sets). Capabilities belong to a thread, not a process.</summary>
public static class Capabilities
{
    public const Capability Last = Capability.CAP_CHECKPOINT_RESTORE;

    public static ulong Bit(Capability cap) => 1UL << (int)cap;

    public static ulong Mask(IEnumerable<Capability> caps)
    {
        var mask = 0UL;
        foreach (var cap in caps) mask |= Bit(cap);
        return mask;
    }

    // By number. A table, not Enum.Parse/ToString: those read reflection data, which costs a runtime's start
    // (a container's spawn names every capability it drops). A test keeps it equal to the enum.
    private static readonly string[] Names =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
        "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
        "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
        "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
        "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>"CAP_CHOWN" for <see cref="Capability.CAP_CHOWN"/>; a number the kernel may know but this list does not, as "cap_N".</summary>
    public static string NameOf(Capability cap) => (uint)cap < (uint)Names.Length ? Names[(int)cap] : $"cap_{(int)cap}";

    /// <summary>Parses "CAP_SYS_ADMIN" (or "sys_admin"); unknown names are an error naming the value.</summary>
    public static Capability Parse(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        if (!upper.StartsWith("CAP_", StringComparison.Ordinal)) upper = "CAP_" + upper;
        var index = Array.IndexOf(Names, upper);
        return index >= 0 ? (Capability)index : throw new ArgumentException($"unknown capability \"{name}\"", nameof(name));
    }

    /// <summary>The sets of a thread (0 = the calling thread).</summary>
    public static unsafe CapabilitySet Get(int tid = 0)
    {
        var header = new Interop.CapUserHeader { version = Interop._LINUX_CAPABILITY_VERSION_3, pid = tid };
        var data = stackalloc Interop.CapUserData[2];
        Errors.Check(Interop.syscall(Interop.Sys.capget, (long)&header, (long)data), "capget", tid == 0 ? null : $"tid {tid}");
        return new CapabilitySet(
            data[0].effective | ((ulong)data[1].effective << 32),
            data[0].permitted | ((ulong)data[1].permitted << 32),
            data[0].inheritable | ((ulong)data[1].inheritable << 32));
    }

    /// <summary>Fills capset's two 32-bit halves (version 3) from the 64-bit sets.</summary>
    internal static unsafe void Pack(CapabilitySet set, Interop.CapUserData* data)
    {
        data[0] = new() { effective = (uint)set.Effective, permitted = (uint)set.Permitted, inheritable = (uint)set.Inheritable };
        data[1] = new() { effective = (uint)(set.Effective >> 32), permitted = (uint)(set.Permitted >> 32), inheritable = (uint)(set.Inheritable >> 32) };
    }

    /// <summary>Sets the calling thread's capabilities (only this thread: apply on the thread that will execve).</summary>
    public static unsafe void Set(CapabilitySet set)
    {
        var header = new Interop.CapUserHeader { version = Interop._LINUX_CAPABILITY_VERSION_3, pid = 0 };
        var data = stackalloc Interop.CapUserData[2];
        Pack(set, data);
        Errors.Check(Interop.syscall(Interop.Sys.capset, (long)&header, (long)data), "capset");
    }
}
