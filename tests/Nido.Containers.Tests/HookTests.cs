using System.Text.Json.Nodes;

namespace Nido.Containers.Tests;

/// <summary>The six OCI hook kinds: when each runs, the state it reads on stdin, failures and timeouts.</summary>
public class HookTests
{
    private static JsonObject Hook(string script, int? timeout = null)
    {
        var hook = new JsonObject { ["path"] = "/bin/sh", ["args"] = new JsonArray("sh", "-c", script) };
        if (timeout is { } t) hook["timeout"] = t;
        return hook;
    }

    [Fact]
    public void Every_kind_runs_with_the_state_on_stdin()
    {
        Runtime.RequireRoot();
        var outDir = Path.Combine(Path.GetTempPath(), $"nido-hooks-{Guid.NewGuid():N}");
        Directory.CreateDirectory(outDir);
        try
        {
            using var bundle = Bundle.Create("true");
            using var root = new RuntimeRoot();
            bundle.Edit(c =>
            {
                ((JsonArray)c["mounts"]!).Add(new JsonObject { ["destination"] = "/hookout", ["type"] = "bind", ["source"] = outDir, ["options"] = new JsonArray("bind") });
                c["hooks"] = new JsonObject
                {
                    ["prestart"] = new JsonArray(Hook($"cat > {outDir}/prestart.json")),
                    ["createRuntime"] = new JsonArray(Hook($"cat > {outDir}/createRuntime.json")),
                    ["createContainer"] = new JsonArray(Hook($"cat > {outDir}/createContainer.json; readlink /proc/self/ns/mnt > {outDir}/createContainer.mnt")),
                    ["startContainer"] = new JsonArray(Hook("cat > /hookout/startContainer.json")), // runs inside the container, after the pivot
                    ["poststart"] = new JsonArray(Hook($"cat > {outDir}/poststart.json")),
                    ["poststop"] = new JsonArray(Hook($"cat > {outDir}/poststop.json")),
                };
            });
            var r = root.Oci("run", "--bundle", bundle.Dir, "hooked");
            Assert.True(r.Code == 0, r.Err);
            JsonNode State(string kind) => JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, kind + ".json")))!;
            foreach (var (kind, status) in new[] { ("prestart", "created"), ("createRuntime", "created"), ("createContainer", "created"), ("startContainer", "created"), ("poststart", "running"), ("poststop", "stopped") })
            {
                Assert.Equal("hooked", (string?)State(kind)["id"]);
                Assert.Equal(status, (string?)State(kind)["status"]);
                Assert.Equal(bundle.Dir, (string?)State(kind)["bundle"]);
            }
            Assert.True((int)State("createRuntime")["pid"]! > 1, "hooks see the init's pid as the host sees it");
            Assert.Equal((int)State("createRuntime")["pid"]!, (int)State("startContainer")["pid"]!);
            Assert.NotEqual(new FileInfo("/proc/self/ns/mnt").LinkTarget, File.ReadAllText(Path.Combine(outDir, "createContainer.mnt")).Trim());
            root.AssertNoLeftovers(bundle);
        }
        finally { Directory.Delete(outDir, true); }
    }

    [Fact]
    public void A_failing_hook_fails_create_with_its_message_and_leaves_nothing()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("true");
        using var root = new RuntimeRoot();
        bundle.Edit(c => c["hooks"] = new JsonObject { ["createRuntime"] = new JsonArray(Hook("echo boom >&2; exit 3")) });
        root.AssertCreateFails(bundle, "failhook", "createRuntime hook /bin/sh failed: exit code 3: boom");
    }

    [Fact]
    public void A_hanging_hook_times_out()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("true");
        using var root = new RuntimeRoot();
        bundle.Edit(c => c["hooks"] = new JsonObject { ["prestart"] = new JsonArray(Hook("sleep 31; true", timeout: 1)) });
        var started = DateTime.UtcNow;
        root.AssertCreateFails(bundle, "slowhook", "prestart hook /bin/sh: timed out after 1 s");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        // What the hook started dies with it (the shell's sleep is in the hook's process group).
        Assert.DoesNotContain(Directory.GetDirectories("/proc"), d =>
        {
            try { return File.ReadAllText(Path.Combine(d, "cmdline")) == "sleep\u000031\u0000"; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        });
    }

    [Fact]
    public void A_missing_hook_binary_is_named()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("true");
        using var root = new RuntimeRoot();
        bundle.Edit(c => c["hooks"] = new JsonObject { ["createRuntime"] = new JsonArray(new JsonObject { ["path"] = "/no/such/hook" }) });
        root.AssertCreateFails(bundle, "nohook", "createRuntime hook /no/such/hook: execve(/no/such/hook): ENOENT");
    }
}
