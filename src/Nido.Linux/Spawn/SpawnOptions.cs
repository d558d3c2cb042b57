namespace Nido.Linux;

/// <summary>Hands <paramref name="Source"/> to the child as descriptor number <paramref name="Target"/>.</summary>
public sealed record FdMapping(SafeFdHandle Source, int Target);

/// <summary>A namespace for the child to join (setns) before it executes: an open /proc/PID/ns/* file.</summary>
public sealed record NamespaceJoin(SafeFdHandle Fd, NamespaceFlags Kind);

/// <summary>Credentials the program runs with; null <paramref name="AdditionalGids"/> leaves supplementary groups alone.</summary>
public sealed record SpawnUser(uint Uid, uint Gid, IReadOnlyList<uint>? AdditionalGids = null);

/// <summary>
/// The capability state the program starts with: the bounding set is cut to <paramref name="Bounding"/> before any
/// uid change, the three sets are kept across it (PR_SET_KEEPCAPS) and then set exactly, and <paramref name="Ambient"/> raised.
/// </summary>
public sealed record SpawnCapabilities(ulong Bounding, CapabilitySet Sets, ulong Ambient);

/// <summary>A seccomp filter installed just before execve (or before the uid change when no_new_privs is off: it then needs CAP_SYS_ADMIN).</summary>
public sealed record SpawnSeccomp(Seccomp.BpfInstruction[] Program, uint Flags);

/// <summary>What to start and how. Everything here is applied in the child by raw system calls before execve.</summary>
public sealed record SpawnOptions
{
    /// <summary>The program to execve (used as given: no PATH search).</summary>
    public required string Path { get; init; }

    /// <summary>argv, including argv[0].</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>"NAME=value" entries; null inherits this process's environment.</summary>
    public IReadOnlyList<string>? Environment { get; init; }

    /// <summary>Namespaces the child is created in (clone3 flags).</summary>
    public NamespaceFlags NewNamespaces { get; init; }

    /// <summary>Namespaces joined in order before anything else (mount and user work here: the child is single-threaded).</summary>
    public IReadOnlyList<NamespaceJoin> JoinNamespaces { get; init; } = [];

    /// <summary>Descriptors placed at fixed numbers. Unmapped 0–2 are inherited; everything else is closed on exec.</summary>
    public IReadOnlyList<FdMapping> Fds { get; init; } = [];

    public string? Hostname { get; init; }
    public string? Domainname { get; init; }
    public string? WorkingDirectory { get; init; }

    /// <summary>setsid() in the child (a new session, no controlling terminal).</summary>
    public bool NewSession { get; init; }

    /// <summary>After setsid, make this (mapped) descriptor number the controlling terminal.</summary>
    public int? ControllingTerminal { get; init; }

    public bool NoNewPrivileges { get; init; }

    /// <summary>setgroups/setresgid/setresuid just before execve (inside a new user namespace: ids as seen there).</summary>
    public SpawnUser? User { get; init; }

    public SpawnCapabilities? Capabilities { get; init; }

    public uint? Umask { get; init; }

    public SpawnSeccomp? Seccomp { get; init; }

    /// <summary>Signal the child receives when the spawning thread exits (0 = none); set first thing in the child.</summary>
    public int ParentDeathSignal { get; init; }

    /// <summary>
    /// Opt-in: the child runs in this process's memory until it executes (CLONE_VM, as posix_spawn's child), so the
    /// clone copies no page tables and this process takes no copy-on-write faults meanwhile. The kernel keeps some
    /// state per memory, not per process, so the caller opts in only when the child's steps touch none of it: an
    /// oom_score_adj write applies to every process sharing the memory, an OOM kill of the child (a memory cgroup it
    /// joined) kills this process too, and a cpuset with other memory nodes rebinds this process's memory policy.
    /// The spawn itself declines (copies as usual) when the child changes its ids, which would make this process's
    /// memory non-dumpable (or, with fs.suid_dumpable=1, open to ptrace by the new uid), enters a user or time
    /// namespace, or the kernel predates 5.16 (a core dump of the child would kill this process too).
    /// </summary>
    public bool ShareMemory { get; init; }

    /// <summary>
    /// The child stops before its first step until <see cref="ChildProcess.Release"/>: the window in which
    /// the parent writes uid/gid maps for a new user namespace or moves the child into cgroups.
    /// </summary>
    public bool WaitForRelease { get; init; }

    /// <summary>
    /// Namespaces unshared right after the release (and before any join): a cgroup namespace made here is rooted at the
    /// cgroups the parent moved the child into during the wait, not at the parent's own.
    /// </summary>
    public NamespaceFlags UnshareAfterRelease { get; init; }

    /// <summary>
    /// With <see cref="WaitForRelease"/>: the child does not stop before its first step but runs its script up to the
    /// first <see cref="SpawnScript.Pause"/>, where the parent meets it (<see cref="ChildProcess.NextEvent"/>, then
    /// <see cref="ChildProcess.Resume"/>). The parent's work before that pause and the child's steps up to it overlap.
    /// </summary>
    public bool ReleaseAtFirstPause { get; init; }

    /// <summary>A cgroup v2 directory fd: the child starts inside it (CLONE_INTO_CGROUP).</summary>
    public SafeFdHandle? Cgroup { get; init; }

    /// <summary>
    /// System calls run after the descriptors are in place (and after the release), before hostname, cwd, credentials and
    /// execve: a container init's mounts and pivot, its pauses for the parent, its wait for `start`.
    /// </summary>
    public SpawnScript? Setup { get; init; }

    /// <summary>Signal mask the program starts with (default: none blocked).</summary>
    public ulong SignalMask { get; init; }
}
