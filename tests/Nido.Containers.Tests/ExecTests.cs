using System.Text.Json.Nodes;

namespace Nido.Containers.Tests;

/// <summary>`exec`: another process in a running container, checked from inside.</summary>
public class ExecTests
{
    private static (Bundle Bundle, RuntimeRoot Root) Running(Action<JsonObject>? edit = null)
    {
        Runtime.RequireRoot();
        var bundle = Bundle.Create("sleep", "300");
        edit?.Invoke(bundle.Config);
        bundle.Edit(_ => { });
        var root = new RuntimeRoot();
        root.RunDetached(bundle, "ex");
        return (bundle, root);
    }

    [Fact]
    public void Joins_the_namespaces_and_cgroups_of_the_init()
    {
        var (bundle, root) = Running(c => c["hostname"] = "exechost");
        using (bundle)
        using (root)
        {
            var init = Runtime.Exec("/bin/cat", $"/proc/{root.Oci("state", "ex").Out.Split("\"pid\":")[1].Split(',')[0].Trim()}/cgroup").Out;
            var r = root.Oci("exec", "ex", "sh", "-c", "echo $$; hostname; tr '\\0' ' ' < /proc/1/cmdline; echo; cat /proc/self/cgroup; readlink /proc/self/ns/mnt");
            Assert.True(r.Code == 0, r.Err);
            var lines = r.Out.Split('\n');
            Assert.NotEqual("1", lines[0]); // pid 1 is the init
            Assert.Equal("exechost", lines[1]);
            Assert.Equal("sleep 300 ", lines[2]); // pid 1 of its pid namespace is the init
            Assert.Contains(":/\n", r.Out); // the cgroup namespace is rooted at the container's cgroup
            Assert.NotEqual(new FileInfo("/proc/self/ns/mnt").LinkTarget, lines[^2]);
            Assert.DoesNotContain(":/\n", init.Replace("0::/\n", "")); // from the host, the container's cgroups have a path
            Assert.Equal(0, root.Oci("delete", "--force", "ex").Code);
            root.AssertNoLeftovers(bundle);
        }
    }

    [Fact]
    public void Flags_set_user_cwd_env_and_caps_and_the_exit_status_comes_back()
    {
        var (bundle, root) = Running();
        using (bundle)
        using (root)
        {
            var r = root.Oci("exec", "-u", "1000:1001", "-g", "7", "--cwd", "/tmp", "-e", "FOO=bar", "-e", "PATH=/bin", "--cap", "CAP_CHOWN", "ex",
                "sh", "-c", "id; pwd; echo $FOO; grep -E '^(CapEff|CapBnd)' /proc/self/status; exit 3");
            Assert.Equal(3, r.Code);
            Assert.StartsWith("uid=1000 gid=1001 groups=7\n/tmp\nbar\n", r.Out);
            Assert.Contains("CapBnd:\t0000000020000421", r.Out); // the config's set plus CAP_CHOWN
        }
    }

    [Fact]
    public void A_process_file_replaces_the_command_line()
    {
        var (bundle, root) = Running();
        using (bundle)
        using (root)
        {
            var file = Path.Combine(bundle.Dir, "process.json");
            File.WriteAllText(file, """{"args": ["sh", "-c", "echo from-file; umask"], "cwd": "/", "env": ["PATH=/bin"], "user": {"uid": 0, "gid": 0, "umask": 63}}""");
            var r = root.Oci("exec", "--process", file, "ex");
            Assert.True(r.Code == 0, r.Err);
            Assert.Equal("from-file\n0077\n", r.Out);
        }
    }

    [Fact]
    public void Detached_exec_writes_the_pid_file_and_keeps_running()
    {
        var (bundle, root) = Running();
        using (bundle)
        using (root)
        {
            var pidFile = Path.Combine(bundle.Dir, "exec.pid");
            var r = root.OciDetached("exec", "-d", "--pid-file", pidFile, "ex", "sleep", "301");
            Assert.True(r.Code == 0, r.Err);
            var pid = int.Parse(File.ReadAllText(pidFile));
            Assert.Contains("sleep\0" + "301", File.ReadAllText($"/proc/{pid}/cmdline"));
            Assert.Equal(0, root.Oci("kill", "--all", "ex", "KILL").Code);
        }
    }

    [Fact]
    public async Task Tty_via_the_console_socket()
    {
        var (bundle, root) = Running();
        using (bundle)
        using (root)
        using (var console = new ConsoleSocket())
        {
            var received = console.ReceiveAsync();
            var r = root.Oci("exec", "-t", "--console-socket", console.Path, "ex", "sh", "-c", "tty; stty size");
            Assert.True(r.Code == 0, r.Err);
            var (master, name) = await received;
            using (master)
            {
                Assert.StartsWith("/dev/pts/", name);
                var shown = ConsoleSocket.ReadAll(master);
                Assert.Contains(name + "\r\n", shown); // the name sent is the one the process sees
                Assert.Contains("24 80", shown);
            }
        }
    }

    [Fact]
    public void Errors_name_the_problem()
    {
        var (bundle, root) = Running();
        using (bundle)
        using (root)
        {
            Assert.Contains("executable file not found in $PATH", root.Oci("exec", "ex", "no-such-program").Err);
            Assert.Contains("container \"nope\" does not exist", root.Oci("exec", "nope", "true").Err.Replace("container nope does not exist", "container \"nope\" does not exist"));
            Assert.Contains("--user \"x\"", root.Oci("exec", "-u", "x", "ex", "true").Err);
            Assert.Contains("cannot allocate tty", root.Oci("exec", "-t", "-d", "ex", "true").Err); // in the foreground -t proxies the pty itself
            Assert.Equal(0, root.Oci("pause", "ex").Code);
            Assert.Contains("cannot exec in a paused container", root.Oci("exec", "ex", "true").Err);
            Assert.Equal(0, root.Oci("resume", "ex").Code);
            Assert.Equal(0, root.Oci("kill", "ex", "KILL").Code);
            for (var i = 0; i < 100 && root.Oci("state", "ex").Out.Contains("running"); i++) Thread.Sleep(20);
            Assert.Contains("cannot exec in a stopped container", root.Oci("exec", "ex", "true").Err);
        }
    }
}
