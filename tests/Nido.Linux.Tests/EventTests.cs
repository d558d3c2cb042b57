namespace Nido.Linux.Tests;

public class EventTests
{
    [Fact]
    public void Eventfd_counts_and_nonblocking_read_reports_empty()
    {
        using var ev = new EventFd(nonBlocking: true);
        Assert.False(ev.TryRead(out _));
        ev.Signal(2);
        ev.Signal(3);
        Assert.Equal(5UL, ev.Read());
        Assert.False(ev.TryRead(out _));
    }

    [Fact]
    public void Epoll_reports_ready_descriptors_with_their_data()
    {
        using var epoll = new Epoll();
        using var a = new EventFd(nonBlocking: true);
        using var b = new EventFd(nonBlocking: true);
        epoll.Add(a.Handle, EpollEvents.In, 1);
        epoll.Add(b.Handle, EpollEvents.In, 2);
        var events = new EpollEvent[4];
        Assert.Equal(0, epoll.Wait(events, 0));
        b.Signal();
        Assert.Equal(1, epoll.Wait(events, 1000));
        Assert.Equal(new EpollEvent(EpollEvents.In, 2), events[0]);
        epoll.Modify(b.Handle, EpollEvents.Out, 3);
        Assert.Equal(1, epoll.Wait(events, 1000));
        Assert.Equal(3UL, events[0].Data);
        epoll.Remove(b.Handle);
        epoll.Remove(a.Handle);
        Expect.Errno(() => epoll.Remove(a.Handle), "epoll_ctl", Errno.ENOENT, "EPOLL_CTL_DEL");
    }

    [Fact]
    public void Signalfd_receives_a_signal_blocked_on_its_thread()
    {
        var info = FreshThread.Run(() =>
        {
            var mask = Signals.MaskOf(Signals.SIGUSR2);
            var old = Signals.BlockOnThread(mask);
            try
            {
                using var sfd = new SignalFd(mask);
                Signals.SendToThread(Signals.CurrentThreadId, Signals.SIGUSR2);
                return sfd.Read();
            }
            finally { Signals.RestoreThreadMask(old); }
        });
        Assert.Equal(Signals.SIGUSR2, info.Signal);
        Assert.Equal(Signals.CurrentProcessId, info.Pid);
    }

    [Fact]
    public void Signal_names_parse_like_kill()
    {
        Assert.Equal(9, Signals.Parse("KILL"));
        Assert.Equal(9, Signals.Parse("SIGKILL"));
        Assert.Equal(15, Signals.Parse("15"));
        Assert.Equal(15, Signals.Parse("sigterm"));
        Assert.Equal(36, Signals.Parse("RTMIN+2"));
        Assert.Equal(62, Signals.Parse("SIGRTMAX-2"));
        Assert.Equal(6, Signals.Parse("IOT"));
        Assert.Equal("SIGWINCH", Signals.Name(28));
        Assert.Equal("SIGRTMIN+3", Signals.Name(37));
        Assert.Throws<ArgumentException>(() => Signals.Parse("SIGFOO"));
        Assert.Throws<ArgumentException>(() => Signals.Parse("0"));
        Assert.Throws<ArgumentException>(() => Signals.Parse("65"));
    }
}
