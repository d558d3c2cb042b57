namespace Nido.Linux;

/// <summary>
/// A descriptor number the spawn plan reserves in the child, close-on-exec: empty (for what the child opens itself), or
/// holding a copy of <see cref="Source"/>. The number is known once the plan is made.
/// </summary>
public sealed class SpawnFdSlot
{
    public SpawnFdSlot(SafeFdHandle? source = null) => Source = source;

    public SafeFdHandle? Source { get; }

    public int Number { get; internal set; } = -1;
}

/// <summary>"/proc/self/fd/N" of a slot: how the child reopens an O_PATH descriptor (a fifo in the runtime's state dir).</summary>
internal sealed record ProcFdPath(SpawnFdSlot Slot);

/// <summary>Arguments the plan fills in when it compiles a step.</summary>
internal enum PlanArg { ReportFd, ReleaseFd, ProgramBuffer, ScratchBuffer, PauseRecord }

/// <summary>One system call of a script: its arguments are numbers, C strings, byte buffers, slots or plan values.</summary>
internal sealed record SpawnStep(long Nr, string Syscall, string? Subject, object[] Args, long Flags);

/// <summary>
/// System calls the spawned child runs after its descriptors are in place and before the fixed tail of the spawn
/// (hostname, cwd, credentials, execve): how a container's init builds its root without running managed code.
/// Steps that create things accept "already exists"; pauses hand control to the parent (see <see cref="ChildProcess.Resume"/>).
/// </summary>
public sealed class SpawnScript
{
    private const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_RECURSIVE = 0x8000;
    private const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_NOCTTY = 0x100, O_CLOEXEC = 0x80000;

    /// <summary>The longest program path (bytes) a pause for the program can receive: one atomic pipe write, NUL included.</summary>
    public const int ProgramPathLimit = SpawnPlan.ProgramBufferSize - 1;

    internal List<SpawnStep> Steps { get; } = [];

    /// <summary>True when a pause hands the child its program path (the execve then uses it).</summary>
    internal bool ReceivesProgram { get; private set; }

    public int Count => Steps.Count;

    private SpawnScript Add(long nr, string syscall, string? subject, long flags, params object[] args)
    {
        Steps.Add(new SpawnStep(nr, syscall, subject, args, flags));
        return this;
    }

    private static long Tolerate(Errno a, Errno b = 0) => SpawnTrampoline.Tolerate((int)a, (int)b);

    public SpawnScript Mount(string? source, string target, string? fsType, MountFlags flags, string? data = null, Errno tolerate = 0, Errno tolerate2 = 0) =>
        Add(Interop.Sys.mount, "mount", source is null ? target : $"\"{source}\" → {target}{(fsType is null ? "" : $", {fsType}")}",
            Tolerate(tolerate, tolerate2), (object?)source ?? 0L, target, (object?)fsType ?? 0L, (long)flags, (object?)data ?? 0L);

    /// <summary>mount_setattr(2): sets and clears attributes of one mount (or its subtree) and leaves the others alone.</summary>
    public SpawnScript SetMountAttributes(string path, MountAttributes set, MountAttributes clear, bool recursive, Errno tolerate = 0)
    {
        var attr = new byte[32]; // struct mount_attr { u64 attr_set, attr_clr, propagation, userns_fd }
        BitConverter.TryWriteBytes(attr.AsSpan(0), (ulong)set);
        BitConverter.TryWriteBytes(attr.AsSpan(8), (ulong)clear);
        return Add(Interop.Sys.mount_setattr, "mount_setattr", $"{path} (+{set}, -{clear})", Tolerate(tolerate),
            (long)AT_FDCWD, path, (long)(recursive ? AT_RECURSIVE : 0), attr, 32L);
    }

    /// <param name="bestEffort">Any failure is ignored (a later step that needs the directory reports it).</param>
    public SpawnScript MakeDirectory(string path, uint mode = 0x1ed, bool bestEffort = false) =>
        Add(Interop.Sys.mkdirat, "mkdir", path, bestEffort ? SpawnTrampoline.FlagIgnoreFailure : Tolerate(Errno.EEXIST), (long)AT_FDCWD, path, (long)mode);

