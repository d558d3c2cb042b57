using System.Formats.Tar;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Nido.Engine.Tests;

/// <summary>
/// A registry served by the test (HttpListener on 127.0.0.1) that demands Docker's token authentication: /v2/ and
/// every manifest or blob answer 401 with a Bearer challenge until a token from its /token realm is presented. It
/// holds a two-platform index (linux/amd64, linux/arm64) whose image has one zstd-compressed layer.
/// </summary>
public sealed class TokenRegistry : IDisposable
{
    public const string Token = "t0k3n", Service = "fake-registry", Repository = "fake/img";
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, (string Type, byte[] Body)> content = new();
    private readonly Dictionary<string, string> tags = new();
    public int Port { get; }
    public string? SkipReason { get; }
    public int TokenRequests;

    public string Image => $"127.0.0.1:{Port}/{Repository}:1";

    public TokenRegistry()
    {
        if (!File.Exists("/usr/bin/zstd")) { SkipReason = "zstd is not installed (scripts/setup.sh clients installs it)"; return; }
        if (!File.Exists("/bin/busybox")) { SkipReason = "/bin/busybox is missing (busybox-static)"; return; }
        var tar = LayerTar();
        var layer = Zstd(tar);
        var layerDigest = Add("application/vnd.oci.image.layer.v1.tar+zstd", layer);
        var diffId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar));
        var manifests = new List<string>();
        foreach (var arch in new[] { "arm64", "amd64" })
        {
            var config = Encoding.UTF8.GetBytes($$$"""{"architecture":"{{{arch}}}","os":"linux","config":{"Cmd":["/bin/busybox","cat","/hello"]},"rootfs":{"type":"layers","diff_ids":["{{{diffId}}}"]}}""");
            var configDigest = Add("application/vnd.oci.image.config.v1+json", config);
            var manifest = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{configDigest}}}","size":{{{config.Length}}}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":"{{{layerDigest}}}","size":{{{layer.Length}}}}]}""");
            var manifestDigest = Add("application/vnd.oci.image.manifest.v1+json", manifest);
            var variant = arch == "arm64" ? ",\"variant\":\"v8\"" : "";
            manifests.Add($$$"""{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{manifestDigest}}}","size":{{{manifest.Length}}},"platform":{"architecture":"{{{arch}}}","os":"linux"{{{variant}}}}}""");
        }
        var index = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{{string.Join(',', manifests)}}]}""");
        tags["1"] = Add("application/vnd.oci.image.index.v1+json", index);

        Port = RegistryFixture.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = Task.Run(Serve);
    }

    private string Add(string type, byte[] body)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        content[digest] = (type, body);
        return digest;
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            try { Handle(context); }
            catch (Exception) { context.Response.StatusCode = 500; }
            finally { context.Response.Close(); }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        if (path == "/token")
        {
            Interlocked.Increment(ref TokenRequests);
            if (request.QueryString["service"] != Service || request.QueryString["scope"] != $"repository:{Repository}:pull")
            {
                response.StatusCode = 403;
                return;
            }
            Write(response, "application/json", Encoding.UTF8.GetBytes($$"""{"token":"{{Token}}","expires_in":300}"""));
            return;
        }
        if (request.Headers["Authorization"] != $"Bearer {Token}")
        {
            response.StatusCode = 401;
            response.AddHeader("WWW-Authenticate", $"Bearer realm=\"http://127.0.0.1:{Port}/token\",service=\"{Service}\",scope=\"repository:{Repository}:pull\"");
            Write(response, "application/json", """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"""u8.ToArray());
            return;
        }
        if (path == "/v2/") { Write(response, "application/json", "{}"u8.ToArray()); return; }
        var prefix = $"/v2/{Repository}/";
        if (path.StartsWith(prefix + "manifests/") || path.StartsWith(prefix + "blobs/"))
        {
            var reference = path[(path.LastIndexOf('/') + 1)..];
            if (tags.TryGetValue(reference, out var tagged)) reference = tagged;
            if (content.TryGetValue(reference, out var blob))
            {
                response.AddHeader("Docker-Content-Digest", reference);
                Write(response, blob.Type, blob.Body);
                return;
            }
        }
        response.StatusCode = 404;
        Write(response, "application/json", """{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"""u8.ToArray());
    }

    private static void Write(HttpListenerResponse response, string type, byte[] body)
    {
        response.ContentType = type;
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
    }

    private static byte[] LayerTar()
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "bin/") { Mode = (UnixFileMode)0x1ed });
            tar.WriteEntry("/bin/busybox", "bin/busybox");
            using var hello = new MemoryStream("a zstd layer\n"u8.ToArray());
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "hello") { Mode = (UnixFileMode)0x1a4, DataStream = hello });
        }
        return buffer.ToArray();
    }

    private static byte[] Zstd(byte[] data)
    {
        var file = Path.Combine(Path.GetTempPath(), $"nido-zst-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(file, data);
            var r = Front.Exec("/usr/bin/zstd", ["-q", "-f", file, "-o", file + ".zst"], null);
            if (r.Code != 0) throw new InvalidOperationException($"zstd: {r.Err}");
            return File.ReadAllBytes(file + ".zst");
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".zst");
        }
    }

    // Close alone: Stop released the port first, and Close then looked the endpoint up again by binding the port,
    // which fails (EADDRINUSE) when the port was taken meanwhile or its connections linger.
    public void Dispose() => listener.Close();
}
