using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>
/// Compiles <see cref="SpawnOptions"/> into the trampoline's list of system calls. All decisions that need
/// managed code (ordering, descriptor shuffling, strings) are made here, before the clone.
/// </summary>
internal sealed unsafe class SpawnPlan : IDisposable
{
    private const ulong CLONE_VM = 0x100, CLONE_PIDFD = 0x1000, CLONE_INTO_CGROUP = 0x200000000;

    /// <summary>The child's own stack when it shares this address space: it pushes nothing, but a fault's signal frame would land there.</summary>
    private const int ChildStackSize = 32 * 1024;
    private const int O_CLOEXEC = 0x80000;

    [StructLayout(LayoutKind.Sequential)]
    private struct Op
    {
        public long Nr, A1, A2, A3, A4, A5, A6, Flags;
    }

    private readonly NativeArena arena = new();
    private readonly List<Op> ops;
    private readonly List<SafeFdHandle> owned = [];

    /// <summary>What each op is, to name the failing step: (syscall, subject).</summary>
    public List<(string Syscall, string? Subject)> Steps { get; }

    public byte* Header { get; }

    /// <summary>
    /// The child runs in this process's memory until it executes (<see cref="SpawnOptions.ShareMemory"/>, unless
    /// <see cref="NeedsOwnMemory"/>): the plan must then stay untouched until the child has executed or ended
    /// (<see cref="ChildProcess"/> frees it).
    /// </summary>
    public bool SharesMemory { get; }

    /// <summary>The error pipe's read end: EOF means execve succeeded; 8 bytes name the failed op and errno.</summary>
    public SafeFdHandle ReportRead { get; }

    /// <summary>The release pipe's write end when the child must wait (null otherwise).</summary>
    public SafeFdHandle? ReleaseWrite { get; }

    /// <summary>Room for the program path a pause may receive (PIPE_BUF: one atomic write).</summary>
    internal const int ProgramBufferSize = 4096;

    private readonly Dictionary<int, int> carriedAt = []; // parent fd → its number in the child's block
    private readonly byte* scratch, program;
    private int reportChild, releaseChild;

