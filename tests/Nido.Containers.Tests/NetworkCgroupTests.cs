using System.Text.Json.Nodes;
using Nido.Cgroups;

namespace Nido.Containers.Tests;

/// <summary>
/// Runs with no other test: a v1 hierarchy mounted for it shows in every process's /proc/PID/cgroup while it exists,
/// which other tests' containers (not in its cgroup there) would see.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "containers, alone";
}

/// <summary>linux.resources.network on cgroup v1's net_cls and net_prio.</summary>
[Collection(AloneCollection.Name)]
public class NetworkCgroupTests
{
    [Fact]
    public void Net_cls_and_net_prio_take_the_network_resources()
    {
        // v1 only (v2 has no such controllers). This host may not mount them: the test then mounts a hierarchy for
        // both beside the others, in a mount namespace of its own, and runs the runtime there.
        Runtime.RequireRoot();
        var layout = CgroupLayout.DetectSelf();
        Assert.SkipWhen(layout.Mode is CgroupMode.Unified or CgroupMode.None, "net_cls and net_prio are cgroup v1 controllers; this host is " + layout.Describe());
        Assert.SkipUnless(File.ReadAllText("/proc/cgroups").Contains("net_cls"), "this kernel has no net_cls controller");
        using var bundle = Bundle.Create("sleep", "60");
        using var root = new RuntimeRoot();
        var cgroup = $"nido-test-{Guid.NewGuid():N}";
        bundle.Edit(c =>
        {
            c["linux"]!["cgroupsPath"] = "/" + cgroup;
            c["linux"]!["resources"] = JsonNode.Parse("""{"network": {"classID": 1048577, "priorities": [{"name": "lo", "priority": 7}]}}""");
        });
        const string script = """
            set -e
            mount --make-rprivate /
            cg=/sys/fs/cgroup
            made=
            if [ ! -e $cg/net_cls ]; then
              made=1
              old=$(mktemp -d); mount --rbind $cg $old; mount -t tmpfs cgroup $cg
              for d in $(ls $old); do
                if [ -L $old/$d ]; then cp -P $old/$d $cg/$d; else mkdir $cg/$d; mount --rbind $old/$d $cg/$d; fi
              done
              umount -l $old; rmdir $old
              mkdir $cg/net_cls,net_prio; mount -t cgroup -o net_cls,net_prio net_cls,net_prio $cg/net_cls,net_prio
              ln -s net_cls,net_prio $cg/net_cls; ln -s net_cls,net_prio $cg/net_prio
            fi
            "$NIDO" oci --root "$ROOT" run -d --bundle "$BUNDLE" netcls </dev/null >/dev/null
            cat $cg/net_cls/$CGROUP/net_cls.classid
            grep '^lo ' $cg/net_prio/$CGROUP/net_prio.ifpriomap
            "$NIDO" oci --root "$ROOT" delete --force netcls
            test ! -e $cg/net_cls/$CGROUP && echo removed
            if [ -n "$made" ]; then
              # A v1 hierarchy outlives its last mount while a child cgroup is still being released: wait for the
              # container's cgroup to be freed, so unmounting destroys the hierarchy instead of leaving it to the host.
              for i in $(seq 100); do [ "$(awk '$1 == "net_cls" { print $3 }' /proc/cgroups)" = 1 ] && break; sleep 0.05; done
              umount $cg/net_cls,net_prio
            fi
            """;
        var r = Runtime.Exec("/usr/bin/unshare", ["-m", "/bin/sh", "-c", script],
            ("NIDO", Runtime.Binary()), ("ROOT", root.Path), ("BUNDLE", bundle.Dir), ("CGROUP", cgroup));
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("1048577\nlo 7\nremoved\n", r.Out);
    }
}
