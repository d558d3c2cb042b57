using System.Text.Json.Nodes;

namespace Nido.Containers.Tests;

public class PsAndFeaturesTests
{
    [Fact]
    public void Ps_lists_the_init_and_exec_processes()
    {
        Runtime.RequireRoot();
        using var bundle = Bundle.Create("sleep", "300");
        using var root = new RuntimeRoot();
        root.RunDetached(bundle, "ps1");
        Assert.Equal(0, root.OciDetached("exec", "-d", "ps1", "sleep", "299").Code);
        var json = JsonNode.Parse(root.Oci("ps", "--format", "json", "ps1").Out)!.AsArray().Select(p => (int)p!).ToList();
        Assert.Equal(2, json.Count);
        var table = root.Oci("ps", "ps1", "-o", "pid,args").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("PID COMMAND", string.Join(' ', table[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(3, table.Length);
        Assert.Contains(table, l => l.EndsWith("sleep 299"));
        Assert.Contains("invalid format", root.Oci("ps", "--format", "xml", "ps1").Err);
        Assert.Equal(0, root.Oci("delete", "--force", "ps1").Code);
        root.AssertNoLeftovers(bundle);
    }

    [Fact]
    public void Features_document_describes_the_runtime()
    {
        var r = Runtime.Run("oci", "features");
        Assert.True(r.Code == 0, r.Err);
        var doc = JsonNode.Parse(r.Out)!;
        Assert.Equal("1.2.0", (string?)doc["ociVersionMax"]);
        Assert.Contains("rbind", doc["mountOptions"]!.AsArray().Select(o => (string?)o));
        Assert.True((bool)doc["linux"]!["seccomp"]!["enabled"]!);
        Assert.Contains("SCMP_CMP_MASKED_EQ", doc["linux"]!["seccomp"]!["operators"]!.AsArray().Select(o => (string?)o));
        Assert.Contains("CAP_SYS_ADMIN", doc["linux"]!["capabilities"]!.AsArray().Select(o => (string?)o));
    }
}
