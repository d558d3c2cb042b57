namespace Nido.Linux;

/// <summary>inotify(7): the kernel's queue of file system events (java.nio's WatchService on Linux).</summary>
public static class Inotify
{
    /// <summary>A new inotify instance (close-on-exec).</summary>
    public static SafeFdHandle Open() => Errors.CheckFd(Interop.inotify_init1(Interop.IN_CLOEXEC), "inotify_init1");

    /// <summary>Watches the NUL-terminated path at <paramref name="path"/> for <paramref name="mask"/>'s events: the watch descriptor.</summary>
    public static unsafe int AddWatch(SafeFdHandle fd, byte* path, uint mask) =>
        Errors.Check(Interop.inotify_add_watch(fd, path, mask), "inotify_add_watch");

    public static void RemoveWatch(SafeFdHandle fd, int wd) => Errors.Check(Interop.inotify_rm_watch(fd, wd), "inotify_rm_watch");

    /// <summary>
    /// Waits without a time limit until <paramref name="a"/> or <paramref name="b"/> is readable: how many are, 0 when
    /// a signal interrupted the wait.
    /// </summary>
    public static unsafe int WaitReadable(SafeFdHandle a, SafeFdHandle b)
    {
        bool addedA = false, addedB = false;
        try
        {
            a.DangerousAddRef(ref addedA);
            b.DangerousAddRef(ref addedB);
            var fds = stackalloc Interop.PollFd[2];
            fds[0] = new Interop.PollFd { fd = a.Fd, events = 1 }; // POLLIN
            fds[1] = new Interop.PollFd { fd = b.Fd, events = 1 };
            var n = Interop.poll(fds, 2, -1);
            if (n >= 0) return n;
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == (int)Errno.EINTR) return 0;
            return Errors.Check(n, "poll");
        }
        finally
        {
            if (addedA) a.DangerousRelease();
            if (addedB) b.DangerousRelease();
        }
    }
}
