namespace Nido.Engine.Tests;

/// <summary>Images move between Nido and podman: podman loads `nido save`, Nido loads both of podman's save formats.</summary>
public sealed class PodmanInteropTests : IDisposable
{
    private readonly Front front = new();
    private readonly string podmanDir = $"/tmp/nido-pmi-{Guid.NewGuid():N}"[..22];

    public void Dispose()
    {
        if (Directory.Exists(podmanDir))
        {
            Podman("system", "reset", "--force");
            Directory.Delete(podmanDir, recursive: true);
        }
        front.Dispose();
    }

    private Front.Result Podman(params string[] args) => Front.Exec("/usr/bin/podman",
        ["--root", Path.Combine(podmanDir, "s"), "--runroot", Path.Combine(podmanDir, "r"), "--storage-driver", "vfs",
         "--cgroup-manager", "cgroupfs", "--events-backend", "file", .. args], null);

    [Fact]
    public void Archives_cross_both_ways_with_the_same_image_id()
    {
        Front.RequireRoot();
        Assert.SkipUnless(File.Exists("/usr/bin/podman"), "podman is not installed (scripts/setup.sh clients installs it)");
        Directory.CreateDirectory(podmanDir);
        Assert.Equal(0, front.Nido("run", "--rm", "busybox", "true").Code);
        var id = front.Nido("images", "-q").Out.Trim();
        var ours = Path.Combine(podmanDir, "nido.tar");
        Assert.Equal(0, front.Nido("save", "-o", ours, "busybox").Code);
        var load = Podman("load", "-i", ours);
        Assert.True(load.Code == 0, load.Err);
        Assert.Contains(id, Podman("images", "--format", "{{.ID}}").Out);

        foreach (var format in new[] { "docker-archive", "oci-archive" })
        {
            var theirs = Path.Combine(podmanDir, $"{format}.tar");
            Assert.Equal(0, Podman("save", "--format", format, "-o", theirs, "docker.io/library/busybox:latest").Code);
            using var other = new Front();
            var r = other.Nido("load", "-i", theirs);
            Assert.True(r.Code == 0, $"{format}: {r.Err}");
            Assert.Equal(id, other.Nido("images", "-q").Out.Trim());
            Assert.Equal($"{format}\n", other.Nido("run", "--rm", "busybox", "echo", format).Out);
        }
    }
}
