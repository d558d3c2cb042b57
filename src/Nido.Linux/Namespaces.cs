namespace Nido.Linux;

/// <summary>The CLONE_NEW* flags, used by clone3, unshare and setns.</summary>
[Flags]
public enum NamespaceFlags
{
    None = 0,
    Time = 0x00000080,
    Mount = 0x00020000,
    Cgroup = 0x02000000,
    Uts = 0x04000000,
    Ipc = 0x08000000,
    User = 0x10000000,
    Pid = 0x20000000,
    Net = 0x40000000,
}

/// <summary>setns/unshare/sethostname/setdomainname, plus the /proc names of each namespace kind.</summary>
public static class Namespaces
{
    /// <summary>The file under /proc/PID/ns/ for a namespace kind ("mnt", "uts", …).</summary>
    public static string ProcName(NamespaceFlags kind) => kind switch
    {
        NamespaceFlags.Mount => "mnt",
        NamespaceFlags.Uts => "uts",
        NamespaceFlags.Ipc => "ipc",
        NamespaceFlags.User => "user",
        NamespaceFlags.Pid => "pid",
        NamespaceFlags.Net => "net",
        NamespaceFlags.Cgroup => "cgroup",
        NamespaceFlags.Time => "time",
        _ => throw new ArgumentException($"not a single namespace kind: {kind}", nameof(kind)),
    };

    public static SafeFdHandle Open(int pid, NamespaceFlags kind) =>
        FileIo.Open($"/proc/{pid}/ns/{ProcName(kind)}", FileIo.O_RDONLY);

    /// <summary>
    /// Joins a namespace on the calling thread. In a multithreaded process (every .NET process) the kernel
    /// refuses mount and user namespaces with EINVAL: join those in a spawned child instead (<see cref="SpawnOptions.JoinNamespaces"/>).
    /// </summary>
    public static void Join(SafeFdHandle nsFd, NamespaceFlags kind = NamespaceFlags.None) =>
        Errors.Check(Interop.setns(nsFd, (int)kind), "setns", kind == NamespaceFlags.None ? nsFd.ToString() : ProcName(kind));

    /// <summary>unshare(2) for the calling thread (mount, uts, ipc, net, cgroup work in a multithreaded process; user does not).</summary>
    public static void Unshare(NamespaceFlags flags) => Errors.Check(Interop.unshare((int)flags), "unshare", flags.ToString());

    public static unsafe void SetHostname(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        fixed (byte* p = bytes)
            Errors.Check(Interop.sethostname(p, (nuint)bytes.Length), "sethostname", name);
    }

    public static unsafe void SetDomainname(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        fixed (byte* p = bytes)
            Errors.Check(Interop.setdomainname(p, (nuint)bytes.Length), "setdomainname", name);
    }

    /// <summary>setsid(2): a new session with no controlling terminal.</summary>
    public static int NewSession() => (int)Errors.Check(Interop.syscall(Interop.Sys.setsid), "setsid");

    /// <summary>The namespace's inode identity, e.g. "uts:[4026531838]", from /proc/PID/ns.</summary>
    public static string Identity(int pid, NamespaceFlags kind) => new FileInfo($"/proc/{pid}/ns/{ProcName(kind)}").LinkTarget
        ?? throw new IOException($"/proc/{pid}/ns/{ProcName(kind)} is not a link");
}
