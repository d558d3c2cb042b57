namespace Nido.Linux;

/// <summary>
/// Starts programs with clone3 from a multithreaded .NET process: new or joined namespaces, descriptors at fixed
/// numbers, session/tty, hostname, cwd, then execve — all done by <see cref="SpawnTrampoline"/> in the child.
/// </summary>
public static class ProcessSpawner
{
    /// <summary>
    /// Starts the child. Returns once it has executed the program (a failing step throws an
    /// <see cref="ErrnoException"/> naming it, and the child is reaped), or, with <see cref="SpawnOptions.WaitForRelease"/>,
    /// as soon as it exists and waits for <see cref="ChildProcess.Release"/>.
    /// </summary>
    public static unsafe ChildProcess Spawn(SpawnOptions options)
    {
        var plan = new SpawnPlan(options);
        long pid;
        try
        {
            pid = SpawnTrampoline.Entry(plan.Header);
        }
        catch
        {
            plan.Dispose(); // closes the child's ends too
            throw;
        }
        plan.CloseChildEnds();
        if (pid < 0)
        {
            plan.ReportRead.Dispose();
            plan.ReleaseWrite?.Dispose();
            plan.Dispose();
            throw new ErrnoException("clone3", (int)-pid, options.NewNamespaces == NamespaceFlags.None ? options.Path : $"{options.Path}, new {options.NewNamespaces}");
        }
        // A child in this process's memory reads its plan until it executes: the child object frees it then.
        var child = new ChildProcess((int)pid, new SafeFdHandle(plan.PidFd), plan.ReportRead, plan.ReleaseWrite, plan.Steps,
            plan.SharesMemory ? plan : null);
        if (!plan.SharesMemory) plan.Dispose();
        if (!options.WaitForRelease) child.AwaitExec();
        return child;
    }
}
