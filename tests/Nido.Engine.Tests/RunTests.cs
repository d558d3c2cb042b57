namespace Nido.Engine.Tests;

/// <summary>`nido run` on the built-in busybox image: Docker's flags and their meaning, checked from inside.</summary>
public sealed class RunTests : IDisposable
{
    private readonly Front front = new();

    public void Dispose() => front.Dispose();

    private Front.Result Run(params string[] args)
    {
        Front.RequireRoot();
        return front.Nido(["run", "--rm", .. args]);
    }

    [Fact]
    public void Busybox_is_built_in_and_runs_offline()
    {
        var r = Run("busybox", "echo", "hi");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("hi\n", r.Out);
        Assert.Empty(front.ContainerIds()); // --rm
        var images = front.Nido("images");
        Assert.Matches(@"busybox\s+latest\s+[0-9a-f]{12}", images.Out);
    }

    [Fact]
    public void The_exit_code_is_the_programs_and_127_when_not_found()
    {
        Assert.Equal(7, Run("busybox", "sh", "-c", "exit 7").Code);
        var missing = Run("busybox", "/no/such/program");
        Assert.Equal(127, missing.Code);
        Assert.Contains("/no/such/program", missing.Err);
    }

    [Fact]
    public void Env_workdir_hostname_user_and_entrypoint()
    {
        var r = Run("-e", "FOO=bar", "-w", "/tmp", "--hostname", "nest", "-u", "nobody", "busybox", "sh", "-c", "echo $FOO $(pwd) $(hostname) $(id -u) $HOME");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("bar /tmp nest 65534 /home\n", r.Out);
        var e = Run("--entrypoint", "/bin/echo", "busybox", "from", "entrypoint");
        Assert.Equal("from entrypoint\n", e.Out);
    }

    [Fact]
    public void Volumes_bind_read_write_and_read_only()
    {
        var dir = Path.Combine(front.Root, "vol");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "in"), "host\n");
        var r = Run("-v", $"{dir}:/data", "-v", $"{dir}:/ro:ro", "busybox", "sh", "-c", "cat /data/in; echo c > /data/out; echo x > /ro/x 2>/dev/null || echo refused");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("host\nrefused\n", r.Out);
        Assert.Equal("c\n", File.ReadAllText(Path.Combine(dir, "out")));
        Assert.False(File.Exists(Path.Combine(dir, "x")));
    }

    [Fact]
    public void Memory_cpus_and_pids_limits_reach_the_cgroup()
    {
        var r = Run("--memory", "64m", "--cpus", "0.5", "--pids-limit", "20", "busybox", "sh", "-c",
            "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max;" +
            "cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max;" +
            "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null || cut -d' ' -f1 /sys/fs/cgroup/cpu.max");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("67108864\n20\n50000\n", r.Out);
    }

    [Fact]
    public void Network_none_has_only_loopback_up_and_host_shares_the_hosts()
    {
        var none = Run("busybox", "sh", "-c", "ls /sys/class/net; cat /sys/class/net/lo/operstate /sys/class/net/lo/flags");
        Assert.True(none.Code == 0, none.Err);
        var lines = none.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("lo", lines[0]);
        Assert.True((Convert.ToInt32(lines[^1], 16) & 1) == 1, $"lo is not up: {none.Out}");
        var host = Run("--network", "host", "busybox", "ls", "/sys/class/net");
        Assert.True(host.Code == 0, host.Err);
        Assert.Equal(Directory.GetDirectories("/sys/class/net").Length, host.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Interactive_stdin_and_a_terminal()
    {
        Front.RequireRoot();
        var i = front.NidoWithInput("echo from-stdin\nexit 5\n", "run", "--rm", "-i", "busybox", "sh");
        Assert.Equal(5, i.Code);
        Assert.Equal("from-stdin\n", i.Out);
        var t = front.NidoInTerminal("run", "--rm", "-t", "busybox", "sh", "-c", "tty; echo $TERM");
        Assert.True(t.Code == 0, t.Out + t.Err);
        Assert.Contains("/dev/pts/0", t.Out);
        Assert.Contains("xterm", t.Out);
    }

    [Fact]
    public void The_copy_snapshotter_works_where_overlayfs_is_not_used()
    {
        Front.RequireRoot();
        var r = front.NidoWithEnv([("NIDO_SNAPSHOTTER", "copy")], "run", "--rm", "busybox", "sh", "-c", "echo changed > /etc/motd; cat /etc/motd");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("changed\n", r.Out);
    }

    [Fact]
    public void Each_container_has_its_own_writable_layer()
    {
        Front.RequireRoot();
        Assert.Equal(0, front.Nido("run", "--name", "one", "busybox", "sh", "-c", "echo mine > /etc/note").Code);
        var two = front.Nido("run", "--rm", "busybox", "cat", "/etc/note");
        Assert.NotEqual(0, two.Code);
        var ps = front.Nido("ps", "-a");
        Assert.Matches(@"Exited \(0\).*one", ps.Out);
        Assert.Equal(0, front.Nido("rm", "one").Code);
    }
}
