using System.Text.Json.Nodes;

namespace Nido.Containers.Tests;

/// <summary>create → start → state → kill → delete through the runc-compatible CLI, as podman and containerd drive it.</summary>
public class LifecycleTests
{
    private static JsonObject State(RuntimeRoot root, string id)
    {
        var r = root.Oci("state", id);
        Assert.True(r.Code == 0, r.Err);
        return JsonNode.Parse(r.Out)!.AsObject();
    }

    [Fact]
    public void Create_start_kill_delete()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("sleep", "60");
        using var root = new RuntimeRoot();
        var pidFile = Path.Combine(bundle.Dir, "pid");

        var create = root.OciDetached("create", "--bundle", bundle.Dir, "--pid-file", pidFile, "life");
        Assert.True(create.Code == 0, create.Err);
        var state = State(root, "life");
        Assert.Equal("created", (string?)state["status"]);
        Assert.Equal(int.Parse(File.ReadAllText(pidFile)), (int)state["pid"]!);
        Assert.Equal(bundle.Dir, (string?)state["bundle"]);
        Assert.Equal(Path.Combine(bundle.Dir, "rootfs"), (string?)state["rootfs"]);
        Assert.Equal("1.2.0", (string?)state["ociVersion"]);
        Assert.NotNull(state["created"]);
        Assert.Equal("root", (string?)state["owner"]);
        // The init waits for `start`: the program has not run yet.
        Assert.Contains("nido", File.ReadAllText($"/proc/{(int)state["pid"]!}/cmdline"));

        Assert.Equal(0, root.Oci("start", "life").Code);
        Assert.Equal("running", (string?)State(root, "life")["status"]);
        // `start` returns once the init has seen the fifo; the exec follows a moment later.
        WaitFor(() => File.ReadAllText($"/proc/{(int)state["pid"]!}/cmdline").StartsWith("sleep"));
        var again = root.Oci("start", "life");
        Assert.Equal(1, again.Code);
        Assert.Contains("cannot start an already running container", again.Err);

        var busy = root.Oci("delete", "life");
        Assert.Equal(1, busy.Code);
        Assert.Contains("cannot delete container life that is not stopped: running", busy.Err);

        var list = root.Oci("list", "--format", "json");
        Assert.Equal("life", (string?)JsonNode.Parse(list.Out)![0]!["id"]);
        Assert.Equal("life\n", root.Oci("list", "-q").Out);

        Assert.Equal(0, root.Oci("kill", "life", "KILL").Code);
        WaitFor(() => (string?)State(root, "life")["status"] == "stopped");
        Assert.Equal(0, (int)State(root, "life")["pid"]!);
        var dead = root.Oci("kill", "life", "TERM");
        Assert.Equal(1, dead.Code);
        Assert.Contains("container not running", dead.Err);

        Assert.Equal(0, root.Oci("delete", "life").Code);
        var gone = root.Oci("state", "life");
        Assert.Equal(1, gone.Code);
        Assert.Equal("nido: container life does not exist\n", gone.Err);
        root.AssertNoLeftovers(bundle);
    }

    [Fact]
    public void Run_returns_the_exit_status_and_cleans_up()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("sh", "-c", "echo out; echo err >&2; exit 7");
        using var root = new RuntimeRoot();
        var r = root.Oci("run", "--bundle", bundle.Dir, "exit7");
        Assert.Equal(7, r.Code);
        Assert.Equal("out\n", r.Out);
        Assert.Equal("err\n", r.Err);
        root.AssertNoLeftovers(bundle);
    }

    [Fact]
    public void Run_passes_stdin_through()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("cat");
        using var root = new RuntimeRoot();
        var r = root.OciWithInput("through the container\n", "run", "--bundle", bundle.Dir, "cat");
        Assert.Equal(0, r.Code);
        Assert.Equal("through the container\n", r.Out);
    }

    [Fact]
    public void Delete_force_kills_a_running_container()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("sleep", "60");
        using var root = new RuntimeRoot();
        root.RunDetached(bundle, "forced");
        var pid = (int)State(root, "forced")["pid"]!;
        Assert.Equal(0, root.Oci("delete", "--force", "forced").Code);
        WaitFor(() => !File.Exists($"/proc/{pid}/stat") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "));
        root.AssertNoLeftovers(bundle);
        Assert.Equal(0, root.Oci("delete", "--force", "never-existed").Code);
    }

    [Fact]
    public void Kill_all_reaches_every_process_in_the_container()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("sh", "-c", "trap '' TERM; sleep 60 & sleep 61 & wait");
        using var root = new RuntimeRoot();
        root.RunDetached(bundle, "all");
        Assert.Equal(0, root.Oci("kill", "--all", "all", "9").Code);
        WaitFor(() => (string?)State(root, "all")["status"] == "stopped");
        Assert.Equal(0, root.Oci("delete", "all").Code);
    }

    internal static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            Thread.Sleep(20);
        }
    }
}
