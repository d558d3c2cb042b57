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
    public void Proc_names_and_bad_kinds()
    {
        Assert.Equal("mnt", Namespaces.ProcName(NamespaceFlags.Mount));
        Assert.Equal("cgroup", Namespaces.ProcName(NamespaceFlags.Cgroup));
        Assert.Throws<ArgumentException>(() => Namespaces.ProcName(NamespaceFlags.Mount | NamespaceFlags.Pid));
    }
}
