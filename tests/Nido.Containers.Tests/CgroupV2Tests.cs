namespace Nido.Containers.Tests;

/// <summary>
/// The runtime on a pure cgroup v2 host, whatever this host is: in a private mount namespace the host's cgroup
/// mounts are replaced by one cgroup2 mount at /sys/fs/cgroup (on a hybrid host that is its unified hierarchy,
/// without the controllers v1 holds). There the init and exec'd processes are cloned straight into the
/// container's cgroup (CLONE_INTO_CGROUP), and delete removes it.
/// </summary>
public class CgroupV2Tests
{
    [Fact]
    public void Processes_start_inside_the_v2_cgroup_and_it_is_removed()
    {
        Runtime.RequireRoot();
        Assert.SkipUnless(File.Exists("/usr/bin/unshare"), "unshare (util-linux) is missing");
        var runc = Path.Combine(Path.GetDirectoryName(Runtime.Binary())!, "nido-runc");
        using var bundle = Bundle.Create("sleep", "60");
        using var root = new RuntimeRoot();
        var id = $"v2-{Guid.NewGuid():N}"[..20];
        var script = """
            set -e
            umount -R /sys/fs/cgroup 2>/dev/null || true
            mount -t cgroup2 none /sys/fs/cgroup
            r() { "$RUNC" --root "$ROOT" "$@"; }
            r create --bundle "$BUNDLE" "$ID" </dev/null >/dev/null
            pid=$(r state "$ID" | sed -n 's/.*"pid": \([0-9]*\).*/\1/p')
            echo "init $(grep '^0::' /proc/$pid/cgroup)"
            echo "exec $(r exec "$ID" /bin/busybox cat /proc/self/cgroup | grep '^0::')"
            echo "procs $(wc -l < /sys/fs/cgroup/$ID/cgroup.procs)"
            r delete --force "$ID"
            [ -e "/sys/fs/cgroup/$ID" ] && echo "left /sys/fs/cgroup/$ID" || echo removed
            """;
        var r = Runtime.Exec("/usr/bin/unshare", ["-m", "--propagation", "private", "/bin/bash", "-c", script],
            ("RUNC", runc), ("ROOT", root.Path), ("BUNDLE", bundle.Dir), ("ID", id));
        Assert.True(r.Code == 0, $"exit {r.Code}\n{r.Out}\n{r.Err}");
        // The exec'd process sees the container's cgroup namespace, rooted at the container's cgroup: "/" there is
        // that cgroup (a process outside it would see a path climbing out, "/..").
        Assert.Equal($"init 0::/{id}\nexec 0::/\nprocs 1\nremoved\n", r.Out);
        root.AssertNoLeftovers(bundle);
    }
}
