using System.Text.Json.Nodes;

namespace Nido.Containers.Tests;

/// <summary>Checks from inside the container, in the style of the OCI runtime-tools validation suite.</summary>
public class IsolationTests
{
    [Fact]
    public void Namespaces_hostname_and_pid_1()
    {
        var host = File.ReadAllText("/proc/sys/kernel/hostname").Trim();
        var r = Runtime.RunInside("echo $$; hostname; readlink /proc/self/ns/net; readlink /proc/self/ns/ipc; readlink /proc/self/ns/cgroup; ls /sys/class/net; cat /sys/class/net/lo/flags",
            c => c["hostname"] = "inside");
        var lines = r.Out.Split('\n');
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("1", lines[0]);
        Assert.Equal("inside", lines[1]);
        Assert.NotEqual(new FileInfo("/proc/self/ns/net").LinkTarget, lines[2]);
        Assert.NotEqual(new FileInfo("/proc/self/ns/ipc").LinkTarget, lines[3]);
        Assert.NotEqual(new FileInfo("/proc/self/ns/cgroup").LinkTarget, lines[4]);
        Assert.Equal("lo", lines[5]); // a new network namespace has only loopback
        Assert.Equal("0x9", lines[6]); // up (IFF_UP | IFF_LOOPBACK), as runc and crun leave it
        Assert.Equal(host, File.ReadAllText("/proc/sys/kernel/hostname").Trim());
    }

    [Fact]
    public void Root_is_pivoted_and_the_host_is_not_visible()
    {
        var r = Runtime.RunInside("ls /; cat /proc/1/mountinfo | grep -c ' / / '; test -e /work && echo HOST-VISIBLE; true");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("bin\n", r.Out);
        Assert.DoesNotContain("HOST-VISIBLE", r.Out);
    }

    [Fact]
    public void Default_devices_and_links()
    {
        var r = Runtime.RunInside("ls -l /dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/tty | cut -c1; readlink /dev/fd; readlink /dev/stdin; readlink /dev/ptmx; echo x > /dev/null && echo null-ok");
        Assert.True(r.Code == 0, r.Err);
        Assert.StartsWith("c\nc\nc\nc\nc\nc\n/proc/self/fd\n/proc/self/fd/0\npts/ptmx\nnull-ok", r.Out);
    }

    [Fact]
    public void Capabilities_no_new_privileges_and_rlimits_follow_the_config()
    {
        var r = Runtime.RunInside("grep -E '^(CapEff|CapBnd|CapPrm|NoNewPrivs)' /proc/self/status; ulimit -n");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("CapPrm:\t0000000020000420", r.Out); // CAP_KILL, CAP_NET_BIND_SERVICE, CAP_AUDIT_WRITE
        Assert.Contains("CapEff:\t0000000020000420", r.Out);
        Assert.Contains("CapBnd:\t0000000020000420", r.Out);
        Assert.Contains("NoNewPrivs:\t1", r.Out);
        Assert.EndsWith("1024\n", r.Out);
    }

    [Fact]
    public void User_groups_cwd_env_and_umask()
    {
        var r = Runtime.RunInside("id -u; id -g; id -G; pwd; echo $GREETING; umask", c =>
        {
            c["process"]!["user"] = new JsonObject { ["uid"] = 1000, ["gid"] = 1001, ["additionalGids"] = new JsonArray(2000, 2001), ["umask"] = 0x3f };
            c["process"]!["cwd"] = "/work/dir";
            ((JsonArray)c["process"]!["env"]!).Add("GREETING=hola");
        });
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("1000\n1001\n1001 2000 2001\n/work/dir\nhola\n0077\n", r.Out);
    }

    [Fact]
    public void Masked_and_read_only_paths()
    {
        var r = Runtime.RunInside("cat /proc/kcore | wc -c; ls /sys/firmware | wc -l; echo 1 > /proc/sys/kernel/ns_last_pid 2>/dev/null && echo WRITABLE; echo done");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("0\n0\ndone\n", r.Out);
    }

