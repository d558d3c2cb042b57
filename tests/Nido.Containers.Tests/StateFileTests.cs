using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nido.Containers.Tests;

/// <summary>state.json is written by hand; its format stays the one System.Text.Json wrote, so older state loads.</summary>
public sealed partial class StateFileTests
{
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
    [JsonSerializable(typeof(ContainerState))]
    private sealed partial class SerializerFormat : JsonSerializerContext;

    private static readonly ContainerState Full = new()
    {
        Id = "c1", Bundle = "/b/ü \"q\"", Rootfs = "/b/rootfs", InitPid = 4242, InitStartTime = 123456789012, Created = new DateTimeOffset(2026, 11, 23, 4, 5, 6, 789, TimeSpan.Zero).AddTicks(1234),
        Owner = "root", Annotations = new() { ["a.b"] = "c<d>", ["e"] = "" }, CgroupMode = "v1",
        CgroupPaths = new() { ["memory"] = "/sys/fs/cgroup/memory/c1", ["pids"] = "/sys/fs/cgroup/pids/c1" },
        CgroupParents = ["/sys/fs/cgroup/memory/pod/a", "/sys/fs/cgroup/memory/pod"], HostMounts = ["/b/rootfs/proc", "/b/rootfs/dev"],
        Complete = true, CreatorPid = 17, CreatorStartTime = 99,
    };

    [Fact]
    public void The_file_is_what_the_serializer_wrote()
    {
        Assert.Equal(JsonSerializer.Serialize(Full, SerializerFormat.Default.ContainerState), ContainerStateJson.Write(Full));
        var sparse = new ContainerState { Id = "x" };
        Assert.Equal(JsonSerializer.Serialize(sparse, SerializerFormat.Default.ContainerState), ContainerStateJson.Write(sparse));
    }

    [Fact]
    public void It_reads_back_field_for_field()
    {
        var back = ContainerStateJson.Read(ContainerStateJson.Write(Full), "state.json");
        Assert.Equal(JsonSerializer.Serialize(Full, SerializerFormat.Default.ContainerState), JsonSerializer.Serialize(back, SerializerFormat.Default.ContainerState));
        Assert.Equal(Full.Created, back.Created);
    }

    [Fact]
    public void A_corrupt_file_is_named()
    {
        var dir = Directory.CreateTempSubdirectory("nido-state-");
        try
        {
            var store = new StateStore(dir.FullName);
            Directory.CreateDirectory(store.DirectoryOf("c1"));
            File.WriteAllText(Path.Combine(store.DirectoryOf("c1"), StateStore.StateFile), """{"id": "c1", "initPid": "x"}""");
            var e = Assert.Throws<ContainerException>(() => store.Load("c1"));
            Assert.Contains("state.json: corrupt state", e.Message);
            Assert.Contains("$.initPid", e.Message);
        }
        finally { dir.Delete(recursive: true); }
    }
}
