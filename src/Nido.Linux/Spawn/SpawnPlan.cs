using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>
/// Compiles <see cref="SpawnOptions"/> into the trampoline's list of system calls. All decisions that need
/// managed code (ordering, descriptor shuffling, strings) are made here, before the clone.
/// </summary>
internal sealed unsafe class SpawnPlan : IDisposable
{
    private const ulong CLONE_PIDFD = 0x1000, CLONE_INTO_CGROUP = 0x200000000;
    private const long CLOSE_RANGE_CLOEXEC = 4;

    [StructLayout(LayoutKind.Sequential)]
    private struct Op
    {
        public long Nr, A1, A2, A3, A4, A5, A6, Flags;
    }

    private readonly NativeArena arena = new();
    private readonly List<Op> ops = [];
    private readonly List<SafeFdHandle> owned = [];

    /// <summary>What each op is, to name the failing step: (syscall, subject).</summary>
    public List<(string Syscall, string? Subject)> Steps { get; } = [];

    public byte* Header { get; }

    /// <summary>The error pipe's read end: EOF means execve succeeded; 8 bytes name the failed op and errno.</summary>
    public SafeFdHandle ReportRead { get; }

    /// <summary>The release pipe's write end when the child must wait (null otherwise).</summary>
    public SafeFdHandle? ReleaseWrite { get; }

