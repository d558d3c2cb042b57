using System.Text;
using Nido.Linux;
using Nido.Oci;
using Nido.Oci.Runtime;

namespace Nido.Containers.Hooks;

/// <summary>
/// Runs OCI hooks: the container's state JSON on stdin, the hook's own args and env, an optional timeout.
/// A hook that fails or times out is an error naming the hook kind, its path and what went wrong.
/// </summary>
public static class HookRunner
{
    /// <param name="inside">The container's namespaces, for createContainer and startContainer hooks (null: the runtime's).</param>
    public static void RunAll(string kind, IEnumerable<Hook>? hooks, State state, ContainerNamespaces? inside = null)
    {
        foreach (var hook in hooks ?? []) Run(kind, hook, state, inside);
    }

    private static bool JoinsUser(ContainerNamespaces? inside)
    {
        foreach (var join in inside?.Joins ?? [])
            if (join.Kind == NamespaceFlags.User) return true;
        return false;
    }

    public static void Run(string kind, Hook hook, State state, ContainerNamespaces? inside = null)
    {
        var (stdinR, stdinW) = FileIo.Pipe();
        var (errR, errW) = FileIo.Pipe();
        ChildProcess child;
        using (stdinR)
        using (errW)
        {
            try
            {
                var options = new SpawnOptions
                {
                    Path = hook.Path,
                    Arguments = hook.Args is { Count: > 0 } args ? args : [hook.Path],
                    Environment = hook.Env ?? [],
                    Fds = [new FdMapping(stdinR, 0), new FdMapping(errW, 2)],
                    ParentDeathSignal = Signals.SIGKILL, // a hook never outlives the runtime that waits for it
                    NewSession = true, // its own process group, so a timeout kills what it started too
                    JoinNamespaces = inside?.Joins ?? [],
                    // In the container's user namespace, as its root (as the init that runc runs such hooks from).
                    User = JoinsUser(inside) ? new SpawnUser(0, 0) : null,
                };
                child = Container.SpawnInPidNamespace(options, inside?.PidPath);
            }
            catch (Exception e) when (e is ErrnoException or ContainerException)
            {
                stdinW.Dispose();
                errR.Dispose();
                throw new ContainerException($"{kind} hook {hook.Path}: {e.Message}");
            }
        }
        using (child)
        using (errR)
        {
            var stderr = Task.Run(() => ReadAll(errR));
            using (stdinW)
            {
                try { FileIo.WriteAll(stdinW, Encoding.UTF8.GetBytes(StateWriter.Write(state))); }
                catch (ErrnoException e) when (e.Errno == Errno.EPIPE) { } // the hook need not read its stdin
            }
            var timeoutMs = hook.Timeout is { } seconds ? seconds * 1000 : -1;
            if (!PidFd.WaitForExit(child.PidFd, timeoutMs))
            {
                try { Signals.SendToGroup(child.Pid, Signals.SIGKILL); } catch (ErrnoException) { }
                child.WaitForExit();
                throw new ContainerException($"{kind} hook {hook.Path}: timed out after {hook.Timeout} s");
            }
            var status = child.WaitForExit();
            if (status is not { Exited: true, Code: 0 })
            {
                var detail = stderr.Result.Trim();
                throw new ContainerException($"{kind} hook {hook.Path} failed: {status}{(detail.Length > 0 ? ": " + detail.Split('\n')[0] : "")}");
            }
        }
    }

    private static string ReadAll(SafeFdHandle fd)
    {
        var sb = new StringBuilder();
        var buf = new byte[4096];
        int n;
        while ((n = FileIo.Read(fd, buf)) > 0) sb.Append(Encoding.UTF8.GetString(buf, 0, n));
        return sb.ToString();
    }
}