    [Fact]
    public void Read_only_root_and_writable_tmpfs_mounts()
    {
        var r = Runtime.RunInside("touch /file 2>/dev/null && echo ROOT-WRITABLE; touch /tmp/x && echo tmp-ok", c =>
        {
            c["root"]!["readonly"] = true;
            ((JsonArray)c["mounts"]!).Add(new JsonObject { ["destination"] = "/tmp", ["type"] = "tmpfs", ["source"] = "tmpfs", ["options"] = new JsonArray("nosuid", "nodev") });
        });
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("tmp-ok\n", r.Out);
    }

    [Fact]
    public void Bind_mounts_read_only_and_read_write()
    {
        var shared = Path.Combine(Path.GetTempPath(), $"nido-shared-{Guid.NewGuid():N}");
        Directory.CreateDirectory(shared);
        File.WriteAllText(Path.Combine(shared, "in"), "from host");
        try
        {
            var r = Runtime.RunInside("cat /ro/in; touch /ro/x 2>/dev/null && echo RO-WRITABLE; echo from container > /rw/out", c =>
            {
                var mounts = (JsonArray)c["mounts"]!;
                mounts.Add(new JsonObject { ["destination"] = "/ro", ["type"] = "bind", ["source"] = shared, ["options"] = new JsonArray("rbind", "ro") });
                mounts.Add(new JsonObject { ["destination"] = "/rw", ["type"] = "bind", ["source"] = shared, ["options"] = new JsonArray("bind", "rw") });
            });
            Assert.True(r.Code == 0, r.Err);
            Assert.Equal("from host", r.Out);
            Assert.Equal("from container\n", File.ReadAllText(Path.Combine(shared, "out")));
        }
        finally { Directory.Delete(shared, true); }
    }

