namespace Nido.Containers.Tests;

/// <summary>process.terminal with --console-socket: the caller gets the pty master, the program a controlling terminal.</summary>
public class ConsoleTests
{
    [Fact]
    public async Task Create_sends_the_master_and_the_init_runs_on_the_slave()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("sh", "-c", "tty; stty size; ps -o pid,tty | sed -n 2p");
        bundle.Edit(c =>
        {
            c["process"]!["terminal"] = true;
            c["process"]!["consoleSize"] = new System.Text.Json.Nodes.JsonObject { ["height"] = 30, ["width"] = 100 };
        });
        using var root = new RuntimeRoot();
        using var console = new ConsoleSocket();
        var received = console.ReceiveAsync();
        var r = root.OciDetached("create", "--bundle", bundle.Dir, "--console-socket", console.Path, "tty1");
        Assert.True(r.Code == 0, r.Err);
        var (master, name) = await received;
        using (master)
        {
            Assert.Equal(0, root.Oci("start", "tty1").Code);
            var shown = ConsoleSocket.ReadAll(master);
            Assert.Contains(name + "\r\n30 100\r\n", shown);
            Assert.Contains("pts/", shown); // the shell has the terminal as its controlling tty
        }
        Assert.Equal(0, root.Oci("delete", "--force", "tty1").Code);
        root.AssertNoLeftovers(bundle);
    }

    [Fact]
    public void Foreground_run_with_a_terminal_proxies_the_pty_itself()
    {
        Runtime.RequireRoot();
        Assert.SkipUnless(File.Exists("/usr/bin/script"), "script(1) is missing (bsdutils)");
        using var bundle = Bundle.Create("sh", "-c", "tty; exit 3");
        bundle.Edit(c => c["process"]!["terminal"] = true);
        using var root = new RuntimeRoot();
        // runc's behaviour without --console-socket in the foreground: it takes the master and copies it to its stdio.
        var r = Runtime.Exec("/usr/bin/script", "-qec", $"{Runtime.Binary()} oci --root {root.Path} run --bundle {bundle.Dir} fg", "/dev/null");
        Assert.Equal(3, r.Code);
        Assert.Contains("/dev/pts/0", r.Out);
        root.AssertNoLeftovers(bundle);
    }

    [Fact]
    public void A_terminal_without_a_console_socket_is_refused()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("true");
        bundle.Edit(c => c["process"]!["terminal"] = true);
        using var root = new RuntimeRoot();
        root.AssertCreateFails(bundle, "t", "cannot allocate tty if runc will detach without setting console socket");
    }
}
