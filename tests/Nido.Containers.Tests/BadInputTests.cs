using System.Text.Json.Nodes;

namespace Nido.Containers.Tests;

/// <summary>Invalid bundles get one clear error line and leave no state, mount or process behind.</summary>
public class BadInputTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { """c["ociVersion"] = "2.0.0";""", "unknown ociVersion \"2.0.0\"" },
        { """c["process"]!["args"] = new JsonArray();""", "config.json: process.args must not be empty" },
        { """mount:relative""", "must be an absolute path" },
        { """c["root"]!["path"] = "missing";""", "does not exist" },
        { """ns:bogus""", "unknown namespace type \"bogus\"" },
        { """cap:CAP_FLY""", "unknown capability \"CAP_FLY\"" },
        { """c["process"]!["args"] = new JsonArray("/no/such/prog");""", "no such file or directory" },
        { """mount:badfs""", "ENODEV" },
        { """mount:under-opaque""", "whose contents cannot be checked" },
        { """seccomp:SCMP_ACT_NOPE""", "unknown action \"SCMP_ACT_NOPE\"" },
        { """sysctl:kernel.pid_max""", "sysctl \"kernel.pid_max\" is not in a separate kernel namespace" },
        { """sysctl:net-without-netns""", "sysctl \"net.ipv4.ip_forward\" is not allowed in the host's network namespace" },
        { """sysctl:kernel/../x""", "is not a sysctl name" },
    };

    [Fact]
    public void Without_proc_create_fails_up_front_and_run_still_works()
    {
        // `start` reaches the waiting init through /proc/self/fd of a fifo: with no /proc in the container that
        // reopen would fail after create had returned, leaving a dead container with no message (runc also fails
        // create here). `run` needs no fifo.
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("echo", "hi");
        using var root = new RuntimeRoot();
        bundle.Edit(c =>
        {
            var mounts = (JsonArray)c["mounts"]!;
            foreach (var m in mounts.Where(m => (string?)m!["destination"] == "/proc").ToList()) mounts.Remove(m);
            c["linux"]!.AsObject().Remove("maskedPaths");
            c["linux"]!.AsObject().Remove("readonlyPaths");
        });
        root.AssertCreateFails(bundle, "noproc", "`start` needs /proc mounted in the container");
        var r = root.Oci("run", "--bundle", bundle.Dir, "noproc");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("hi\n", r.Out);
        root.AssertNoLeftovers(bundle);
    }

    [Fact]
    public void A_program_that_cannot_execute_is_the_error_of_run()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("/not-a-program");
        using var root = new RuntimeRoot();
        File.WriteAllText(Path.Combine(bundle.Rootfs, "not-a-program"), "data, not a program"); // no x bit: execve says EACCES
        var r = root.Oci("run", "--bundle", bundle.Dir, "noexec");
        Assert.NotEqual(0, r.Code);
        Assert.Contains("exec failed", r.Err);
        Assert.Contains("EACCES", r.Err);
        root.AssertNoLeftovers(bundle);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_rejected_cleanly(string edit, string expected)
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("true");
        using var root = new RuntimeRoot();
        bundle.Edit(c =>
        {
            switch (edit)
            {
                case "mount:relative": ((JsonArray)c["mounts"]!).Add(new JsonObject { ["destination"] = "relative", ["type"] = "tmpfs" }); break;
                case "mount:under-opaque": // a symlink inside an overlay or disk filesystem would be followed from the host's root
                    ((JsonArray)c["mounts"]!).Add(new JsonObject { ["destination"] = "/data", ["type"] = "overlay", ["source"] = "overlay", ["options"] = new JsonArray("lowerdir=/nonexistent") });
                    ((JsonArray)c["mounts"]!).Add(new JsonObject { ["destination"] = "/data/sub", ["type"] = "tmpfs", ["source"] = "tmpfs" });
                    break;
                case "mount:badfs": ((JsonArray)c["mounts"]!).Add(new JsonObject { ["destination"] = "/x", ["type"] = "nosuchfs", ["source"] = "x" }); break;
                case "ns:bogus": ((JsonArray)c["linux"]!["namespaces"]!).Add(new JsonObject { ["type"] = "bogus" }); break;
                case "cap:CAP_FLY": ((JsonArray)c["process"]!["capabilities"]!["bounding"]!).Add("CAP_FLY"); break;
                case "seccomp:SCMP_ACT_NOPE": c["linux"]!["seccomp"] = new JsonObject { ["defaultAction"] = "SCMP_ACT_NOPE" }; break;
                case "sysctl:kernel.pid_max": c["linux"]!["sysctl"] = new JsonObject { ["kernel.pid_max"] = "4096" }; break;
                case "sysctl:kernel/../x": c["linux"]!["sysctl"] = new JsonObject { ["kernel/../x"] = "1" }; break;
                case "sysctl:net-without-netns":
                    var namespaces = (JsonArray)c["linux"]!["namespaces"]!;
                    foreach (var ns in namespaces.Where(n => (string?)n!["type"] == "network").ToList()) namespaces.Remove(ns);
                    c["linux"]!["sysctl"] = new JsonObject { ["net.ipv4.ip_forward"] = "1" };
                    break;
                case var code when code.StartsWith("c[\"ociVersion\"]"): c["ociVersion"] = "2.0.0"; break;
                case var code when code.Contains("new JsonArray()"): c["process"]!["args"] = new JsonArray(); break;
                case var code when code.Contains("missing"): c["root"]!["path"] = "missing"; break;
                case var code when code.Contains("/no/such/prog"): c["process"]!["args"] = new JsonArray("/no/such/prog"); break;
            }
        });
        root.AssertCreateFails(bundle, "bad", expected);
        Assert.DoesNotContain(Directory.GetDirectories("/proc"), d => int.TryParse(Path.GetFileName(d), out _) && SafeRead($"{d}/environ").Contains(root.Path));
    }

    [Fact]
    public void Malformed_json_names_the_file_and_position()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("true");
        using var root = new RuntimeRoot();
        File.WriteAllText(Path.Combine(bundle.Dir, "config.json"), "{\"ociVersion\": \"1.0.0\", \"process\": ");
        var r = root.Oci("create", "--bundle", bundle.Dir, "bad");
        Assert.Equal(1, r.Code);
        Assert.Contains("config.json: invalid JSON at $.process", r.Err);
        root.AssertNoLeftovers(bundle);
    }

    [Fact]
    public void Ids_missing_bundles_and_duplicates()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("sleep", "60");
        using var root = new RuntimeRoot();
        Assert.Contains("invalid container id format: a/b", root.Oci("create", "--bundle", bundle.Dir, "a/b").Err);
        Assert.Contains("/nonexistent/config.json: no such file", root.Oci("create", "--bundle", "/nonexistent", "x").Err);
        Assert.Equal(0, root.OciDetached("create", "--bundle", bundle.Dir, "dup").Code);
        Assert.Contains("container with id exists: dup", root.OciDetached("create", "--bundle", bundle.Dir, "dup").Err);
        Assert.Equal(0, root.Oci("delete", "--force", "dup").Code);
        root.AssertNoLeftovers(bundle);
    }

    [Fact]
    public void Errors_are_logged_as_json_lines_for_callers()
    {
        Runtime.RequireRoot();
        using var root = new RuntimeRoot();
        var log = Path.Combine(Path.GetTempPath(), $"nido-log-{Guid.NewGuid():N}.json");
        try
        {
            var r = Runtime.Run("oci", "--root", root.Path, "--log", log, "--log-format", "json", "state", "ghost");
            Assert.Equal(1, r.Code);
            var entry = JsonNode.Parse(File.ReadAllText(log).Trim())!;
            Assert.Equal("error", (string?)entry["level"]);
            Assert.Equal("container ghost does not exist", (string?)entry["msg"]);
            Assert.NotNull(entry["time"]);
        }
        finally { File.Delete(log); }
    }

    private static string SafeRead(string path)
    {
        try { return File.ReadAllText(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }
}

/// <summary>Faults in the runtime itself: what a killed `create` leaves must be gone by the next runtime call.</summary>
public class RuntimeFaultTests
{
    [Fact]
    public void Kill_9_of_create_midway_leaves_nothing_after_the_next_call()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("true");
        var marker = Path.Combine(bundle.Dir, "hook-started");
        // A duration no other test's process sleeps, so the hook is told apart from their `sleep 60`s.
        var duration = $"60.{Random.Shared.Next(100000, 1000000)}";
        bundle.Edit(c => c["hooks"] = System.Text.Json.Nodes.JsonNode.Parse($$"""
            {"createRuntime": [{"path": "/bin/sh", "args": ["sh", "-c", "touch {{marker}}; exec sleep {{duration}}"]}]}
            """));
        using var root = new RuntimeRoot();
        var create = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Runtime.Binary(),
            ["oci", "--root", root.Path, "create", "--bundle", bundle.Dir, "k9"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        for (var i = 0; i < 500 && !File.Exists(marker); i++) Thread.Sleep(10);
        Assert.True(File.Exists(marker), "the createRuntime hook never ran");
        var state = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root.Path, "k9", "state.json")))!;
        var cgroups = state["cgroupPaths"]!.AsObject().Select(kv => (string)kv.Value!).ToList();
        Assert.NotEmpty(cgroups);
        // The init is on record only once complete (it dies with its creator until then): found as create's child.
        var children = File.ReadAllText($"/proc/{create.Id}/task/{create.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        var initPid = children.Single(pid => File.ReadAllText($"/proc/{pid}/cmdline").StartsWith(Runtime.Binary())); // a clone, not yet executed

        for (var i = 0; i < 200 && !HookAlive(duration); i++) Thread.Sleep(10);
        Assert.True(HookAlive(duration), "the hook is not found by its command line");

        create.Kill(); // SIGKILL: no cleanup code of the runtime runs
        create.WaitForExit();
        create.Dispose();
        // The init and the hook die with their parent (parent-death signal).
        for (var i = 0; i < 200 && (Directory.Exists($"/proc/{initPid}") || HookAlive(duration)); i++) Thread.Sleep(10);
        Assert.False(Directory.Exists($"/proc/{initPid}") && !File.ReadAllText($"/proc/{initPid}/stat").Contains(") Z "), "the init outlived create");
        Assert.False(HookAlive(duration), "the hook outlived create");

        var list = root.Oci("list", "-q");
        Assert.Equal(0, list.Code);
        Assert.Equal("", list.Out.Trim());
        root.AssertNoLeftovers(bundle);
        Assert.All(cgroups, dir => Assert.False(Directory.Exists(dir), $"cgroup {dir} left behind"));
    }

    private static bool HookAlive(string duration) => Directory.GetDirectories("/proc").Any(d =>
    {
        try { return File.ReadAllText(Path.Combine(d, "cmdline")) == $"sleep\0{duration}\0"; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    });
}
