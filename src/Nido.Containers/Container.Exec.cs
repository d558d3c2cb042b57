using Nido.Linux;
using Nido.Oci.Runtime;

namespace Nido.Containers;

/// <summary>What `exec` is given: the complete process to run (config.json's merged with the flags, or --process).</summary>
public sealed record ExecOptions(Process Process)
{
    public string? ConsoleSocket { get; init; }
    public string? PidFile { get; init; }
    public int PreserveFds { get; init; }
    public bool IgnorePaused { get; init; }
    /// <summary>The process's stdin, stdout and stderr (null entries: this process's own).</summary>
    public SafeFdHandle?[]? Stdio { get; init; }
}

public sealed partial class Container
{
    /// <summary>
    /// Starts another process in the container: it joins the init's namespaces and cgroups and gets the container's
    /// seccomp profile; credentials, capabilities, cwd and rlimits come from <see cref="ExecOptions.Process"/>.
    /// Everything is applied by the spawn trampoline before execve (.NET cannot enter a mount namespace itself).
    /// </summary>
    public ChildProcess Exec(ExecOptions o)
    {
        var p = o.Process;
        SpecValidator.ValidateProcess(p, "exec", "process");
        switch (Status)
        {
            case "stopped": throw new ContainerException("cannot exec in a stopped container");
            case "creating": throw new ContainerException("cannot exec in a container that is still being created");
            case "paused" when !o.IgnorePaused: throw new ContainerException("cannot exec in a paused container (use --ignore-paused to override)");
        }
        if (p.Terminal && o.ConsoleSocket is null) throw new ContainerException("cannot allocate tty if runc will detach without setting console socket");
        if (!p.Terminal && o.ConsoleSocket is not null) throw new ContainerException("cannot use console socket if runc will not detach or allocate tty");

        var spec = Spec;
        var pid = State.InitPid;
        var disposables = new List<IDisposable>();
        ChildProcess? child = null;
        try
        {
            using var initFd = OpenInit() ?? throw new ContainerException("cannot exec in a stopped container");
            var program = Init.ProcessSetup.ResolveProgram($"/proc/{pid}/root", p);
            var (joins, joinsPid) = InNamespacesOf(spec, pid, disposables);
            var fds = PreservedFds(o.PreserveFds, disposables);
            if (p.Terminal)
            {
                var size = p.ConsoleSize;
                var pty = Track(disposables, Pty.OpenOn($"/proc/{pid}/root/dev/ptmx", (ushort)(size?.Height ?? 24), (ushort)(size?.Width ?? 80)));
                using var socket = ConnectConsole(o.ConsoleSocket!);
                UnixSockets.SendFds(socket, System.Text.Encoding.UTF8.GetBytes(pty.SlaveName), [pty.Master]);
                for (var fd = 0; fd <= 2; fd++) fds.Add(new FdMapping(pty.Slave, fd));
            }
            else
                for (var i = 0; i < (o.Stdio?.Length ?? 0); i++)
                    if (o.Stdio![i] is { } stdio) fds.Add(new FdMapping(stdio, i));
            // v1: the process joins the container's cgroups itself, through files opened here (see SelfJoinFiles).
            var selfJoin = SelfJoinScript(disposables);
            var options = new SpawnOptions
            {
                Path = program, Arguments = p.Args!, Environment = p.Env ?? [], JoinNamespaces = joins, Fds = fds, Setup = selfJoin,
                WorkingDirectory = p.Cwd, WaitForRelease = true,
                NewSession = p.Terminal, ControllingTerminal = p.Terminal ? 0 : null,
                User = Init.ProcessSetup.UserOf(p, Init.ProcessSetup.SetgroupsDenied(pid.ToString())),
                Capabilities = Init.ProcessSetup.CapabilitiesOf(p.Capabilities),
                NoNewPrivileges = p.NoNewPrivileges, Umask = p.User.Umask ?? 0x12,
                Seccomp = spec.Linux?.Seccomp is { } profile ? Seccomp.SeccompCompiler.Compile(profile) : null,
            };
            // v2: started inside the container's cgroup; otherwise moved there before it runs.
            var into = OpenCloneTarget(Cgroup, disposables);
            child = SpawnInto(options, joinsPid, ref into);
            // Before it runs: the container's cgroups, the process's limits and OOM score.
            if (into is null && selfJoin is null) Cgroup?.AddProcess(child.Pid);
            foreach (var r in p.Rlimits ?? []) ResourceLimits.Set(r.Type, r.Soft, r.Hard, child.Pid);
            if (p.OomScoreAdj is { } adj) TextFile.Write($"/proc/{child.Pid}/oom_score_adj", adj.ToString());
            child.Release();
            if (o.PidFile is { } pidFile) WritePidFile(pidFile, child.Pid);
            return child;
        }
        catch (ErrnoException e)
        {
            Abandon(child);
            throw new ContainerException($"exec failed: {e.Message}", e);
        }
        catch (Cgroups.CgroupException e)
        {
            Abandon(child);
            throw new ContainerException(e.Message, e);
        }
        catch
        {
            Abandon(child);
            throw;
        }
        finally
        {
            foreach (var d in disposables) d.Dispose();
        }
    }

    /// <summary>Steps that write "0" to each v1 `tasks` file (opened here, so the writes need no path in the container).</summary>
    private SpawnScript? SelfJoinScript(List<IDisposable> disposables)
    {
        if (Cgroup is not { CloneTarget: null, SelfJoinFiles: { Count: > 0 } files }) return null;
        var script = new SpawnScript();
        foreach (var file in files)
        {
            SafeFdHandle fd;
            try { fd = FileIo.Open(file, FileIo.O_WRONLY); }
            catch (ErrnoException e) { throw new ContainerException($"cannot join the container's cgroup: {e.Message}"); }
            var slot = new SpawnFdSlot(Track(disposables, fd));
            script.Write(slot, "0"u8, $"{file} (joining the container's cgroup)").Close(slot);
        }
        return script;
    }
}
