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
    private SafeFdHandle? report;
    private SafeFdHandle? release;
    private readonly IReadOnlyList<(string Syscall, string? Subject)> steps;
    private ExitStatus? exitStatus;
    // The plan of a child that shares this process's memory until it executes: freed once it has executed or ended,
    // never before (it would read freed memory); a child disposed while still paused keeps it.
    private IDisposable? sharedPlan;

    internal ChildProcess(int pid, SafeFdHandle pidFd, SafeFdHandle? report, SafeFdHandle? release, IReadOnlyList<(string, string?)> steps, IDisposable? sharedPlan = null)
    {
        Pid = pid;
        PidFd = pidFd;
        this.report = report;
        this.release = release;
        this.steps = steps;
        this.sharedPlan = sharedPlan;
    }

    /// <summary>
    /// A child of this process that it did not spawn itself, such as one a previous program of this process spawned
    /// before it executed this one (children survive execve). No pid reuse race: until this process reaps it, the pid is the child's.
    /// </summary>
    public static ChildProcess Adopt(int pid) => new(pid, Nido.Linux.PidFd.Open(pid), null, null, []);

    /// <summary>The child has executed or ended: it no longer reads the plan in this process's memory.</summary>
    private void FreePlan() => Interlocked.Exchange(ref sharedPlan, null)?.Dispose();

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
        if (Resume() is { } pause) throw new InvalidOperationException($"the child paused at {pause}; use Resume");
    }

    /// <summary>
    /// Lets the child go on from its release wait or a <see cref="SpawnScript.Pause"/> (<paramref name="message"/> is what a
    /// pause for the program reads: the path, NUL-terminated), then waits for its next pause or report: returns its name, or
    /// null once the program is running. A failed step throws <see cref="ErrnoException"/> naming it (the child is reaped).
    /// </summary>
    public string? Resume(ReadOnlySpan<byte> message = default)
    {
        Continue(message);
        return NextEvent();
    }

    /// <summary>
    /// Lets the child go on like <see cref="Resume"/> but does not wait: its next pause or report is read later with
    /// <see cref="NextEvent"/> (a caller that stays to watch the child saves a round trip).
    /// </summary>
    public void Continue(ReadOnlySpan<byte> message = default)
    {
        var r = release ?? throw new InvalidOperationException("the child was not spawned with WaitForRelease, or has executed");
        try { FileIo.Write(r, message.IsEmpty ? [1] : message); }
        catch (ErrnoException e) when (e.Errno == Errno.EPIPE) { } // it died: NextEvent reports how
    }

    /// <summary>Waits for the child's next pause or report (its name), or for execve (null); a failed step throws.</summary>
    public string? NextEvent()
    {
        Span<byte> buf = stackalloc byte[8];
        var got = 0;
        while (got < buf.Length)
        {
            var n = report is null ? 0 : FileIo.Read(report, buf[got..]);
            if (n == 0) break;
            got += n;
        }
        if (got == 0)
        {
            // close-on-exec fired: the program is running (or the child died)
            report?.Dispose();
            report = null;
            FreePlan();
            CloseRelease();
            return null;
        }
        var index = MemoryMarshal.Read<int>(buf);
        var errno = MemoryMarshal.Read<int>(buf[4..]);
        var (syscall, subject) = index >= 0 && index < steps.Count ? steps[index] : ("execve", "no program step");
        if (errno == -1 && got == buf.Length) return subject ?? syscall;
        CloseRelease();
        WaitForExit();
        throw new ErrnoException(syscall, errno, subject);
    }

    /// <summary>Drops the release pipe of a child past its last pause (disposing would otherwise wait for it to exit).</summary>
    public void CloseRelease()
    {
        release?.Dispose();
        release = null;
    }

    internal void AwaitExec()
    {
        if (NextEvent() is { } pause) throw new InvalidOperationException($"the child paused at {pause} without WaitForRelease");
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
        FreePlan();
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
