using Nido.Containers;
using Nido.Images.Layers;
using Nido.Linux;
using Nido.Oci.Runtime;

namespace Nido.Engine;

public sealed partial class Engine
{
    public const string MonitorSyncVariable = "_NIDO_MONITOR_SYNC_FD";

    /// <summary>
    /// -d: starts `nido _monitor ID` in its own session (stdio to the container's monitor.log) and waits until it
    /// reports the program started, or why not.
    /// </summary>
    public void StartDetached(ContainerRecord record, string nidoPath)
    {
        var dir = Containers.DirectoryOf(record.Id);
        var (read, write) = FileIo.Pipe();
        using (read)
        {
            using var devNull = FileIo.Open("/dev/null", FileIo.O_RDONLY);
            using var log = FileIo.Open(Path.Combine(dir, "monitor.log"), FileIo.O_WRONLY | FileIo.O_CREAT | FileIo.O_APPEND, 0x1a4);
            var env = Nido.Linux.Exec.InheritedEnvironment();
            env.RemoveAll(e => e.StartsWith(MonitorSyncVariable + "="));
            env.Add($"{MonitorSyncVariable}=3");
            using (write)
            using (ProcessSpawner.Spawn(new SpawnOptions
            {
                Path = nidoPath, Arguments = ["nido", "_monitor", record.Id], Environment = env, NewSession = true,
                Fds = [new FdMapping(devNull, 0), new FdMapping(log, 1), new FdMapping(log, 2), new FdMapping(write, 3)],
            })) { }
            var buffer = new byte[4096];
            var text = new System.Text.StringBuilder();
            int n;
            while ((n = FileIo.Read(read, buffer)) > 0) text.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, n));
            var reply = text.ToString();
            if (reply == "ok") return;
            throw new EngineException(reply.Length > 0 ? reply : $"the monitor of {record.Name} exited before starting it (see {dir}/monitor.log)", ExitCodeFor(reply));
        }
    }

    /// <summary>`stop`: the image's stop signal (default SIGTERM), SIGKILL after <paramref name="timeout"/>; waits for the monitor to finish.</summary>
    public void Stop(ContainerRecord record, TimeSpan timeout)
    {
        if (RuntimeContainer(record) is { } c && c.Status is "running" or "paused" or "created")
        {
            try
            {
                if (c.Status == "paused") c.Resume();
                c.Kill(Signals.Parse(record.StopSignal));
            }
            catch (ContainerException) { }
            if (!WaitUntil(() => c.Status == "stopped", timeout))
                try { c.Kill(Signals.SIGKILL, all: true); } catch (ContainerException) { }
            WaitUntil(() => c.Status == "stopped", TimeSpan.FromSeconds(10));
        }
        // The monitor records the exit code and cleans up; if it is gone (killed), do its cleanup here.
        if (!WaitUntil(() => !MonitorAlive(Containers.Load(record.Id) ?? record), TimeSpan.FromSeconds(10)))
            throw new EngineException($"container {record.Name}: its monitor (pid {record.MonitorPid}) did not finish");
        if (Containers.Load(record.Id) is { FinishedAt: null } orphan) CleanUpOrphan(orphan);
    }

    /// <summary>`rm`: a running container needs <paramref name="force"/> (then it is killed first).</summary>
    public void Remove(ContainerRecord record, bool force)
    {
        var status = Status(record);
        if (status is "running" or "paused" && !force)
            throw new EngineException($"cannot remove container {record.Name}: the container is {status}: stop the container before removing or force remove", 1);
        if (status is "running" or "paused" or "created") Stop(record, TimeSpan.Zero);
        if (RuntimeContainer(record) is { } c) c.Delete(force: true);
        Snapshotter.Unmount(Path.Combine(Containers.DirectoryOf(record.Id), "rootfs"));
        Containers.Remove(record.Id);
    }

    /// <summary>What a monitor killed with -9 would have done: delete the runtime container, unmount, record the end.</summary>
    private void CleanUpOrphan(ContainerRecord record)
    {
        if (RuntimeContainer(record) is { } c) c.Delete(force: true);
        Snapshotter.Unmount(Path.Combine(Containers.DirectoryOf(record.Id), "rootfs"));
        Containers.Save(record with { FinishedAt = DateTimeOffset.UtcNow, ExitCode = 137, MonitorPid = 0, MonitorStartTime = 0, Error = record.Error ?? "the container's monitor was killed" });
    }

    /// <summary>`exec`: another process in a running container, with the container's environment plus -e.</summary>
    public int Exec(ContainerRecord record, ExecRequest r, Attachment? attach)
    {
        var c = RuntimeContainer(record);
        if (c is null || c.Status is not ("running" or "paused")) throw new EngineException($"container {record.Name} is not running", 1);
        var spec = c.Spec;
        var process = spec.Process!;
        var env = (process.Env ?? []).ToList();
        foreach (var e in r.Env) if (SpecBuilder.FromFlag(e) is { } entry) ProcessEnv.Set(env, entry);
        var user = process.User;
        if (r.User is { Length: > 0 } u)
        {
            var (uid, gid, groups) = UserResolver.Resolve(u, $"/proc/{c.State.InitPid}/root");
            user = new User { Uid = uid, Gid = gid, AdditionalGids = groups.Length > 0 ? [.. groups] : null };
        }
        var exec = process with
        {
            Args = r.Command, Env = env, Cwd = r.WorkingDir ?? process.Cwd, User = user, Terminal = r.Tty,
            ConsoleSize = null,
        };
        using var console = r.Tty ? new Streams.ConsoleListener() : null;
        using var devNull = r.Detach ? FileIo.Open("/dev/null", FileIo.O_RDWR) : null;
        ChildProcess child;
        try
        {
            child = c.Exec(new ExecOptions(exec) { ConsoleSocket = console?.Path, Stdio = devNull is null ? null : [devNull, devNull, devNull] });
        }
        catch (ContainerException e) { throw new EngineException(e.Message, ExitCodeFor(e.Message)); }
        using (child)
        {
            if (r.Detach)
            {
                if (console is not null) console.ReceiveMaster().Dispose();
                return 0;
            }
            if (console is null)
                using (SignalForwarding.To(child)) return child.WaitForExit().ShellCode;
            using var master = console.ReceiveMaster();
            return Streams.ProxyTerminal(child, master, r.Interactive, attach?.Stdout ?? Console.OpenStandardOutput());
        }
    }

    /// <summary>`logs`: the lines so far; with <paramref name="follow"/>, then new ones until the container stops.</summary>
    public void Logs(ContainerRecord record, bool follow, bool timestamps, Stream stdout, Stream stderr, CancellationToken cancel = default)
    {
        var path = Path.Combine(Containers.DirectoryOf(record.Id), ContainerStore.LogFile);
        long offset = 0;
        void Emit(LogLine line)
        {
            var text = timestamps ? $"{line.Time.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffffffZ} {line.Log}" : line.Log;
            var sink = line.Stream == "stderr" ? stderr : stdout;
            sink.Write(System.Text.Encoding.UTF8.GetBytes(text));
            sink.Flush();
        }
        offset = ContainerLog.Read(path, offset, Emit);
        while (follow && !cancel.IsCancellationRequested)
        {
            var current = Containers.Load(record.Id);
            var done = current is null || Status(current) == "exited";
            offset = ContainerLog.Read(path, offset, Emit);
            if (done) break;
            Thread.Sleep(100);
        }
    }

    private static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline) return false;
            Thread.Sleep(20);
        }
        return true;
    }
}

/// <summary>What `nido exec` was asked for.</summary>
public sealed record ExecRequest(List<string> Command)
{
    public List<string> Env { get; init; } = [];
    public string? WorkingDir { get; init; }
    public string? User { get; init; }
    public bool Tty { get; init; }
    public bool Interactive { get; init; }
    public bool Detach { get; init; }
}
