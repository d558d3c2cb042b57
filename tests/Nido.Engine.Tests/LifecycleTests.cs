namespace Nido.Engine.Tests;

/// <summary>Detached containers: run -d, ps, logs, exec, stop, rm — and what a killed monitor leaves for rm -f.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly Front front = new();

    public void Dispose() => front.Dispose();

    [Fact]
    public void Detached_container_logs_exec_stop_and_rm()
    {
        Front.RequireRoot();
        var run = front.Nido("run", "-d", "--name", "web", "busybox", "sh", "-c", "echo started; echo oops >&2; sleep 100");
        Assert.True(run.Code == 0, run.Err);
        var id = run.Out.Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);
        var ps = front.Nido("ps");
        Assert.Matches(@$"{id[..12]}\s+busybox\s+.*Up .*web", ps.Out);

        string Logs(string stream) => stream == "out" ? front.Nido("logs", "web").Out : front.Nido("logs", "web").Err;
        for (var i = 0; i < 100 && !Logs("out").Contains("started"); i++) Thread.Sleep(50);
        Assert.Equal("started\n", Logs("out"));
        Assert.Equal("oops\n", Logs("err"));

        var exec = front.Nido("exec", "-e", "A=1", "-w", "/tmp", "web", "sh", "-c", "echo $A $(pwd) $(hostname); exit 4");
        Assert.Equal(4, exec.Code);
        Assert.Equal($"1 /tmp {id[..12]}\n", exec.Out);

        var stop = front.Nido("stop", "-t", "1", "web"); // sh as pid 1 ignores SIGTERM: killed after the timeout
        Assert.True(stop.Code == 0, stop.Err);
        Assert.Matches(@"Exited \(137\)", front.Nido("ps", "-a").Out);
        Assert.Empty(front.Nido("ps", "-q").Out);
        Assert.NotEqual(0, front.Nido("exec", "web", "true").Code);
        Assert.Equal(0, front.Nido("rm", "web").Code);
        Assert.Empty(front.ContainerIds());
        front.AssertNoLeftovers();
    }

    [Fact]
    public void Stop_sends_the_stop_signal_first()
    {
        Front.RequireRoot();
        var run = front.Nido("run", "-d", "busybox", "sh", "-c", "trap 'echo bye; exit 0' TERM; while true; do sleep 0.1; done");
        Assert.True(run.Code == 0, run.Err);
        var id = run.Out.Trim();
        Thread.Sleep(300);
        Assert.Equal(0, front.Nido("stop", id[..8]).Code);
        Assert.Matches(@"Exited \(0\)", front.Nido("ps", "-a").Out);
        Assert.Contains("bye", front.Nido("logs", id).Out);
    }

    [Fact]
    public void Rm_of_a_running_container_needs_force()
    {
        Front.RequireRoot();
        var id = front.Nido("run", "-d", "busybox", "sleep", "100").Out.Trim();
        var rm = front.Nido("rm", id);
        Assert.NotEqual(0, rm.Code);
        Assert.Contains("running", rm.Err);
        Assert.Equal(0, front.Nido("rm", "-f", id).Code);
        Assert.Empty(front.ContainerIds());
        front.AssertNoLeftovers();
    }

    [Fact]
    public void A_name_is_taken_once()
    {
        Front.RequireRoot();
        Assert.Equal(0, front.Nido("run", "-d", "--name", "solo", "busybox", "sleep", "100").Code);
        var again = front.Nido("run", "--name", "solo", "busybox", "true");
        Assert.Equal(125, again.Code);
        Assert.Contains("already in use", again.Err);
    }

    [Fact]
    public void Rm_force_cleans_up_after_a_monitor_killed_with_sigkill()
    {
        Front.RequireRoot();
        var id = front.Nido("run", "-d", "busybox", "sleep", "100").Out.Trim();
        var monitor = front.Record(id)["monitorPid"]!.GetValue<int>();
        Assert.True(monitor > 0);
        Front.Exec("/bin/kill", ["-9", monitor.ToString()], null);
        Thread.Sleep(200);
        Assert.Equal(0, front.Nido("rm", "-f", id).Code);
        Assert.Empty(front.ContainerIds());
        front.AssertNoLeftovers();
    }

    [Fact]
    public void Rmi_refuses_an_image_in_use_then_removes_everything()
    {
        Front.RequireRoot();
        Assert.Equal(0, front.Nido("run", "--name", "user", "busybox", "true").Code);
        var refused = front.Nido("rmi", "busybox");
        Assert.NotEqual(0, refused.Code);
        Assert.Contains("user", refused.Err);
        Assert.Equal(0, front.Nido("rm", "user").Code);
        var rmi = front.Nido("rmi", "busybox");
        Assert.True(rmi.Code == 0, rmi.Err);
        Assert.Contains("Untagged: busybox:latest", rmi.Out);
        Assert.Equal("", front.Nido("images", "-q").Out);
        var blobs = Path.Combine(front.Root, "images", "blobs", "sha256");
        Assert.True(!Directory.Exists(blobs) || Directory.GetFiles(blobs).Length == 0);
        Assert.Empty(Directory.GetDirectories(Path.Combine(front.Root, "images", "snapshots")));
    }
}
