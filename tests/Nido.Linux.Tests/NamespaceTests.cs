namespace Nido.Linux.Tests;

public class NamespaceTests
{
    [Fact]
    public void Setns_into_a_uts_namespace_on_one_thread()
    {
        Requires.Root();
        using var holder = ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/sleep", Arguments = ["sleep", "30"], NewNamespaces = NamespaceFlags.Uts, Hostname = "ns-holder" });
        try
        {
            using var uts = Namespaces.Open(holder.Pid, NamespaceFlags.Uts);
            var name = FreshThread.Run(() =>
            {
                Namespaces.Join(uts, NamespaceFlags.Uts);
                var inside = Host.Uname().NodeName;
                Namespaces.SetDomainname("nido.test");
                return inside;
            });
            Assert.Equal("ns-holder", name);
            Assert.NotEqual("ns-holder", Host.Uname().NodeName);
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }

    [Fact]
    public void Setns_into_a_mount_namespace_is_refused_in_a_multithreaded_process_with_a_clear_error()
    {
        Requires.Root();
        using var mnt = Namespaces.Open(Signals.CurrentProcessId, NamespaceFlags.Mount);
        Expect.Errno(() => Namespaces.Join(mnt, NamespaceFlags.Mount), "setns", Errno.EINVAL, "setns(mnt)");
    }

    [Fact]
    public void Sethostname_in_an_unshared_uts_namespace()
    {
        Requires.Root();
        var host = Host.Uname().NodeName;
        var inside = FreshThread.Run(() =>
        {
            Namespaces.Unshare(NamespaceFlags.Uts);
            Namespaces.SetHostname("nido-thread");
            return Host.Uname().NodeName;
        });
        Assert.Equal("nido-thread", inside);
        Assert.Equal(host, Host.Uname().NodeName);
    }

    [Fact]
    public void A_network_namespace_made_on_a_thread_has_lo_up_and_a_child_joins_it()
    {
        Requires.Root();
        SafeFdHandle netns;
        using (var maker = NetworkNamespaceMaker.Start()) netns = maker.Take();
        using (netns)
        {
            var host = new FileInfo("/proc/self/ns/net").LinkTarget;
            Assert.NotEqual(host, new FileInfo($"/proc/self/fd/{netns.Fd}").LinkTarget); // a new one; this thread's is the host's
            Assert.Equal(host, new FileInfo("/proc/thread-self/ns/net").LinkTarget);
            var r = Run.Capture(new SpawnOptions
            {
                Path = "/usr/sbin/ip", Arguments = ["ip", "-o", "link", "show"],
                JoinNamespaces = [new NamespaceJoin(netns, NamespaceFlags.Net)],
            });
            Assert.True(r.Status.Code == 0, r.Stderr);
            var links = r.Stdout.Trim().Split('\n');
            Assert.Single(links); // only loopback
            Assert.Contains(": lo: <LOOPBACK,UP,LOWER_UP>", links[0]);
        }
    }

    [Fact]
    public void A_network_namespace_is_taken_once_and_disposed_if_never_taken()
    {
        Requires.Root();
        using (var maker = NetworkNamespaceMaker.Start())
        {
            maker.Take().Dispose();
            Assert.Throws<InvalidOperationException>(() => maker.Take());
        }
        NetworkNamespaceMaker.Start().Dispose(); // waits for the thread and closes what it made
    }

    [Fact]
    public void Proc_names_and_bad_kinds()
    {
        Assert.Equal("mnt", Namespaces.ProcName(NamespaceFlags.Mount));
        Assert.Equal("cgroup", Namespaces.ProcName(NamespaceFlags.Cgroup));
        Assert.Throws<ArgumentException>(() => Namespaces.ProcName(NamespaceFlags.Mount | NamespaceFlags.Pid));
    }
}