    public SpawnPlan(SpawnOptions o)
    {
        Validate(o);
        // Sized once (signal resets, capability drops, the script, a margin): growing by doubling to a few hundred ops
        // allocated twice their size in fresh memory, each page of it a fault in a process that lives milliseconds.
        var expected = 2 * Signals.SIGRTMAX + (o.Setup?.Count ?? 0) + o.Fds.Count + 2 * o.JoinNamespaces.Count + 64;
        ops = new List<Op>(expected);
        Steps = new List<(string, string?)>(expected);
        var maxTarget = 2;
        foreach (var map in o.Fds) maxTarget = Math.Max(maxTarget, map.Target);
        scratch = arena.Alloc(8);
        program = arena.Alloc(ProgramBufferSize);

        // The report pipe's child end sits above every target and is never moved: failures at any step can use it.
        var (reportRead, reportWrite) = FileIo.Pipe();
        ReportRead = reportRead;
        var report = Own(FileIo.Duplicate(reportWrite, maxTarget + 1));
        reportWrite.Dispose();
        reportChild = report.Fd;
        SafeFdHandle? releaseRead = null;
        if (o.WaitForRelease)
        {
            (releaseRead, var releaseWrite) = FileIo.Pipe();
            ReleaseWrite = releaseWrite;
            Own(releaseRead);
        }

        // Everything else the child needs moves into one block above every descriptor involved, so no move clobbers a
        // source; then all other inherited descriptors (the parent's) are closed, not left open until execve.
        var carried = new List<int>();
        void Carry(int fd) { if (!carriedAt.ContainsKey(fd)) { carriedAt[fd] = -1; carried.Add(fd); } }
        if (releaseRead is not null) Carry(releaseRead.Fd);
        foreach (var map in o.Fds) Carry(map.Source.Fd);
        foreach (var join in o.JoinNamespaces) Carry(join.Fd.Fd);
        var slots = new List<SpawnFdSlot>();
        foreach (var step in o.Setup?.Steps ?? [])
            foreach (var arg in step.Args)
                if ((arg is ProcFdPath p ? p.Slot : arg) is SpawnFdSlot slot && !slots.Contains(slot)) slots.Add(slot);
        var highest = Math.Max(Math.Max(maxTarget, reportChild), Math.Max(reportRead.Fd, ReleaseWrite?.Fd ?? 0));
        foreach (var fd in carried) highest = Math.Max(highest, fd);
        foreach (var slot in slots) highest = Math.Max(highest, slot.Source?.Fd ?? 0);
        var block = 1 + highest;
        for (var i = 0; i < carried.Count; i++) carriedAt[carried[i]] = block + i;
        for (var i = 0; i < slots.Count; i++) slots[i].Number = block + carried.Count + i;
        var blockEnd = block + carried.Count + slots.Count;
        if (releaseRead is not null) releaseChild = carriedAt[releaseRead.Fd];

        Header = arena.Alloc(SpawnTrampoline.HeaderSize);
        var zeroAction = arena.Alloc(32); // struct sigaction { SIG_DFL, 0, 0, 0 }
        for (var sig = 1; sig <= Signals.SIGRTMAX; sig++)
            if (sig is not Signals.SIGKILL and not Signals.SIGSTOP)
                Add(Interop.Sys.rt_sigaction, "rt_sigaction", null, SpawnTrampoline.FlagIgnoreFailure, sig, (long)zeroAction, 0, 8);
        // First, so that a parent that dies during the setup takes the child with it.
        if (o.ParentDeathSignal != 0) Add(Interop.Sys.prctl, "prctl", "PR_SET_PDEATHSIG", 0, Interop.PR_SET_PDEATHSIG, o.ParentDeathSignal);

        foreach (var fd in carried) Add(Interop.Sys.dup3, "dup3", $"fd {fd} → {carriedAt[fd]}", 0, fd, carriedAt[fd], O_CLOEXEC);
        foreach (var slot in slots)
            if (slot.Source is { } source) Add(Interop.Sys.dup3, "dup3", $"fd {source.Fd} → {slot.Number}", 0, source.Fd, slot.Number, O_CLOEXEC);
        // The parent's pipe ends, closed explicitly too (close_range may be missing): a release read must see EOF if the parent dies.
        foreach (var parentOnly in new[] { reportRead.Fd, ReleaseWrite?.Fd ?? -1 })
            if (parentOnly >= 0 && !IsTarget(o.Fds, parentOnly))
                Add(Interop.Sys.close, "close", null, SpawnTrampoline.FlagIgnoreFailure, parentOnly);
        // close_range (5.9+); an empty range is EINVAL, an older kernel ENOSYS: either way the descriptors are close-on-exec.
        Add(Interop.Sys.close_range, "close_range", null, SpawnTrampoline.FlagIgnoreFailure, 3, reportChild - 1, 0);
        Add(Interop.Sys.close_range, "close_range", null, SpawnTrampoline.FlagIgnoreFailure, reportChild + 1, block - 1, 0);
        Add(Interop.Sys.close_range, "close_range", null, SpawnTrampoline.FlagIgnoreFailure, blockEnd, uint.MaxValue, 0);
        foreach (var slot in slots) // an empty slot's number may hold a parent descriptor until the child fills it
            if (slot.Source is null) Add(Interop.Sys.close, "close", null, SpawnTrampoline.FlagIgnoreFailure, slot.Number);

        if (o.WaitForRelease && !o.ReleaseAtFirstPause)
            Add(Interop.Sys.read, "read", "release pipe (the parent went away)", SpawnTrampoline.FlagZeroFails, releaseChild, (long)scratch, 1);

        if (o.UnshareAfterRelease != NamespaceFlags.None)
            Add(Interop.Sys.unshare, "unshare", o.UnshareAfterRelease.ToString(), 0, (long)o.UnshareAfterRelease);

        foreach (var join in o.JoinNamespaces)
            Add(Interop.Sys.setns, "setns", join.Kind == NamespaceFlags.None ? join.Fd.ToString() : Namespaces.ProcName(join.Kind), 0, carriedAt[join.Fd.Fd], (long)join.Kind);

        if (o.NewSession) Add(Interop.Sys.setsid, "setsid", null, 0);

        foreach (var map in o.Fds)
            Add(Interop.Sys.dup3, "dup3", $"{map.Source} → {map.Target}", 0, carriedAt[map.Source.Fd], map.Target, 0);
        if (o.ControllingTerminal is { } ctty) Add(Interop.Sys.ioctl, "ioctl", $"TIOCSCTTY on fd {ctty}", 0, ctty, Interop.TIOCSCTTY, 0);

        foreach (var step in o.Setup?.Steps ?? []) AddStep(step);

        if (o.Hostname is { } host) AddName(Interop.Sys.sethostname, "sethostname", host);
        if (o.Domainname is { } domain) AddName(Interop.Sys.setdomainname, "setdomainname", domain);
        if (o.WorkingDirectory is { } cwd) Add(Interop.Sys.chdir, "chdir", cwd, 0, (long)arena.Utf8(cwd));

        // Credentials last, in the order that keeps each step permitted: bounding set and (without no_new_privs)
        // seccomp while still privileged, the uid change with capabilities kept, then the exact sets.
        var caps = o.Capabilities;
        if (caps is not null)
            for (var cap = 0; cap <= (int)Linux.Capabilities.Last; cap++)
                if ((caps.Bounding & (1UL << cap)) == 0)
                    Add(Interop.Sys.prctl, "prctl", $"PR_CAPBSET_DROP {Linux.Capabilities.NameOf((Capability)cap)}", 0, Interop.PR_CAPBSET_DROP, cap);
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
                    Add(Interop.Sys.prctl, "prctl", $"PR_CAP_AMBIENT_RAISE {Linux.Capabilities.NameOf((Capability)cap)}", 0, Interop.PR_CAP_AMBIENT, Interop.PR_CAP_AMBIENT_RAISE, cap);
        }
        if (o.NoNewPrivileges) Add(Interop.Sys.prctl, "prctl", "PR_SET_NO_NEW_PRIVS", 0, Interop.PR_SET_NO_NEW_PRIVS, 1);
        if (o.Umask is { } umask) Add(Interop.Sys.umask, "umask", null, 0, umask);
        if (o.Seccomp is { } late && o.NoNewPrivileges) AddSeccomp(late);

