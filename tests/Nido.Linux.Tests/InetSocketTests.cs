namespace Nido.Linux.Tests;

public class InetSocketTests
{
    private static readonly int Loopback = 0x7f000001;

    [Fact]
    public void Tcp_over_loopback_connects_accepts_and_carries_bytes()
    {
        using var server = InetSockets.Create(InetSockets.AF_INET, InetSockets.SOCK_STREAM, out _)!;
        Assert.Equal(0, InetSockets.Bind(server, new Inet4Endpoint(Loopback, 0)));
        Assert.Equal(0, InetSockets.Listen(server, 4));
        Assert.Equal(0, InetSockets.LocalEndpoint(server, out var bound));
        Assert.NotEqual(0, bound.Port);

        using var client = InetSockets.Create(InetSockets.AF_INET, InetSockets.SOCK_STREAM, out _)!;
        Assert.Equal(0, InetSockets.Connect(client, bound));
        using var accepted = InetSockets.Accept(server, out var peer, out _)!;
        Assert.Equal(Loopback, peer.Address);
        Assert.Equal(3, InetSockets.Send(client, "abc"u8, 0));
        Assert.Equal(InetSockets.POLLIN, InetSockets.Poll(accepted, InetSockets.POLLIN, 1000) & InetSockets.POLLIN);
        Assert.Equal(0, InetSockets.Available(accepted, out var ready));
        Assert.Equal(3, ready);
        var buffer = new byte[8];
        Assert.Equal(3, InetSockets.Receive(accepted, buffer, 0));
        Assert.Equal("abc"u8.ToArray(), buffer[..3]);
    }

    [Fact]
    public void Errors_come_back_as_negative_errno()
    {
        using var probe = InetSockets.Create(InetSockets.AF_INET, InetSockets.SOCK_STREAM, out _)!;
        Assert.Equal(0, InetSockets.Bind(probe, new Inet4Endpoint(Loopback, 0)));
        InetSockets.LocalEndpoint(probe, out var taken);
        using var other = InetSockets.Create(InetSockets.AF_INET, InetSockets.SOCK_STREAM, out _)!;
        Assert.Equal(-(int)Errno.EADDRINUSE, InetSockets.Bind(other, taken));
        using var client = InetSockets.Create(InetSockets.AF_INET, InetSockets.SOCK_STREAM, out _)!;
        Assert.Equal(-(int)Errno.ECONNREFUSED, InetSockets.Connect(client, taken)); // bound, not listening
        Assert.Null(InetSockets.ResolveIPv4("no-such-host.invalid", out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Contains(Loopback, InetSockets.ResolveIPv4("localhost", out _)!);
    }

    [Fact]
    public void Interrupt_signal_ends_a_blocked_call_with_EINTR_and_preclose_ends_later_ones()
    {
        using var server = InetSockets.Create(InetSockets.AF_INET, InetSockets.SOCK_STREAM, out _)!;
        InetSockets.Bind(server, new Inet4Endpoint(Loopback, 0));
        InetSockets.Listen(server, 1);
        long thread = 0;
        var started = new ManualResetEventSlim();
        int errno = 0;
        var blocked = new Thread(() =>
        {
            thread = InterruptSignal.CurrentThread();
            started.Set();
            InetSockets.Accept(server, out _, out errno);
        });
        blocked.Start();
        started.Wait(TestContext.Current.CancellationToken);
        // The signal may land before the thread enters accept: repeat until it has returned.
        while (!blocked.Join(50)) InterruptSignal.Signal(thread);
        Assert.Equal((int)Errno.EINTR, errno);

        InetSockets.PreClose(server);
        Assert.Null(InetSockets.Accept(server, out _, out errno));
        Assert.NotEqual((int)Errno.EAGAIN, errno);
    }
}
