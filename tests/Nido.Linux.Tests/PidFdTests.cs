namespace Nido.Linux.Tests;

public class PidFdTests
{
    [Fact]
    public void Opens_signals_and_observes_the_exit_of_a_process_by_pid()
    {
        using var child = ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/sleep", Arguments = ["sleep", "30"] });
        using var pidfd = PidFd.Open(child.Pid);
        Assert.True(PidFd.IsAlive(pidfd));
        Assert.False(PidFd.WaitForExit(pidfd, 50));
        PidFd.SendSignal(pidfd, Signals.SIGKILL);
        Assert.True(PidFd.WaitForExit(pidfd, 10_000));
        Assert.Equal(Signals.SIGKILL, child.WaitForExit().Signal);
        Assert.False(PidFd.IsAlive(pidfd));
    }

    [Fact]
    public void A_missing_process_is_esrch()
    {
        Expect.Errno(() => PidFd.Open(int.MaxValue - 1), "pidfd_open", Errno.ESRCH, $"pid {int.MaxValue - 1}");
    }
}