        var mask = (ulong*)arena.Alloc(8);
        *mask = o.SignalMask;
        Add(Interop.Sys.rt_sigprocmask, "rt_sigprocmask", null, 0, Interop.SIG_SETMASK, (long)mask, 0, 8);

        var env = o.Environment ?? Exec.InheritedEnvironment();
        var path = o.Setup?.ReceivesProgram == true ? program : arena.Utf8(o.Path);
        Add(Interop.Sys.execve, "execve", o.Path, 0, (long)path, (long)arena.StringArray(o.Arguments), (long)arena.StringArray(env));

        var opsPtr = (Op*)arena.Alloc(ops.Count * sizeof(Op));
        for (var i = 0; i < ops.Count; i++) opsPtr[i] = ops[i];

        var clone = (ulong*)Header; // struct clone_args: flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup
        SharesMemory = o.ShareMemory && !NeedsOwnMemory(o);
        clone[0] = (ulong)o.NewNamespaces | CLONE_PIDFD | (o.Cgroup is null ? 0 : CLONE_INTO_CGROUP) | (SharesMemory ? CLONE_VM : 0);
        clone[1] = (ulong)(Header + SpawnTrampoline.PidFdOffset);
        clone[4] = Signals.SIGCHLD;
        if (SharesMemory)
        {
            clone[5] = (ulong)arena.Alloc(ChildStackSize); // the lowest address; the kernel starts the child at its top
            clone[6] = ChildStackSize;
        }
        if (o.Cgroup is { } cg) clone[10] = (ulong)cg.Fd; // read by clone3 in this process only
        *(ulong*)(Header + SpawnTrampoline.AllMaskOffset) = ulong.MaxValue;
        *(long*)(Header + SpawnTrampoline.ErrorFdOffset) = reportChild;
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