    public SpawnPlan(SpawnOptions o)
    {
        Validate(o);
        var maxTarget = o.Fds.Count == 0 ? 2 : Math.Max(2, o.Fds.Max(f => f.Target));
        var tempBase = maxTarget + 1;

        // Everything the child reads by number sits above every target, so no dup3 can clobber it.
        var (reportRead, reportWrite) = FileIo.Pipe();
        ReportRead = reportRead;
        var reportChild = Own(FileIo.Duplicate(reportWrite, tempBase));
        reportWrite.Dispose();

        Header = arena.Alloc(SpawnTrampoline.HeaderSize);
        var zeroAction = arena.Alloc(32); // struct sigaction { SIG_DFL, 0, 0, 0 }
        for (var sig = 1; sig <= Signals.SIGRTMAX; sig++)
            if (sig is not Signals.SIGKILL and not Signals.SIGSTOP)
                Add(Interop.Sys.rt_sigaction, "rt_sigaction", null, SpawnTrampoline.FlagIgnoreFailure, sig, (long)zeroAction, 0, 8);

        if (o.WaitForRelease)
        {
            var (releaseRead, releaseWrite) = FileIo.Pipe();
            ReleaseWrite = releaseWrite;
            var releaseChild = Own(FileIo.Duplicate(releaseRead, tempBase));
            releaseRead.Dispose();
            // The child is a copy of this process: it must drop its copy of the write end, or it would never see EOF.
            Add(Interop.Sys.close, "close", "release pipe", SpawnTrampoline.FlagIgnoreFailure, releaseWrite.Fd);
            Add(Interop.Sys.read, "read", "release pipe (the parent went away)", SpawnTrampoline.FlagZeroFails, releaseChild.Fd, (long)arena.Alloc(8), 1);
        }

        if (o.UnshareAfterRelease != NamespaceFlags.None)
            Add(Interop.Sys.unshare, "unshare", o.UnshareAfterRelease.ToString(), 0, (long)o.UnshareAfterRelease);

        foreach (var join in o.JoinNamespaces)
            Add(Interop.Sys.setns, "setns", join.Kind == NamespaceFlags.None ? join.Fd.ToString() : Namespaces.ProcName(join.Kind), 0, Ref(join.Fd), (long)join.Kind);

        if (o.NewSession) Add(Interop.Sys.setsid, "setsid", null, 0);

        // Close-on-exec for every inherited descriptor from 3 up; the dup3s below then clear it on the targets.
        Add(Interop.Sys.close_range, "close_range", null, SpawnTrampoline.FlagIgnoreFailure, 3, uint.MaxValue, CLOSE_RANGE_CLOEXEC);
        foreach (var map in o.Fds)
        {
            var temp = Own(FileIo.Duplicate(map.Source, tempBase));
            Add(Interop.Sys.dup3, "dup3", $"{map.Source} → {map.Target}", 0, temp.Fd, map.Target, 0);
        }
        if (o.ControllingTerminal is { } ctty) Add(Interop.Sys.ioctl, "ioctl", $"TIOCSCTTY on fd {ctty}", 0, ctty, Interop.TIOCSCTTY, 0);

        if (o.Hostname is { } host) AddName(Interop.Sys.sethostname, "sethostname", host);
        if (o.Domainname is { } domain) AddName(Interop.Sys.setdomainname, "setdomainname", domain);
        if (o.WorkingDirectory is { } cwd) Add(Interop.Sys.chdir, "chdir", cwd, 0, (long)arena.Utf8(cwd));
        if (o.ParentDeathSignal != 0) Add(Interop.Sys.prctl, "prctl", "PR_SET_PDEATHSIG", 0, Interop.PR_SET_PDEATHSIG, o.ParentDeathSignal);

        // Credentials last, in the order that keeps each step permitted: bounding set and (without no_new_privs)
        // seccomp while still privileged, the uid change with capabilities kept, then the exact sets.
        var caps = o.Capabilities;
        if (caps is not null)
            for (var cap = 0; cap <= (int)Linux.Capabilities.Last; cap++)
                if ((caps.Bounding & (1UL << cap)) == 0)
                    Add(Interop.Sys.prctl, "prctl", $"PR_CAPBSET_DROP {(Capability)cap}", 0, Interop.PR_CAPBSET_DROP, cap);
        if (o.Seccomp is { } early && !o.NoNewPrivileges) AddSeccomp(early);
        if (o.User is { } user)
        {
            if (caps is not null) Add(Interop.Sys.prctl, "prctl", "PR_SET_KEEPCAPS", 0, Interop.PR_SET_KEEPCAPS, 1);
            if (user.AdditionalGids is { } groups)
            {
                var list = (uint*)arena.Alloc(groups.Count * sizeof(uint));
                for (var i = 0; i < groups.Count; i++) list[i] = groups[i];
                Add(Interop.Sys.setgroups, "setgroups", $"{groups.Count} groups", 0, groups.Count, (long)list);
            }
            Add(Interop.Sys.setresgid, "setresgid", $"gid {user.Gid}", 0, user.Gid, user.Gid, user.Gid);
            Add(Interop.Sys.setresuid, "setresuid", $"uid {user.Uid}", 0, user.Uid, user.Uid, user.Uid);
            if (caps is not null) Add(Interop.Sys.prctl, "prctl", "PR_SET_KEEPCAPS", 0, Interop.PR_SET_KEEPCAPS, 0);
        }
        if (caps is not null)
        {
            var header = (Interop.CapUserHeader*)arena.Alloc(sizeof(Interop.CapUserHeader));
            *header = new Interop.CapUserHeader { version = Interop._LINUX_CAPABILITY_VERSION_3 };
            var data = (Interop.CapUserData*)arena.Alloc(2 * sizeof(Interop.CapUserData));
            Linux.Capabilities.Pack(caps.Sets, data);
            Add(Interop.Sys.capset, "capset", null, 0, (long)header, (long)data);
            Add(Interop.Sys.prctl, "prctl", "PR_CAP_AMBIENT_CLEAR_ALL", 0, Interop.PR_CAP_AMBIENT, Interop.PR_CAP_AMBIENT_CLEAR_ALL);
            for (var cap = 0; cap <= (int)Linux.Capabilities.Last; cap++)
                if ((caps.Ambient & (1UL << cap)) != 0)
                    Add(Interop.Sys.prctl, "prctl", $"PR_CAP_AMBIENT_RAISE {(Capability)cap}", 0, Interop.PR_CAP_AMBIENT, Interop.PR_CAP_AMBIENT_RAISE, cap);
        }
        if (o.NoNewPrivileges) Add(Interop.Sys.prctl, "prctl", "PR_SET_NO_NEW_PRIVS", 0, Interop.PR_SET_NO_NEW_PRIVS, 1);
        if (o.Umask is { } umask) Add(Interop.Sys.umask, "umask", null, 0, umask);
        if (o.Seccomp is { } late && o.NoNewPrivileges) AddSeccomp(late);

        var mask = (ulong*)arena.Alloc(8);
        *mask = o.SignalMask;
        Add(Interop.Sys.rt_sigprocmask, "rt_sigprocmask", null, 0, Interop.SIG_SETMASK, (long)mask, 0, 8);

        var env = o.Environment ?? InheritedEnvironment();
        Add(Interop.Sys.execve, "execve", o.Path, 0, (long)arena.Utf8(o.Path), (long)arena.StringArray(o.Arguments), (long)arena.StringArray(env));

        var opsPtr = (Op*)arena.Alloc(ops.Count * sizeof(Op));
        for (var i = 0; i < ops.Count; i++) opsPtr[i] = ops[i];

        var clone = (ulong*)Header; // struct clone_args: flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup
        clone[0] = (ulong)o.NewNamespaces | CLONE_PIDFD | (o.Cgroup is null ? 0 : CLONE_INTO_CGROUP);
        clone[1] = (ulong)(Header + SpawnTrampoline.PidFdOffset);
        clone[4] = Signals.SIGCHLD;
        if (o.Cgroup is { } cg) clone[10] = (ulong)Ref(cg);
        *(ulong*)(Header + SpawnTrampoline.AllMaskOffset) = ulong.MaxValue;
        *(long*)(Header + SpawnTrampoline.ErrorFdOffset) = reportChild.Fd;
        *(long*)(Header + SpawnTrampoline.OpCountOffset) = ops.Count;
        *(Op**)(Header + SpawnTrampoline.OpsOffset) = opsPtr;
    }

