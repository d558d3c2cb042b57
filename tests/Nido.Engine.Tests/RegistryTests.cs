using System.Text.Json.Nodes;

namespace Nido.Engine.Tests;

/// <summary>`nido pull` from a real registry (docker-registry, pushed to by skopeo), and a corrupted blob refused.</summary>
public sealed class RegistryTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly Front front = new();

    public void Dispose() => front.Dispose();

    private void Require()
    {
        Front.RequireRoot();
        if (registry.SkipReason is { } why) Assert.Skip(why);
    }

    [Fact]
    public void Pull_then_run_an_image_umoci_built_and_skopeo_pushed()
    {
        Require();
        var pull = front.Nido("pull", registry.Image);
        Assert.True(pull.Code == 0, pull.Err);
        Assert.Contains("Digest: sha256:", pull.Out);
        Assert.Contains("Pull complete", pull.Err);
        var run = front.Nido("run", "--rm", registry.Image);
        Assert.True(run.Code == 0, run.Err);
        Assert.Equal("hello from the registry\n", run.Out);
        Assert.Matches(@$"127\.0\.0\.1:{registry.Port}/test/hello\s+v1\s+[0-9a-f]{{12}}", front.Nido("images").Out);
        // A second pull finds everything in the store.
        Assert.Contains("Already exists", front.Nido("pull", registry.Image).Err);
    }

    [Fact]
    public async Task A_corrupted_blob_is_rejected_and_not_stored()
    {
        Require();
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{registry.Port}/v2/test/hello/manifests/v1");
        request.Headers.Add("Accept", "application/vnd.oci.image.manifest.v1+json");
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var manifest = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var layer = manifest["layers"]![0]!["digest"]!.GetValue<string>();
        var data = registry.BlobData(layer);
        var original = File.ReadAllBytes(data);
        try
        {
            var corrupt = (byte[])original.Clone();
            corrupt[corrupt.Length / 2] ^= 0xff;
            File.WriteAllBytes(data, corrupt);
            var pull = front.Nido("pull", registry.Image);
            Assert.Equal(125, pull.Code);
            Assert.Contains($"blob {layer}: digest mismatch", pull.Err);
            Assert.Equal("", front.Nido("images", "-q").Out);
            Assert.False(File.Exists(Path.Combine(front.Root, "images", "blobs", "sha256", layer[7..])));
            var ingest = Path.Combine(front.Root, "images", "ingest");
            Assert.True(!Directory.Exists(ingest) || Directory.GetFiles(ingest).Length == 0, "a partial download was left in ingest/");
        }
        finally { File.WriteAllBytes(data, original); }
    }

    [Fact]
    public void Save_and_load_round_trip_through_an_oci_archive()
    {
        Require();
        Assert.Equal(0, front.Nido("pull", "-q", registry.Image).Code);
        var tar = Path.Combine(front.Root, "image.tar");
        var save = front.Nido("save", "-o", tar, registry.Image);
        Assert.True(save.Code == 0, save.Err);
        using var other = new Front();
        var load = other.Nido("load", "-i", tar);
        Assert.True(load.Code == 0, load.Err);
        Assert.Contains($"Loaded image: 127.0.0.1:{registry.Port}/test/hello:v1", load.Out);
        Assert.Equal(front.Nido("images", "-q").Out, other.Nido("images", "-q").Out);
        Assert.Equal("hello from the registry\n", other.Nido("run", "--rm", registry.Image).Out);
    }
}
