using Nido.Linux;

namespace Nido.Containers;

public sealed partial class Container
{
    /// <summary>Signals the init; with <paramref name="all"/>, every process in its cgroup (or, without one, its pid namespace).</summary>
    public void Kill(int signal, bool all = false)
    {
        using var init = OpenInit();
        if (init is null || Status == "stopped") throw new ContainerException("container not running");
        if (all)
            foreach (var pid in OtherProcesses())
                try { Signals.SendToProcess(pid, signal); } catch (ErrnoException e) when (e.Errno == Errno.ESRCH) { }
        try { PidFd.SendSignal(init, signal); }
        catch (ErrnoException e) when (e.Errno == Errno.ESRCH) { throw new ContainerException("no such process"); }
    }

    /// <summary>Every process of the container (host pids), the init first; empty once it has stopped.</summary>
    public IReadOnlyList<int> Processes()
    {
        using var init = OpenInit();
        if (init is null) return [];
        return [State.InitPid, .. OtherProcesses()];
    }

    /// <summary>The container's processes other than the init.</summary>
    private List<int> OtherProcesses()
    {
        if (Cgroup is { } cgroup) return Except(cgroup.Processes(), State.InitPid);
        var ns = Namespaces.Identity(State.InitPid, NamespaceFlags.Pid);
        // Without a private pid namespace "all" would mean the host: only the init is signalled then.
        return ns == Namespaces.Identity(Environment.ProcessId, NamespaceFlags.Pid)
            ? []
            : Except(ProcessesInNamespace(ns), State.InitPid);
    }

    private static List<int> Except(IEnumerable<int> pids, int pid)
    {
        var others = new List<int>();
        foreach (var p in pids) if (p != pid) others.Add(p);
        return others;
    }

    private static IEnumerable<int> ProcessesInNamespace(string identity)
    {
        foreach (var dir in System.IO.Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string? ns;
            try { ns = Namespaces.Identity(pid, NamespaceFlags.Pid); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (ns == identity) yield return pid;
        }
    }
}
