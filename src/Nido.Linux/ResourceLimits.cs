namespace Nido.Linux;

/// <summary>prlimit(2) by the RLIMIT_* names the OCI spec uses.</summary>
public static class ResourceLimits
{
    private static readonly string[] Names =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE",
        "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    public static IReadOnlyList<string> KnownNames => Names;

    public static int Resource(string name)
    {
        var i = Array.IndexOf(Names, name);
        return i >= 0 ? i : throw new ArgumentException($"unknown rlimit \"{name}\"");
    }

    /// <summary>Sets a limit of a process (0 = this one).</summary>
    public static unsafe void Set(string name, ulong soft, ulong hard, int pid = 0)
    {
        var limit = new Interop.RLimit { rlim_cur = soft, rlim_max = hard };
        Errors.Check(Interop.prlimit(pid, Resource(name), &limit, null), "prlimit", $"{name} {soft}/{hard}");
    }

    public static unsafe (ulong Soft, ulong Hard) Get(string name, int pid = 0)
    {
        Interop.RLimit limit;
        Errors.Check(Interop.prlimit(pid, Resource(name), null, &limit), "prlimit", name);
        return (limit.rlim_cur, limit.rlim_max);
    }
}
