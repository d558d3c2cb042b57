namespace Nido.Linux;

[Flags]
public enum EpollEvents : uint
{
    In = 0x001, Pri = 0x002, Out = 0x004, Err = 0x008, Hup = 0x010, RdHup = 0x2000,
    Exclusive = 1u << 28, WakeUp = 1u << 29, OneShot = 1u << 30, EdgeTriggered = 1u << 31,
}

public readonly record struct EpollEvent(EpollEvents Events, ulong Data);

/// <summary>An epoll instance: the event loop under VMM device threads and the runtime's stdio relays.</summary>
public sealed class Epoll : IDisposable
{
    public Epoll() => Handle = Errors.CheckFd(Interop.epoll_create1(Interop.EPOLL_CLOEXEC), "epoll_create1");

    public SafeFdHandle Handle { get; }

    public void Add(SafeFdHandle fd, EpollEvents events, ulong data) => Control(Interop.EPOLL_CTL_ADD, fd, events, data, "EPOLL_CTL_ADD");

    public void Modify(SafeFdHandle fd, EpollEvents events, ulong data) => Control(Interop.EPOLL_CTL_MOD, fd, events, data, "EPOLL_CTL_MOD");

    public void Remove(SafeFdHandle fd) => Control(Interop.EPOLL_CTL_DEL, fd, 0, 0, "EPOLL_CTL_DEL");

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1 = forever); returns how many entries of <paramref name="events"/> were filled. EINTR yields 0.</summary>
    public unsafe int Wait(Span<EpollEvent> events, int timeoutMs)
    {
        var native = stackalloc Interop.EpollEventNative[Math.Min(events.Length, 256)];
        var n = Interop.epoll_wait(Handle, native, Math.Min(events.Length, 256), timeoutMs);
        if (n < 0)
        {
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == (int)Errno.EINTR) return 0;
            Errors.Throw("epoll_wait");
        }
        for (var i = 0; i < n; i++) events[i] = new EpollEvent((EpollEvents)native[i].events, native[i].data);
        return n;
    }

    /// <summary>A new epoll descriptor for a caller that drives it with <see cref="ControlRaw"/> and <see cref="WaitRaw"/>.</summary>
    public static SafeFdHandle CreateRaw() => Errors.CheckFd(Interop.epoll_create1(Interop.EPOLL_CLOEXEC), "epoll_create1");

    /// <summary>epoll_ctl(2) as NIO's EPoll.ctl: 0, or the errno (ENOENT, EEXIST … are the caller's business).</summary>
    public static unsafe int ControlRaw(SafeFdHandle epfd, int op, SafeFdHandle fd, uint events, ulong data)
    {
        var ev = new Interop.EpollEventNative { events = events, data = data };
        return Interop.epoll_ctl(epfd, op, fd, &ev) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    /// <summary>epoll_wait(2) into caller memory of packed 12-byte events: how many, or a negative errno (EINTR not retried).</summary>
    public static unsafe int WaitRaw(SafeFdHandle epfd, nint events, int max, int timeoutMs)
    {
        var n = Interop.epoll_wait(epfd, (Interop.EpollEventNative*)events, max, timeoutMs);
        return n >= 0 ? n : -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1 = forever, EINTR retried) for <paramref name="fd"/> to become readable.</summary>
    public static bool WaitReadable(SafeFdHandle fd, int timeoutMs)
    {
        using var epoll = new Epoll();
        epoll.Add(fd, EpollEvents.In, 0);
        Span<EpollEvent> events = stackalloc EpollEvent[1];
        var deadline = timeoutMs < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var left = timeoutMs < 0 ? -1 : (int)Math.Max(0, deadline - Environment.TickCount64);
            if (epoll.Wait(events, left) > 0) return true;
            if (left == 0) return false;
        }
    }

    private unsafe void Control(int op, SafeFdHandle fd, EpollEvents events, ulong data, string name)
    {
        var ev = new Interop.EpollEventNative { events = (uint)events, data = data };
        if (Interop.epoll_ctl(Handle, op, fd, &ev) < 0) Errors.Throw("epoll_ctl", $"{name}, {fd}"); // the subject only on failure
    }

    public void Dispose() => Handle.Dispose();
}