    /// <summary>Compiles a script step: plan values, strings, buffers and slots become the numbers and pointers the call takes.</summary>
    private void AddStep(SpawnStep step)
    {
        var args = new long[6];
        for (var i = 0; i < step.Args.Length; i++)
            args[i] = step.Args[i] switch
            {
                long value => value,
                string text => (long)arena.Utf8(text),
                ProcFdPath reopen => (long)arena.Utf8($"/proc/self/fd/{reopen.Slot.Number}"),
                byte[] bytes => (long)Copy(bytes),
                SpawnFdSlot slot => slot.Number,
                PlanArg.ReportFd => reportChild,
                PlanArg.ReleaseFd => releaseChild != 0 ? releaseChild : throw new ArgumentException("spawn: a pause needs WaitForRelease"),
                PlanArg.ProgramBuffer => (long)program,
                PlanArg.ScratchBuffer => (long)scratch,
                PlanArg.PauseRecord => (long)PauseRecord(ops.Count),
                var other => throw new ArgumentException($"spawn: unsupported argument {other}"),
            };
        ops.Add(new Op { Nr = step.Nr, A1 = args[0], A2 = args[1], A3 = args[2], A4 = args[3], A5 = args[4], A6 = args[5], Flags = step.Flags });
        Steps.Add((step.Syscall, step.Subject));
    }

    private byte* Copy(byte[] bytes)
    {
        var p = arena.Alloc(bytes.Length);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        return p;
    }

    /// <summary>What a pause writes to the report pipe: its own op index and errno -1 (not a failure).</summary>
    private byte* PauseRecord(int index)
    {
        var p = (int*)arena.Alloc(8);
        p[0] = index;
        p[1] = -1;
        return (byte*)p;
    }

    /// <summary>
    /// Whether the child needs memory of its own despite <see cref="SpawnOptions.ShareMemory"/>: it changes its ids
    /// (the kernel would mark the shared memory non-dumpable, or leave it open to the new uid's ptrace), or enters a
    /// user or time namespace (which the kernel refuses, or may, to shared memory; a join of an unnamed kind may be
    /// either), or the kernel predates 5.16, where a core dump of the child (a seccomp kill, a late signal) kills
    /// every process sharing its memory.
    /// </summary>
    private static bool NeedsOwnMemory(SpawnOptions o)
    {
        if (!Host.KernelAtLeast(5, 16)) return true;
        if (o.User is { } user && (user.Uid != Credentials.EffectiveUid || user.Gid != Credentials.EffectiveGid)) return true;
        const NamespaceFlags refusing = NamespaceFlags.User | NamespaceFlags.Time;
        if (((o.NewNamespaces | o.UnshareAfterRelease) & refusing) != 0) return true;
        foreach (var join in o.JoinNamespaces)
            if (join.Kind is NamespaceFlags.None || (join.Kind & refusing) != 0) return true;
        foreach (var step in o.Setup?.Steps ?? [])
            if (step.Nr == Interop.Sys.setns
                || step.Nr == Interop.Sys.unshare && (step.Args is not [long flags, ..] || (flags & (long)refusing) != 0))
                return true;
        return false;
    }

    private static bool IsTarget(IReadOnlyList<FdMapping> fds, int fd)
    {
        foreach (var map in fds)
            if (map.Target == fd) return true;
        return false;
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
        if (o.ReleaseAtFirstPause && (!o.WaitForRelease || o.UnshareAfterRelease != NamespaceFlags.None))
            throw new ArgumentException("spawn: releasing at the first pause needs WaitForRelease and excludes UnshareAfterRelease (unshare in the script)");
        if (o.ControllingTerminal is not null && !o.NewSession)
            throw new ArgumentException("spawn: a controlling terminal needs NewSession (setsid) first");
    }

    public void Dispose()
    {
        CloseChildEnds();
        arena.Dispose();
    }
}
