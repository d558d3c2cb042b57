using Nido.Linux;

namespace Nido.Containers;

public sealed partial class Container
{
    /// <summary>poststart hooks; a failure stops the container and is the error of `start` (runtime-spec 1.1+).</summary>
    private void RunPoststart()
    {
        var hooks = Spec.Hooks?.Poststart;
        if (hooks is not { Count: > 0 }) return;
        // The program was just started: a short-lived one may already have exited, but the hooks learn of its start.
        var started = ToOciState() with { Status = "running", Pid = State.InitPid };
        try { Hooks.HookRunner.RunAll("poststart", hooks, started); }
        catch (ContainerException)
        {
            try { Kill(Signals.SIGKILL, all: true); } catch (ContainerException) { }
            throw;
        }
    }

    /// <summary>
    /// startContainer hooks run in the container's namespaces while the init, past the exec fifo, waits on the hooks fifo;
    /// a failing hook stops the container and is the error of `start`.
    /// </summary>
    private void RunStartContainer(SafeFdHandle init)
    {
        if (Spec.Hooks?.StartContainer is not { Count: > 0 } hooks) return;
        var path = Path.Combine(Directory, StateStore.HooksFifo);
        var disposables = new List<IDisposable>();
        try
        {
            var created = ToOciState() with { Status = "created", Pid = State.InitPid };
            Hooks.HookRunner.RunAll("startContainer", hooks, created, InNamespacesOf(Spec, State.InitPid, disposables));
            // The init opens the fifo for reading right after the exec fifo: wait for it (or for its end).
            while (true)
            {
                try
                {
                    using var fifo = FileIo.Open(path, FileIo.O_WRONLY | FileIo.O_NONBLOCK);
                    FileIo.Write(fifo, "0"u8);
                    break;
                }
                catch (ErrnoException e) when (e.Errno == Errno.ENXIO)
                {
                    if (PidFd.WaitForExit(init, 1)) throw new ContainerException("cannot start a container that has stopped");
                }
            }
            File.Delete(path);
        }
        catch (ContainerException)
        {
            try { Kill(Signals.SIGKILL, all: true); } catch (ContainerException) { }
            throw;
        }
        finally
        {
            foreach (var d in disposables) d.Dispose();
        }
    }

    /// <summary>
    /// For a caller that created the init itself (`run`): waits until the program is executing, so a late failure (execve
    /// of a file that is not a program, a limit that cannot be set) is its error rather than a bare exit status 127.
    /// </summary>
    public static void AwaitProgram(ChildProcess init)
    {
        string? next;
        try
        {
            next = init.NextEvent();
            if (next == Init.InitPauses.Committed) next = init.NextEvent(); // a `run` that did not wait for the commit
        }
        catch (ErrnoException e) { throw new ContainerException($"exec failed: {e.Message}", e); }
        if (next is not null) throw new ContainerException($"container init stopped at an unexpected point ({next})");
    }

    /// <summary>
    /// For a container created with <see cref="CreateOptions.StartAtOnce"/>: once its program runs, what `start` does
    /// after the exec fifo (poststart hooks). One created with a fifo (startContainer hooks) is started as usual.
    /// </summary>
    public void Started(ChildProcess init)
    {
        if (File.Exists(Path.Combine(Directory, StateStore.ExecFifo)))
        {
            Start();
            AwaitProgram(init);
            return;
        }
        AwaitProgram(init);
        RunPoststart();
    }

    /// <summary>Lets the init run the program: opening the exec fifo for reading unblocks the init's open for writing.</summary>
    public void Start()
    {
        switch (Status)
        {
            case "stopped": throw new ContainerException("cannot start a container that has stopped");
            case "running" or "paused": throw new ContainerException("cannot start an already running container");
            case "creating": throw new ContainerException("cannot start a container that is still being created");
        }
        var fifoPath = Path.Combine(Directory, StateStore.ExecFifo);
        using var init = OpenInit() ?? throw new ContainerException("cannot start a container that has stopped");
        // Non-blocking open, then wait for data while watching the init: a dead init must not hang `start`.
        using var fifo = FileIo.Open(fifoPath, FileIo.O_RDONLY | FileIo.O_NONBLOCK);
        using var epoll = new Epoll();
        epoll.Add(fifo, EpollEvents.In, 0);
        epoll.Add(init, EpollEvents.In, 1);
        Span<EpollEvent> events = stackalloc EpollEvent[2];
        var buf = new byte[1];
        while (true)
        {
            var n = epoll.Wait(events, 1000);
            for (var i = 0; i < n; i++)
            {
                if (events[i].Data == 0 && (events[i].Events & EpollEvents.In) != 0 && FileIo.Read(fifo, buf) == 1)
                {
                    // The fifo goes (status "running") only once the init is past the startContainer hooks too.
                    RunStartContainer(init);
                    File.Delete(fifoPath);
                    RunPoststart();
                    return;
                }
                if (events[i].Data == 1) throw new ContainerException("cannot start a container that has stopped");
            }
        }
    }
}