    public int PidFd => *(int*)(Header + SpawnTrampoline.PidFdOffset);

    /// <summary>Drops the parent's copies of the child's descriptors, so EOF on the report pipe means exec.</summary>
    public void CloseChildEnds()
    {
        foreach (var h in owned) h.Dispose();
        owned.Clear();
    }

    private void AddSeccomp(SpawnSeccomp filter)
    {
        var program = (Seccomp.BpfInstruction*)arena.Alloc(filter.Program.Length * sizeof(Seccomp.BpfInstruction));
        filter.Program.CopyTo(new Span<Seccomp.BpfInstruction>(program, filter.Program.Length));
        var fprog = arena.Alloc(16); // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
        *(ushort*)fprog = (ushort)filter.Program.Length;
        *(Seccomp.BpfInstruction**)(fprog + 8) = program;
        Add(Interop.Sys.seccomp, "seccomp", "SECCOMP_SET_MODE_FILTER", 0, 1, filter.Flags, (long)fprog);
    }

    private void AddName(long nr, string syscall, string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(name);
        if (bytes > 64) throw new ArgumentException($"{syscall}: \"{name}\" is longer than 64 bytes");
        Add(nr, syscall, name, 0, (long)arena.Utf8(name), bytes);
    }

    private void Add(long nr, string syscall, string? subject, long flags, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0)
    {
        ops.Add(new Op { Nr = nr, A1 = a1, A2 = a2, A3 = a3, A4 = a4, Flags = flags });
        Steps.Add((syscall, subject));
    }

    private SafeFdHandle Own(SafeFdHandle h)
    {
        owned.Add(h);
        return h;
    }

    /// <summary>The caller's handle stays open during the spawn because the plan holds its own duplicate.</summary>
    private long Ref(SafeFdHandle h) => Own(FileIo.Duplicate(h)).Fd;

    private static string[] InheritedEnvironment()
    {
        var vars = Environment.GetEnvironmentVariables();
        var list = new List<string>(vars.Count);
        foreach (System.Collections.DictionaryEntry e in vars) list.Add($"{e.Key}={e.Value}");
        return [.. list];
    }

    private static void Validate(SpawnOptions o)
    {
        if (string.IsNullOrEmpty(o.Path)) throw new ArgumentException("spawn: the program path is empty");
        if (o.Arguments.Count == 0) throw new ArgumentException("spawn: argv must not be empty (argv[0] names the program)");
        var targets = new HashSet<int>();
        foreach (var f in o.Fds)
        {
            if (f.Target < 0) throw new ArgumentException($"spawn: descriptor target {f.Target} is negative");
            if (!targets.Add(f.Target)) throw new ArgumentException($"spawn: descriptor {f.Target} is mapped twice");
        }
        if (o.ControllingTerminal is { } t && !targets.Contains(t) && t > 2)
            throw new ArgumentException($"spawn: controlling terminal fd {t} is not one of the mapped descriptors");
        if (o.ControllingTerminal is not null && !o.NewSession)
            throw new ArgumentException("spawn: a controlling terminal needs NewSession (setsid) first");
    }

    public void Dispose()
    {
        CloseChildEnds();
        arena.Dispose();
    }
}