    [Fact]
    public void User_namespace_maps_root_to_an_unprivileged_host_id()
    {
        var r = Runtime.RunInside("id -u; cat /proc/self/uid_map; touch /tmp/owned; stat -c %u /tmp/owned; ip -o link show lo", c =>
        {
            ((JsonArray)c["linux"]!["namespaces"]!).Add(new JsonObject { ["type"] = "user" });
            c["linux"]!["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 100000, ["size"] = 65536 });
            c["linux"]!["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 100000, ["size"] = 65536 });
            ((JsonArray)c["mounts"]!).Add(new JsonObject { ["destination"] = "/tmp", ["type"] = "tmpfs", ["source"] = "tmpfs" });
            // As runc's rootless spec does: bind the host's /sys instead of mounting sysfs.
            foreach (var m in (JsonArray)c["mounts"]!)
                if ((string?)m!["destination"] == "/sys") { m["type"] = "bind"; m["source"] = "/sys"; m["options"] = new JsonArray("rbind", "nosuid", "noexec", "nodev", "ro"); }
            foreach (var m in (JsonArray)c["mounts"]!)
                if ((string?)m!["destination"] == "/sys/fs/cgroup") m["options"] = new JsonArray("nosuid", "noexec", "nodev");
        }, rootfsOwner: "100000:100000"); // an image for a user namespace belongs to the mapped root, as podman prepares it
        Assert.True(r.Code == 0, r.Err);
        var lines = r.Out.Split('\n');
        Assert.Equal("0", lines[0]);
        Assert.Equal(["0", "100000", "65536"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("0", lines[2]);
        Assert.Contains(",UP", lines[3]); // the namespace's root brought its loopback up
    }

    [Fact]
    public void Joins_an_existing_namespace_by_path()
    {
        Runtime.RequireRoot();
        using var holderBundle = Bundle.Create("sleep", "60");
        using var root = new RuntimeRoot();
        holderBundle.Edit(c => c["hostname"] = "holder");
        root.RunDetached(holderBundle, "holder");
        var pid = (int)JsonNode.Parse(root.Oci("state", "holder").Out)!["pid"]!;
        using var bundle = Bundle.Create("hostname");
        bundle.Edit(c =>
        {
            c.Remove("hostname");
            foreach (var ns in (JsonArray)c["linux"]!["namespaces"]!)
                if ((string?)ns!["type"] == "uts") ns["path"] = $"/proc/{pid}/ns/uts";
        });
        var r = root.Oci("run", "--bundle", bundle.Dir, "joiner");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("holder\n", r.Out);
    }

    [Fact]
    public void Without_a_mount_namespace_mounts_go_to_the_runtime_and_delete_takes_them_down()
    {
        // runc's chroot case: the config's mounts and /dev are made under the rootfs in the runtime's namespace.
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("sh", "-c", "ls /dev/null /proc/self/status && sleep 60");
        using var root = new RuntimeRoot();
        bundle.Edit(c =>
        {
            var namespaces = (JsonArray)c["linux"]!["namespaces"]!;
            foreach (var ns in namespaces.Where(n => (string?)n!["type"] == "mount").ToList()) namespaces.Remove(ns);
            c["linux"]!.AsObject().Remove("maskedPaths");
            c["linux"]!.AsObject().Remove("readonlyPaths");
            c["root"]!["readonly"] = false;
        });
        root.RunDetached(bundle, "chrooted");
        var status = JsonNode.Parse(root.Oci("state", "chrooted").Out)!;
        Assert.Equal("running", (string?)status["status"]);
        var pid = (int)status["pid"]!;
        Assert.Equal(new FileInfo("/proc/self/ns/mnt").LinkTarget, new FileInfo($"/proc/{pid}/ns/mnt").LinkTarget);
        var mounts = File.ReadAllText("/proc/self/mountinfo");
        Assert.Contains($"{bundle.Rootfs}/proc ", mounts);
        Assert.Contains($"{bundle.Rootfs}/dev ", mounts);
        Assert.Equal(0, root.Oci("delete", "--force", "chrooted").Code);
        root.AssertNoLeftovers(bundle);

        // A point that is a mount point already would be indistinguishable from the container's at delete.
        Directory.CreateDirectory(Path.Combine(bundle.Rootfs, "proc"));
        Assert.Equal(0, Runtime.Exec("/bin/mount", "-t", "tmpfs", "before", Path.Combine(bundle.Rootfs, "proc")).Code);
        try
        {
            var premounted = root.OciDetached("create", "--bundle", bundle.Dir, "premounted");
            Assert.Equal(1, premounted.Code);
            Assert.Contains($"{bundle.Rootfs}/proc is already a mount point", premounted.Err);
            Assert.Contains($"{bundle.Rootfs}/proc ", File.ReadAllText("/proc/self/mountinfo")); // left as it was
        }
        finally { Runtime.Exec("/bin/umount", Path.Combine(bundle.Rootfs, "proc")); }
        root.AssertNoLeftovers(bundle);

        // Masking or a read-only root would change the host's own mounts: refused, as runc does.
        bundle.Edit(c => c["linux"]!["maskedPaths"] = new JsonArray("/proc/kcore"));
        root.AssertCreateFails(bundle, "masked", "unable to restrict sys entries without a private MNT namespace");
        bundle.Edit(c =>
        {
            c["linux"]!.AsObject().Remove("maskedPaths");
            c["root"]!["readonly"] = true;
        });
        root.AssertCreateFails(bundle, "readonly", "root.readonly needs a mount namespace");
    }

    [Theory]
    [InlineData("unbindable")]
    [InlineData("private")]
    [InlineData("slave")]
    public void Rootfs_propagation_is_what_the_config_asks(string propagation)
    {
        // An unbindable root can only be set once the rootfs is bound and pivoted (runc fails this one).
        var r = Runtime.RunInside("awk '$5 == \"/\"' /proc/self/mountinfo", c => c["linux"]!["rootfsPropagation"] = propagation);
        Assert.True(r.Code == 0, r.Err);
        var fields = r.Out.Split(" - ")[0];
        switch (propagation)
        {
            case "unbindable": Assert.Contains("unbindable", fields); break;
            case "private": Assert.DoesNotContain("shared:", fields); Assert.DoesNotContain("master:", fields); Assert.DoesNotContain("unbindable", fields); break;
            case "slave": Assert.DoesNotContain("shared:", fields); break;
        }
    }

    [Fact]
    public void Sysctls_in_the_container_namespaces_are_set_there()
    {
        var r = Runtime.RunInside("cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmni /proc/sys/kernel/domainname", c =>
            c["linux"]!["sysctl"] = new JsonObject { ["net.ipv4.ip_forward"] = "1", ["kernel.shmmni"] = "1234", ["kernel.domainname"] = "example.org" });
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("1\n1234\nexample.org\n", r.Out);
    }
}