    /// <summary>
    /// mkdir -p: every component of <paramref name="path"/> (existing ones, and symlinks to directories, are fine); with
    /// <paramref name="below"/>, only those under that directory (a path not under it is left alone).
    /// </summary>
    public SpawnScript MakeDirectories(string path, string? below = null, uint mode = 0x1ed, bool bestEffort = false)
    {
        if (below is not null && !path.StartsWith(below + "/", StringComparison.Ordinal)) return this;
        var prefix = below ?? (path.StartsWith('/') ? "" : ".");
        foreach (var part in path[(below?.Length ?? 0)..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            prefix += "/" + part;
            MakeDirectory(prefix, mode, bestEffort);
        }
        return this;
    }

    /// <summary>An empty regular file (a mount point for a file bind), unless something is there already.</summary>
    public SpawnScript CreateFile(string path) =>
        Add(Interop.Sys.mknodat, "mknod", path, Tolerate(Errno.EEXIST), (long)AT_FDCWD, path, (long)(0x8000 | 0x1a4), 0L);

    public SpawnScript Symlink(string target, string path) =>
        Add(Interop.Sys.symlinkat, "symlink", $"{path} → {target}", Tolerate(Errno.EEXIST), target, (long)AT_FDCWD, path);

    /// <summary>A device node: type 'c', 'b' or 'p'.</summary>
    public SpawnScript MakeNode(string path, char type, long major, long minor, uint mode)
    {
        uint kind = type switch { 'c' or 'u' => 0x2000, 'b' => 0x6000, 'p' => 0x1000, _ => throw new ArgumentException($"device {path}: unknown type '{type}'") };
        var dev = ((major & 0xfff) << 8) | (minor & 0xff) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
        return Add(Interop.Sys.mknodat, "mknod", path, 0, (long)AT_FDCWD, path, (long)(kind | (mode & 0xfff)), dev);
    }

    public SpawnScript ChangeOwner(string path, uint uid, uint gid) =>
        Add(Interop.Sys.fchownat, "lchown", $"{path} to {uid}:{gid}", 0, (long)AT_FDCWD, path, (long)uid, (long)gid, (long)AT_SYMLINK_NOFOLLOW);

    /// <summary>Removes a non-directory, if there is one.</summary>
    public SpawnScript Remove(string path, Errno alsoTolerate = 0) => Add(Interop.Sys.unlinkat, "unlink", path, Tolerate(Errno.ENOENT, alsoTolerate), (long)AT_FDCWD, path, 0L);

    public SpawnScript PivotRoot(string newRoot, string putOld) => Add(Interop.Sys.pivot_root, "pivot_root", $"{newRoot}, {putOld}", 0, newRoot, putOld);

    public SpawnScript ChangeRoot(string path) => Add(Interop.Sys.chroot, "chroot", path, 0, path);

    public SpawnScript ChangeDirectory(string path) => Add(Interop.Sys.chdir, "chdir", path, 0, path);

    public SpawnScript Unmount(string path, UnmountFlags flags) => Add(Interop.Sys.umount2, "umount2", path, 0, path, (long)flags);

    public SpawnScript SetHostname(string name) => Name(Interop.Sys.sethostname, "sethostname", name);

    public SpawnScript SetDomainname(string name) => Name(Interop.Sys.setdomainname, "setdomainname", name);

    private SpawnScript Name(long nr, string syscall, string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        if (bytes.Length > 64) throw new ArgumentException($"{syscall}: \"{name}\" is longer than 64 bytes");
        return Add(nr, syscall, name, 0, name, (long)bytes.Length);
    }

    /// <summary>Reopens the O_PATH descriptor in <paramref name="slot"/> for writing (a fifo: blocks until a reader comes) and writes.</summary>
    public SpawnScript WriteFile(SpawnFdSlot slot, ReadOnlySpan<byte> content, string subject) => WriteFile(new ProcFdPath(slot), content, subject);

    /// <summary>Opens <paramref name="path"/> for writing and writes <paramref name="content"/> (a sysctl, /proc/self/oom_score_adj, a fifo).</summary>
    public SpawnScript WriteFile(string path, ReadOnlySpan<byte> content, string subject) => WriteFile((object)path, content, subject);

    private SpawnScript WriteFile(object path, ReadOnlySpan<byte> content, string subject)
    {
        Add(Interop.Sys.openat, "open", subject, SpawnTrampoline.FlagSaveResult, (long)AT_FDCWD, path, (long)(O_WRONLY | O_CLOEXEC), 0L);
        Add(Interop.Sys.write, "write", subject, SpawnTrampoline.FlagFirstArgSaved | SpawnTrampoline.FlagZeroFails, 0L, content.ToArray(), (long)content.Length);
        return Add(Interop.Sys.close, "close", subject, SpawnTrampoline.FlagFirstArgSaved, 0L);
    }

    /// <summary>Reopens the O_PATH descriptor in <paramref name="slot"/> for reading (a fifo: blocks until a writer comes) and waits for one byte.</summary>
    public SpawnScript AwaitByte(SpawnFdSlot slot, string subject)
    {
        Add(Interop.Sys.openat, "open", subject, SpawnTrampoline.FlagSaveResult, (long)AT_FDCWD, new ProcFdPath(slot), (long)(O_RDONLY | O_CLOEXEC), 0L);
        Add(Interop.Sys.read, "read", subject, SpawnTrampoline.FlagFirstArgSaved | SpawnTrampoline.FlagZeroFails, 0L, PlanArg.ScratchBuffer, 1L);
        return Add(Interop.Sys.close, "close", subject, SpawnTrampoline.FlagFirstArgSaved, 0L);
    }

    /// <summary>
    /// Checks that the descriptor in <paramref name="slot"/> can be reopened through /proc/self/fd (which needs /proc
    /// in the current root), so a step that waits on it later cannot fail after the runtime has let the child go.
    /// </summary>
    public SpawnScript CheckReopenable(SpawnFdSlot slot, string subject) =>
        Add(Interop.Sys.faccessat, "access", subject, 0, (long)AT_FDCWD, new ProcFdPath(slot), 0L /* F_OK */);

    /// <summary>Opens <paramref name="path"/> (close-on-exec) into <paramref name="slot"/>, for later steps to use.</summary>
    public SpawnScript OpenInto(string path, int flags, SpawnFdSlot slot)
    {
        Add(Interop.Sys.openat, "open", path, SpawnTrampoline.FlagSaveResult, (long)AT_FDCWD, path, (long)(flags | O_CLOEXEC), 0L);
        Add(Interop.Sys.dup3, "dup3", path, SpawnTrampoline.FlagFirstArgSaved, 0L, slot, (long)O_CLOEXEC);
        return Add(Interop.Sys.close, "close", path, SpawnTrampoline.FlagFirstArgSaved, 0L);
    }

    /// <summary>write(2) of <paramref name="content"/> to a slot's descriptor as it is (no reopening).</summary>
    public SpawnScript Write(SpawnFdSlot slot, ReadOnlySpan<byte> content, string subject) =>
        Add(Interop.Sys.write, "write", subject, 0, slot, content.ToArray(), (long)content.Length);

    /// <summary>Tells the parent the child reached <paramref name="name"/> and waits for <see cref="ChildProcess.Resume"/>.</summary>
    public SpawnScript Pause(string name)
    {
        Report(name);
        return Add(Interop.Sys.read, "read", $"release after {name} (the parent went away)", SpawnTrampoline.FlagZeroFails, PlanArg.ReleaseFd, PlanArg.ScratchBuffer, 1L);
    }

    /// <summary>A pause whose resume message is the program to execute (found by the parent once the root is in place).</summary>
    public SpawnScript PauseForProgram(string name)
    {
        ReceivesProgram = true;
        Report(name);
        return Add(Interop.Sys.read, "read", $"program after {name} (the parent went away)", SpawnTrampoline.FlagZeroFails, PlanArg.ReleaseFd, PlanArg.ProgramBuffer, (long)SpawnPlan.ProgramBufferSize);
    }

    /// <summary>Tells the parent the child reached <paramref name="name"/>, without waiting.</summary>
    public SpawnScript Report(string name) => Add(Interop.Sys.write, "pause", name, 0, PlanArg.ReportFd, PlanArg.PauseRecord, 8L);

    /// <summary>unshare(2) at this point of the script: namespaces the child makes after steps that must come first.</summary>
    public SpawnScript Unshare(NamespaceFlags flags) => Add(Interop.Sys.unshare, "unshare", flags.ToString(), 0, (long)flags);

    /// <summary>
    /// "lo" up in the child's network namespace, which a new namespace has down (runc and crun bring it up too:
    /// programs expect 127.0.0.1). SIOCSIFFLAGS changes only the up flag of lo's fixed ones (IFF_LOOPBACK).
    /// </summary>
    public SpawnScript BringUpLoopback()
    {
        const string subject = "lo (bringing the loopback interface up)";
        var request = new byte[40]; // struct ifreq { char name[16]; short flags; … }
        "lo"u8.CopyTo(request);
        BitConverter.TryWriteBytes(request.AsSpan(16), (short)(Interop.IFF_UP | Interop.IFF_LOOPBACK));
        Add(Interop.Sys.socket, "socket", subject, SpawnTrampoline.FlagSaveResult, (long)Interop.AF_INET, (long)(Interop.SOCK_DGRAM | Interop.SOCK_CLOEXEC), 0L);
        Add(Interop.Sys.ioctl, "ioctl", $"SIOCSIFFLAGS {subject}", SpawnTrampoline.FlagFirstArgSaved, 0L, (long)Interop.SIOCSIFFLAGS, request);
        return Add(Interop.Sys.close, "close", subject, SpawnTrampoline.FlagFirstArgSaved, 0L);
    }

    public SpawnScript SetParentDeathSignal(int signal) =>
        Add(Interop.Sys.prctl, "prctl", $"PR_SET_PDEATHSIG {signal}", 0, (long)Interop.PR_SET_PDEATHSIG, (long)signal);

    public SpawnScript SetResourceLimit(int resource, ulong soft, ulong hard, string name)
    {
        var limit = new byte[16];
        BitConverter.TryWriteBytes(limit.AsSpan(0), soft);
        BitConverter.TryWriteBytes(limit.AsSpan(8), hard);
        return Add(Interop.Sys.prlimit64, "prlimit", name, 0, 0L, (long)resource, limit, 0L);
    }

    /// <summary>uid and gid 0 in a new user namespace (whose maps the parent wrote): its root may then create and mount.</summary>
    public SpawnScript BecomeRoot()
    {
        Add(Interop.Sys.setresgid, "setresgid", "gid 0 in the user namespace", 0, 0L, 0L, 0L);
        return Add(Interop.Sys.setresuid, "setresuid", "uid 0 in the user namespace", 0, 0L, 0L, 0L);
    }

    /// <summary>
    /// A pty from the child's /dev/ptmx (its own devpts): the master stays at <paramref name="master"/> for the parent to take
    /// (pidfd_getfd), the slave becomes stdin/out/err and the controlling terminal of a new session.
    /// </summary>
    public SpawnScript OpenConsole(SpawnFdSlot master, SpawnFdSlot slave, ushort rows, ushort columns)
    {
        const string subject = "console";
        var size = new byte[8]; // struct winsize { rows, cols, xpixel, ypixel }
        BitConverter.TryWriteBytes(size.AsSpan(0), rows);
        BitConverter.TryWriteBytes(size.AsSpan(2), columns);
        Add(Interop.Sys.openat, "open", "/dev/ptmx", SpawnTrampoline.FlagSaveResult, (long)AT_FDCWD, "/dev/ptmx", (long)(O_RDWR | O_NOCTTY | O_CLOEXEC), 0L);
        Add(Interop.Sys.dup3, "dup3", subject, SpawnTrampoline.FlagFirstArgSaved, 0L, master, (long)O_CLOEXEC);
        Add(Interop.Sys.close, "close", subject, SpawnTrampoline.FlagFirstArgSaved, 0L);
        Add(Interop.Sys.ioctl, "ioctl", "TIOCSPTLCK", 0, master, (long)Interop.TIOCSPTLCK, new byte[4]);
        Add(Interop.Sys.ioctl, "ioctl", "TIOCSWINSZ", 0, master, (long)Interop.TIOCSWINSZ, size);
        Add(Interop.Sys.ioctl, "ioctl", "TIOCGPTPEER", SpawnTrampoline.FlagSaveResult, master, (long)Interop.TIOCGPTPEER, (long)(O_RDWR | O_NOCTTY | O_CLOEXEC));
        Add(Interop.Sys.dup3, "dup3", subject, SpawnTrampoline.FlagFirstArgSaved, 0L, slave, (long)O_CLOEXEC);
        Add(Interop.Sys.close, "close", subject, SpawnTrampoline.FlagFirstArgSaved, 0L);
        Add(Interop.Sys.setsid, "setsid", subject, 0);
        Add(Interop.Sys.ioctl, "ioctl", "TIOCSCTTY", 0, slave, (long)Interop.TIOCSCTTY, 0L);
        for (var fd = 0L; fd <= 2; fd++) Add(Interop.Sys.dup3, "dup3", $"console → {fd}", 0, slave, fd, 0L);
        return Add(Interop.Sys.close, "close", subject, 0, slave);
    }

    /// <summary>umask(2): device nodes get exactly their configured modes under umask 0.</summary>
    public SpawnScript SetUmask(uint mask) => Add(Interop.Sys.umask, "umask", null, 0, (long)mask);

    /// <summary>Closes a slot (the console master once the parent has its copy).</summary>
    public SpawnScript Close(SpawnFdSlot slot) => Add(Interop.Sys.close, "close", null, SpawnTrampoline.FlagIgnoreFailure, slot);
}

/// <summary>mount_setattr(2) attributes.</summary>
[Flags]
public enum MountAttributes : ulong
{
    None = 0, ReadOnly = 1, NoSuid = 2, NoDev = 4, NoExec = 8, RelAtime = 0, NoAtime = 0x10, StrictAtime = 0x20,
    AtimeMask = 0x70, NoDirAtime = 0x80, IdMap = 0x100000, NoSymFollow = 0x200000,
}
