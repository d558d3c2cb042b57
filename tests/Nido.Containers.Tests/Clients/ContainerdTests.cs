using System.Diagnostics;

namespace Nido.Containers.Tests.Clients;

/// <summary>
/// A private containerd (own root, state and socket; CRI off) driven with `ctr run --runc-binary nido-runc`, so its
/// runc shim (containerd-shim-runc-v2) calls Nido exactly as it calls runc. Containers use --rootfs (no snapshotter).
/// </summary>
public sealed class ContainerdFixture : IDisposable
{
    public const string Namespace = "nidotest";
    public string Dir { get; } = $"/tmp/nido-ctd-{Guid.NewGuid():N}"[..22];
    public string? SkipReason { get; }
    public string Rootfs => bundle!.Rootfs;
    private readonly Process? daemon;
    private readonly Bundle? bundle;
    /// <summary>The runtime puts containers under /NAMESPACE/ID in each hierarchy.</summary>
    private readonly ClientCgroup parentCgroup = new(Namespace);
    private readonly bool runDirExisted = Directory.Exists(RunDir);

    /// <summary>ctr and the shim keep fifos and shim sockets here whatever the daemon's config says.</summary>
    private const string RunDir = "/run/containerd";

    public ContainerdFixture()
    {
        if (Environment.UserName != "root") { SkipReason = "containerd tests need root"; return; }
        if (!File.Exists("/usr/bin/containerd") || !File.Exists("/usr/bin/ctr")) { SkipReason = "containerd is not installed (scripts/setup.sh clients installs it)"; return; }
        Directory.CreateDirectory(Dir);
        File.WriteAllText(Path.Combine(Dir, "config.toml"), $"""
            version = 2
            root = "{Dir}/root"
            state = "{Dir}/state"
            disabled_plugins = ["io.containerd.grpc.v1.cri"]
            [grpc]
              address = "{Dir}/containerd.sock"
            [ttrpc]
              address = "{Dir}/containerd.sock.ttrpc"
            """);
        daemon = Process.Start(new ProcessStartInfo("/usr/bin/containerd", ["--config", Path.Combine(Dir, "config.toml")])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        daemon.OutputDataReceived += (_, _) => { };
        daemon.ErrorDataReceived += (_, _) => { };
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();
        for (var i = 0; i < 100 && Ctr("version").Code != 0; i++) Thread.Sleep(100);
        Assert.True(Ctr("version").Code == 0, "the private containerd did not come up");
        bundle = Bundle.Create("true");
    }

    internal Runtime.Result Ctr(params string[] args) =>
        Runtime.Exec("/usr/bin/ctr", ["--address", Path.Combine(Dir, "containerd.sock"), "--namespace", Namespace, .. args]);

    /// <summary>`ctr run` through Nido; <paramref name="options"/> go before the rootfs and id.</summary>
    internal Runtime.Result Run(string[] options, string id, params string[] command) =>
        Ctr(["run", "--runc-binary", NidoRunc(), "--runc-root", Path.Combine(Dir, "runc"), .. options, "--rootfs", Rootfs, id, .. command]);

    internal static string NidoRunc() => Path.Combine(Path.GetDirectoryName(Runtime.Binary())!, "nido-runc");

    public void Dispose()
    {
        bundle?.Dispose();
        if (daemon is not null)
        {
            daemon.Kill();
            daemon.WaitForExit();
            daemon.Dispose();
        }
        parentCgroup.RemoveIfNew();
        if (!runDirExisted && Directory.Exists(RunDir))
            try { Directory.Delete(RunDir, recursive: true); } catch (IOException) { }
        if (!Directory.Exists(Dir)) return;
        var mounts = File.ReadAllText("/proc/self/mountinfo");
        Directory.Delete(Dir, recursive: true);
        Assert.DoesNotContain(Dir, mounts);
    }
}

public class ContainerdTests(ContainerdFixture containerd) : IClassFixture<ContainerdFixture>
{
    private void Require()
    {
        if (containerd.SkipReason is { } why) Assert.Skip(why);
        Assert.SkipUnless(File.Exists(ContainerdFixture.NidoRunc()), "the nido-runc link is missing next to the native binary");
    }

    private static string NewId() => $"c{Guid.NewGuid():N}"[..12];

    [Fact]
    public void Run_rm_with_the_default_seccomp_profile_and_a_memory_limit()
    {
        Require();
        var id = NewId();
        var r = containerd.Run(["--rm", "--seccomp", "--memory-limit", "33554432"], id, "sh", "-c",
            "grep Seccomp: /proc/self/status; cat /proc/self/cgroup | grep memory; exit 3");
        Assert.Equal(3, r.Code);
        Assert.StartsWith("Seccomp:\t2\n", r.Out);
        Assert.Contains($"/{ContainerdFixture.Namespace}/{id}", r.Out.Replace($"memory:/{ContainerdFixture.Namespace}/{id}", $"/{ContainerdFixture.Namespace}/{id}"));
        Assert.DoesNotContain(id, containerd.Ctr("containers", "ls", "-q").Out);
    }

    [Fact]
    public void Detached_task_exec_ps_kill_and_delete()
    {
        Require();
        var id = NewId();
        var r = containerd.Run(["-d"], id, "sleep", "300");
        Assert.True(r.Code == 0, r.Err);
        try
        {
            var exec = containerd.Ctr("task", "exec", "--exec-id", "e1", id, "sh", "-c", "echo exec-ok; exit 4");
            Assert.Equal(4, exec.Code);
            Assert.Equal("exec-ok\n", exec.Out);
            var ps = containerd.Ctr("task", "ps", id);
            Assert.True(ps.Code == 0, ps.Err);
            Assert.Equal(2, ps.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + the init
            Assert.Contains("RUNNING", containerd.Ctr("task", "ls").Out);
            Assert.Equal(0, containerd.Ctr("task", "kill", "--signal", "KILL", id).Code);
            for (var i = 0; i < 100 && !containerd.Ctr("task", "ls").Out.Contains("STOPPED"); i++) Thread.Sleep(50);
            Assert.Contains("STOPPED", containerd.Ctr("task", "ls").Out);
        }
        finally
        {
            containerd.Ctr("task", "delete", "--force", id);
            containerd.Ctr("containers", "delete", id);
        }
        Assert.DoesNotContain(id, containerd.Ctr("task", "ls").Out);
    }

    [Fact]
    public void Tty_container()
    {
        Require();
        Assert.SkipUnless(File.Exists("/usr/bin/script"), "script(1) (util-linux) is needed to give ctr a terminal");
        var id = NewId();
        var ctr = string.Join(' ', new[] { "/usr/bin/ctr", "--address", Path.Combine(containerd.Dir, "containerd.sock"), "--namespace", ContainerdFixture.Namespace,
            "run", "-t", "--rm", "--runc-binary", ContainerdFixture.NidoRunc(), "--runc-root", Path.Combine(containerd.Dir, "runc"), "--rootfs", containerd.Rootfs, id, "sh", "-c", "'tty; echo tty-ok'" });
        var r = Runtime.Exec("/usr/bin/timeout", "60", "/usr/bin/script", "-qec", ctr, "/dev/null");
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Contains("/dev/pts/0", r.Out);
        Assert.Contains("tty-ok", r.Out);
    }
}
