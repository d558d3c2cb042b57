using Nido.Linux;

namespace Nido.Containers;

public sealed partial class Container
{
    /// <summary>Signals the init; with <paramref name="all"/>, every process in the container's pid namespace.</summary>
    public void Kill(int signal, bool all = false)
    {
        using var init = OpenInit();
        if (init is null || Status == "stopped") throw new ContainerException("container not running");
        if (all && Cgroup is { } cgroup)
        {
            foreach (var pid in cgroup.Processes().Where(p => p != State.InitPid))
                try { Signals.SendToProcess(pid, signal); } catch (ErrnoException e) when (e.Errno == Errno.ESRCH) { }
        }
        else if (all)
        {
            var ns = Namespaces.Identity(State.InitPid, NamespaceFlags.Pid);
            var own = Namespaces.Identity(Environment.ProcessId, NamespaceFlags.Pid);
            // Without a private pid namespace "all" would mean the host: only the init is signalled then.
            if (ns != own)
                foreach (var pid in ProcessesInNamespace(ns).Where(p => p != State.InitPid))
                    try { Signals.SendToProcess(pid, signal); } catch (ErrnoException e) when (e.Errno == Errno.ESRCH) { }
        }
        try { PidFd.SendSignal(init, signal); }
        catch (ErrnoException e) when (e.Errno == Errno.ESRCH) { throw new ContainerException("no such process"); }
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
