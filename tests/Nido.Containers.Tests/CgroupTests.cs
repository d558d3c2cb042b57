using System.Text.Json.Nodes;
using Nido.Cgroups;

namespace Nido.Containers.Tests;

/// <summary>Limits, update, pause/resume and cleanup, checked in the host's cgroup files (v1 or v2, whichever this host has).</summary>
public class CgroupTests
{
    [Fact]
    public void Limits_update_pause_resume_and_removal()
    {
        Runtime.RequireRoot();
        var layout = CgroupLayout.DetectSelf();
        Assert.SkipWhen(layout.Mode == CgroupMode.None, "no cgroup filesystem on this host");
        using var bundle = Bundle.Create("sleep", "60");
        using var root = new RuntimeRoot();
        var cgroupsPath = $"/nido-test-{Guid.NewGuid():N}";
        bundle.Edit(c =>
        {
            c["linux"]!["cgroupsPath"] = cgroupsPath;
            c["linux"]!["resources"] = JsonNode.Parse("""
                {"memory": {"limit": 67108864}, "pids": {"limit": 32}, "cpu": {"shares": 512, "quota": 50000, "period": 100000},
                 "devices": [{"allow": false, "access": "rwm"}]}
                """);
        });
        root.RunDetached(bundle, "limits");
        var paths = new CgroupPaths(layout, cgroupsPath);
        Assert.Equal("67108864", paths.Read("memory", "memory.limit_in_bytes", "memory.max"));
        Assert.Equal("32", paths.Read("pids", "pids.max", "pids.max"));
        Assert.Equal(layout.Mode == CgroupMode.Unified ? "50000 100000" : "50000", paths.Read("cpu", "cpu.cfs_quota_us", "cpu.max"));
        var pid = (int)JsonNode.Parse(root.Oci("state", "limits").Out)!["pid"]!;
        Assert.Contains(pid.ToString(), paths.Read("pids", "cgroup.procs", "cgroup.procs")!.Split('\n'));

        Assert.Equal(0, root.Oci("update", "--memory", "128m", "--pids-limit", "64", "limits").Code);
        Assert.Equal("134217728", paths.Read("memory", "memory.limit_in_bytes", "memory.max"));
        Assert.Equal("64", paths.Read("pids", "pids.max", "pids.max"));
        var bad = root.Oci("update", "--memory", "lots", "limits");
        Assert.Equal(1, bad.Code);
        Assert.Contains("--memory: invalid size \"lots\"", bad.Err);

        Assert.Equal(0, root.Oci("pause", "limits").Code);
        Assert.Equal("paused", (string?)JsonNode.Parse(root.Oci("state", "limits").Out)!["status"]);
        Assert.Equal(0, root.Oci("resume", "limits").Code);
        Assert.Equal("running", (string?)JsonNode.Parse(root.Oci("state", "limits").Out)!["status"]);
        Assert.Contains("container not paused", root.Oci("resume", "limits").Err);

        Assert.Equal(0, root.Oci("delete", "--force", "limits").Code);
        Assert.False(paths.Exists(), "the container's cgroups must be removed on delete");
        root.AssertNoLeftovers(bundle);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_init_its_children_and_exec_processes_are_in_the_container_cgroup_of_every_hierarchy(bool userNamespace)
    {
        // The init joins its v1 cgroups itself (a "0" written to each tasks file) unless a user namespace makes it wait
        // for the runtime to move it; an exec'd process joins the same way. Either way: every hierarchy, every process.
        Runtime.RequireRoot();
        var layout = CgroupLayout.DetectSelf();
        Assert.SkipWhen(layout.Mode == CgroupMode.None, "no cgroup filesystem on this host");
        using var bundle = Bundle.Create("sh", "-c", "sleep 60 & wait");
        using var root = new RuntimeRoot();
        var cgroupsPath = $"/nido-test-{Guid.NewGuid():N}";
        bundle.Edit(c =>
        {
            c["linux"]!["cgroupsPath"] = cgroupsPath;
            c["linux"]!["resources"] = JsonNode.Parse("""{"pids": {"limit": 20}, "devices": [{"allow": false, "access": "rwm"}]}""");
            if (!userNamespace) return;
            ((JsonArray)c["linux"]!["namespaces"]!).Add(new JsonObject { ["type"] = "user" });
            c["linux"]!["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 0, ["size"] = 65536 });
            c["linux"]!["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 0, ["size"] = 65536 });
        });
        root.RunDetached(bundle, "members");
        var init = (int)JsonNode.Parse(root.Oci("state", "members").Out)!["pid"]!;
        var exec = root.Oci("exec", "members", "sh", "-c", "cat /proc/self/cgroup; echo $$ > /tmp/exec-pid; cat /proc/$$/cgroup >/dev/null");
        Assert.True(exec.Code == 0, exec.Err);
        // With the container's cgroup namespace the container sees "/" for its own cgroups.
        Assert.All(exec.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.EndsWith(":/", l));
        var child = int.Parse(File.ReadAllText($"/proc/{init}/task/{init}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
        var execd = root.OciDetached("exec", "-d", "members", "sleep", "60");
        Assert.True(execd.Code == 0, execd.Err);
        var members = File.ReadAllLines(new CgroupPaths(layout, cgroupsPath).PathOf("pids", "cgroup.procs", "cgroup.procs")).Select(int.Parse).ToList();
        Assert.Contains(init, members);
        Assert.Contains(child, members);
        Assert.Equal(3, members.Count); // the exec'd sleep too
        // Every hierarchy: each member's /proc/PID/cgroup names the container's cgroup on every line that has a controller.
        foreach (var pid in members)
            foreach (var line in File.ReadAllLines($"/proc/{pid}/cgroup"))
                if (line.Split(':', 3) is [_, var names, var path] && (names.Length > 0 || layout.Mode == CgroupMode.Unified))
                    Assert.True(path == cgroupsPath, $"pid {pid} ({(pid == init ? "init" : pid == child ? "its child" : "exec")}): {line}");
        Assert.Equal(0, root.Oci("delete", "--force", "members").Code);
        Assert.False(new CgroupPaths(layout, cgroupsPath).Exists());
        root.AssertNoLeftovers(bundle);
    }

    [Fact]
    public void Memory_limit_is_enforced_by_the_kernel()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("sh", "-c", "dd if=/dev/zero of=/dev/shm/fill bs=1M count=48 2>/dev/null; echo rc=$?");
        using var root = new RuntimeRoot();
        bundle.Edit(c => c["linux"]!["resources"] = JsonNode.Parse("""{"memory": {"limit": 16777216, "swap": 16777216}}"""));
        var r = root.Oci("run", "--bundle", bundle.Dir, "oom");
        // 48 MiB of shm under a 16 MiB limit (no swap): the kernel's OOM killer kills dd, the shell reports it.
        Assert.Equal("rc=137\n", r.Out);
        root.AssertNoLeftovers(bundle);
    }

    [Fact]
    public void A_failing_cgroup_setting_fails_create_and_leaves_nothing()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("true");
        using var root = new RuntimeRoot();
        var cgroupsPath = $"/nido-test-{Guid.NewGuid():N}";
        bundle.Edit(c =>
        {
            c["linux"]!["cgroupsPath"] = cgroupsPath;
            c["linux"]!["resources"] = JsonNode.Parse("""{"memory": {"swappiness": 500}}""");
        });
        root.AssertCreateFails(bundle, "badcg", "swappiness 500");
        Assert.False(new CgroupPaths(CgroupLayout.DetectSelf(), cgroupsPath).Exists());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parent_cgroups_create_made_for_a_nested_path_go_with_delete(bool failingCreate)
    {
        Runtime.RequireRoot();
        var layout = CgroupLayout.DetectSelf();
        Assert.SkipWhen(layout.Mode == CgroupMode.None, "no cgroup filesystem on this host");
        using var bundle = Bundle.Create("true");
        using var root = new RuntimeRoot();
        var top = $"/nido-test-{Guid.NewGuid():N}";
        bundle.Edit(c =>
        {
            c["linux"]!["cgroupsPath"] = $"{top}/pod/container";
            if (failingCreate) c["linux"]!["resources"] = JsonNode.Parse("""{"memory": {"swappiness": 500}}""");
        });
        if (failingCreate) root.AssertCreateFails(bundle, "nested", "swappiness 500");
        else
        {
            var r = root.Oci("run", "--bundle", bundle.Dir, "nested");
            Assert.True(r.Code == 0, r.Err);
            root.AssertNoLeftovers(bundle);
        }
        Assert.False(new CgroupPaths(layout, top).Exists(), $"{top} and {top}/pod were made by create and must be removed");
    }
}

/// <summary>Where a cgroupsPath lives on this host, per controller (v1) or once (v2).</summary>
internal sealed class CgroupPaths(CgroupLayout layout, string cgroupsPath)
{
    private string Dir(string v1Controller) => layout.Mode == CgroupMode.Unified
        ? Path.Combine(layout.UnifiedMountPoint!, cgroupsPath.TrimStart('/'))
        : Path.Combine(layout.V1Controllers[v1Controller], cgroupsPath.TrimStart('/'));

    public string? Read(string v1Controller, string v1File, string v2File)
    {
        var file = Path.Combine(Dir(v1Controller), layout.Mode == CgroupMode.Unified ? v2File : v1File);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    public string PathOf(string v1Controller, string v1File, string v2File) =>
        Path.Combine(Dir(v1Controller), layout.Mode == CgroupMode.Unified ? v2File : v1File);

    public bool Exists() => layout.Mode == CgroupMode.Unified
        ? Directory.Exists(Dir(""))
        : layout.V1Controllers.Keys.Any(c => Directory.Exists(Dir(c)));
}
