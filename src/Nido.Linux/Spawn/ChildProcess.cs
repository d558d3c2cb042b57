using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>One uid_map/gid_map line: <paramref name="Size"/> ids from <paramref name="InsideId"/> map to <paramref name="OutsideId"/> on the host.</summary>
public readonly record struct IdMapping(uint InsideId, uint OutsideId, uint Size)
{
    public override string ToString() => $"{InsideId} {OutsideId} {Size}";
}

/// <summary>A child started by <see cref="ProcessSpawner"/>, held by pidfd (no pid-reuse races).</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly SafeFdHandle? report;
    private SafeFdHandle? release;
    private readonly IReadOnlyList<(string Syscall, string? Subject)> steps;
    private ExitStatus? exitStatus;

    internal ChildProcess(int pid, SafeFdHandle pidFd, SafeFdHandle report, SafeFdHandle? release, IReadOnlyList<(string, string?)> steps)
    {
        Pid = pid;
        PidFd = pidFd;
        this.report = report;
        this.release = release;
        this.steps = steps;
    }

    public int Pid { get; }

    public SafeFdHandle PidFd { get; }

    public ExitStatus? ExitStatus => exitStatus;

    /// <summary>Writes uid_map/gid_map for a child created in a new user namespace (before <see cref="Release"/>).</summary>
    public void WriteIdMappings(IEnumerable<IdMapping> uids, IEnumerable<IdMapping> gids, bool denySetgroups = false)
    {
        if (denySetgroups) WriteProcFile("setgroups", "deny");
        WriteProcFile("uid_map", string.Join('\n', uids) + "\n");
        WriteProcFile("gid_map", string.Join('\n', gids) + "\n");
    }

    /// <summary>Lets a child spawned with WaitForRelease continue; returns once it has executed (or throws for the step that failed).</summary>
    public void Release()
    {
        var r = release ?? throw new InvalidOperationException("the child was not spawned with WaitForRelease, or was already released");
        release = null;
        using (r) FileIo.Write(r, [1]);
        AwaitExec();
    }

    internal void AwaitExec()
    {
        Span<byte> buf = stackalloc byte[8];
        var got = 0;
        using (report)
        {
            while (got < buf.Length)
            {
                var n = FileIo.Read(report!, buf[got..]);
                if (n == 0) break;
                got += n;
            }
        }
        if (got == 0) return; // close-on-exec fired: the program is running
        var index = MemoryMarshal.Read<int>(buf);
        var errno = MemoryMarshal.Read<int>(buf[4..]);
        WaitForExit();
        var (syscall, subject) = index < steps.Count ? steps[index] : ("execve", "no program step");
        throw new ErrnoException(syscall, errno, subject);
    }

    /// <summary>Sends a signal through the pidfd. ESRCH (already exited) surfaces as <see cref="ErrnoException"/>.</summary>
    public void Signal(int signal) => Linux.PidFd.SendSignal(PidFd, signal, $"pid {Pid}");

    public void Kill() => Signal(Signals.SIGKILL);

    /// <summary>Blocks until the child ends and reaps it.</summary>
    public ExitStatus WaitForExit() => Wait(block: true) ?? throw new InvalidOperationException("waitid returned without a status");

    /// <summary>Reaps the child if it has ended; null while it runs.</summary>
    public ExitStatus? TryGetExitStatus() => Wait(block: false);

    public Task<ExitStatus> WaitForExitAsync() => Task.Factory.StartNew(WaitForExit, CancellationToken.None,
        TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private unsafe ExitStatus? Wait(bool block)
    {
        if (exitStatus is { } known) return known;
        Interop.SigInfo info = default;
        while (Interop.waitid(Interop.P_PIDFD, (int)PidFd.DangerousGetHandle(), &info, Interop.WEXITED | (block ? 0 : Interop.WNOHANG)) < 0)
        {
            if (Marshal.GetLastPInvokeError() != (int)Errno.EINTR) Errors.Throw("waitid", $"pid {Pid}");
        }
        if (info.si_pid == 0) return null;
        exitStatus = info.si_code == Interop.CLD_EXITED
            ? new ExitStatus(info.si_status, 0)
            : new ExitStatus(0, info.si_status, info.si_code == Interop.CLD_DUMPED);
        return exitStatus;
    }

    private void WriteProcFile(string name, string content)
    {
        using var fd = FileIo.Open($"/proc/{Pid}/{name}", FileIo.O_WRONLY);
        var bytes = System.Text.Encoding.ASCII.GetBytes(content);
        // The kernel takes each of these files in a single write.
        if (FileIo.Write(fd, bytes) != bytes.Length) throw new IOException($"/proc/{Pid}/{name}: short write");
    }

    /// <summary>
    /// Closes the descriptors. A child still waiting for release never ran its program: it is killed and reaped.
    /// A running child is left running (the caller may have detached it); wait before disposing to reap it.
    /// </summary>
    public void Dispose()
    {
        if (release is { } r)
        {
            release = null;
            r.Dispose(); // the child's read sees EOF and exits 127
            try { WaitForExit(); } catch (ErrnoException) { }
        }
        report?.Dispose();
        PidFd.Dispose();
    }
}
