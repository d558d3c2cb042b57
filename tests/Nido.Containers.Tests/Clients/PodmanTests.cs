namespace Nido.Containers.Tests.Clients;

/// <summary>
/// A private podman (its own storage, run root and cgroupfs manager) with Nido as its OCI runtime, on a busybox
/// image imported from a tarball. This host's root lacks CAP_SYS_RESOURCE, hence the ulimit flags on every run.
/// </summary>
public sealed class PodmanFixture : IDisposable
{
    public string Dir { get; } = $"/tmp/nido-pm-{Guid.NewGuid():N}"[..21]; // podman refuses run roots over 50 characters
    public string? SkipReason { get; }
    public const string Image = "localhost/nido-busybox:test";
    /// <summary>podman's cgroupfs manager puts conmon and containers under /libpod_parent.</summary>
    private readonly ClientCgroup parentCgroup = new("libpod_parent");

    public PodmanFixture()
    {
        if (Environment.UserName != "root") { SkipReason = "podman tests need root"; return; }
        if (!File.Exists("/usr/bin/podman")) { SkipReason = "podman is not installed (scripts/setup.sh clients installs it)"; return; }
        Directory.CreateDirectory(Dir);
        using var bundle = Bundle.Create("true");
        var tar = Path.Combine(Dir, "rootfs.tar");
        Assert.Equal(0, Runtime.Exec("/bin/tar", "-C", bundle.Rootfs, "-cf", tar, ".").Code);
        var r = Podman("import", tar, Image);
        Assert.True(r.Code == 0, r.Err);
    }

    internal Runtime.Result Podman(params string[] args) => Runtime.Exec("/usr/bin/podman",
        ["--root", Path.Combine(Dir, "storage"), "--runroot", Path.Combine(Dir, "run"), "--storage-driver", "vfs",
         "--cgroup-manager", "cgroupfs", "--events-backend", "file", "--runtime", NidoRunc(), .. args]);

    /// <summary>`podman run` with the flags this host needs and no network (no CNI/netavark setup in tests).</summary>
    internal Runtime.Result Run(params string[] args) =>
        Podman(["run", "--network", "none", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", .. args]);

    private static string NidoRunc() => Path.Combine(Path.GetDirectoryName(Runtime.Binary())!, "nido-runc");

    public void Dispose()
    {
        if (!Directory.Exists(Dir)) return;
        Podman("rm", "--all", "--force", "--time", "0");
        Podman("system", "reset", "--force");
        var mounts = File.ReadAllText("/proc/self/mountinfo");
        Directory.Delete(Dir, recursive: true);
        parentCgroup.RemoveIfNew();
        Assert.DoesNotContain(Dir, mounts);
    }
}

public class PodmanTests(PodmanFixture podman) : IClassFixture<PodmanFixture>
{
    private void Require()
    {
        if (podman.SkipReason is { } why) Assert.Skip(why);
        Assert.SkipUnless(File.Exists(Path.Combine(Path.GetDirectoryName(Runtime.Binary())!, "nido-runc")), "the nido-runc link is missing next to the native binary");
    }

    [Fact]
    public void Run_rm_prints_and_returns_the_status()
    {
        Require();
        var r = podman.Run("--rm", PodmanFixture.Image, "sh", "-c", "echo hello from $(hostname); exit 7");
        Assert.Equal(7, r.Code);
        Assert.StartsWith("hello from ", r.Out);
        Assert.Equal("", podman.Podman("ps", "-aq").Out.Trim());
    }

    [Fact]
    public void Tty_run_gets_a_terminal()
    {
        Require();
        var r = podman.Run("--rm", "-t", PodmanFixture.Image, "sh", "-c", "tty; echo ok");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("/dev/pts/0", r.Out);
        Assert.Contains("ok", r.Out);
    }

    [Fact]
    public void Detached_container_exec_memory_limit_and_stop()
    {
        Require();
        var name = $"nido-{Guid.NewGuid():N}"[..16];
        var r = podman.Run("-d", "--name", name, "--memory", "64m", "--pids-limit", "40", PodmanFixture.Image, "sleep", "300");
        Assert.True(r.Code == 0, r.Err);
        try
        {
            var limits = podman.Podman("exec", name, "sh", "-c", "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max; cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max");
            Assert.True(limits.Code == 0, limits.Err);
            Assert.Equal("67108864\n40\n", limits.Out);
            var tty = podman.Podman("exec", "-t", name, "tty");
            Assert.True(tty.Code == 0, tty.Err);
            Assert.StartsWith("/dev/pts/", tty.Out);
            Assert.Equal(5, podman.Podman("exec", name, "sh", "-c", "exit 5").Code);
            var stop = podman.Podman("stop", "--time", "1", name);
            Assert.True(stop.Code == 0, stop.Err);
            Assert.Contains("Exited (137)", podman.Podman("ps", "-a", "--filter", $"name={name}").Out); // sleep as pid 1 ignores SIGTERM
        }
        finally
        {
            podman.Podman("rm", "--force", "--time", "0", name);
        }
    }

    [Fact]
    public void Podman_default_seccomp_profile_is_enforced()
    {
        Require();
        // The default profile blocks keyctl-style calls outside the allow list; unshare needs CAP_SYS_ADMIN it lacks.
        var r = podman.Run("--rm", PodmanFixture.Image, "sh", "-c", "grep Seccomp: /proc/self/status");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("Seccomp:\t2\n", r.Out);
        var off = podman.Run("--rm", "--security-opt", "seccomp=unconfined", PodmanFixture.Image, "sh", "-c", "grep Seccomp: /proc/self/status");
        Assert.Equal("Seccomp:\t0\n", off.Out);
    }

    [Fact]
    public void Privileged_gets_the_host_devices_and_keeps_the_ptmx_link()
    {
        // --privileged lists every host device, /dev/ptmx among them: made first, then replaced by the pts/ptmx link.
        Require();
        var r = podman.Run("--rm", "--privileged", PodmanFixture.Image, "sh", "-c",
            "readlink /dev/ptmx; test -c /dev/null && test -c /dev/tty && echo devices; ls /dev | wc -l");
        Assert.True(r.Code == 0, r.Err);
        var lines = r.Out.Split('\n');
        Assert.Equal("pts/ptmx", lines[0]);
        Assert.Equal("devices", lines[1]);
        Assert.True(int.Parse(lines[2]) > 20, $"only {lines[2]} entries in /dev");
    }
}
