using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Nido.Oci.Image;

namespace Nido.Images.Registry;

/// <summary>How to reach registries.</summary>
public sealed record RegistryOptions
{
    /// <summary>Skip TLS verification and allow plain HTTP for every registry (podman's --tls-verify=false).</summary>
    public bool Insecure { get; init; }
}

/// <summary>
/// A client of the OCI distribution API for one registry: manifests and blobs, with Docker's token authentication
/// (a 401 with a Bearer challenge sends us to the realm for a token for the repository's pull scope; Basic is used
/// where the registry asks for it). Loopback registries, like Docker's default insecure ones, may speak plain HTTP.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    public const long MaxManifestSize = 4 << 20;
    public static readonly string ManifestAccept = string.Join(", ", MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest);

    private readonly string _host;
    private readonly bool _mayUseHttp;
    private readonly HttpClient _http;
    private readonly Dictionary<string, AuthenticationHeaderValue> _auth = new();
    private string? _scheme;

    public RegistryClient(string host, RegistryOptions options)
    {
        _host = host;
        _mayUseHttp = options.Insecure || IsLoopback(host);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = true, // blobs are often redirected to storage; the Authorization header is not sent along
        };
        if (options.Insecure) handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd($"nido/{typeof(RegistryClient).Assembly.GetName().Version?.ToString(3)}");
    }

    /// <summary>The manifest or index for a tag or digest: its bytes, media type and digest (checked when asked by digest).</summary>
    public (byte[] Body, Descriptor Descriptor) GetManifest(string repository, string reference)
    {
        using var response = Send(repository, () => new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/manifests/{reference}")
        {
            Headers = { { "Accept", ManifestAccept } },
        }, $"manifest {repository}:{reference}");
        var length = response.Content.Headers.ContentLength;
        if (length > MaxManifestSize) throw new ImageException($"{_host}/{repository}:{reference}: manifest of {length} bytes is larger than {MaxManifestSize}");
        using var stream = response.Content.ReadAsStream();
        var body = ReadLimited(stream, MaxManifestSize, $"{_host}/{repository}:{reference}: manifest");
        var digest = Digests.Sha256(body);
        if (reference.Contains(':') && reference != digest)
            throw new ImageException($"{_host}/{repository}@{reference}: the registry sent a manifest whose digest is {digest}");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // Some registries send a generic type; the document's own mediaType then decides.
        if (!MediaTypes.IsIndex(mediaType) && !MediaTypes.IsManifest(mediaType)) mediaType = SniffMediaType(body);
        return (body, new Descriptor { MediaType = mediaType ?? "", Digest = digest, Size = body.Length });
    }

    /// <summary>A blob's content as a stream; the caller verifies it (<see cref="Store.ContentStore.Ingest"/>).</summary>
    public Stream GetBlob(string repository, Descriptor blob)
    {
        var response = Send(repository, () => new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{blob.Digest}"), $"blob {blob.Digest}");
        return new ResponseStream(response);
    }

    private HttpResponseMessage Send(string repository, Func<HttpRequestMessage> make, string what)
    {
        var scope = $"repository:{repository}:pull";
        for (var attempt = 0; ; attempt++)
        {
            var request = make();
            request.RequestUri = new Uri(new Uri($"{Scheme()}://{_host}"), request.RequestUri!);
            if (_auth.TryGetValue(scope, out var auth)) request.Headers.Authorization = auth;
            HttpResponseMessage response;
            try { response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead); }
            catch (HttpRequestException e) { throw new ImageException($"cannot reach registry {_host}: {e.Message}", e); }
            catch (TaskCanceledException e) { throw new ImageException($"registry {_host} did not answer in time ({what})", e); }
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                var challenge = AuthChallenge.Parse(response.Headers.WwwAuthenticate.ToString());
                response.Dispose();
                _auth[scope] = Authenticate(challenge, scope, what);
                continue;
            }
            if (response.IsSuccessStatusCode) return response;
            using (response) throw Failure(response, what);
        }
    }

    private AuthenticationHeaderValue Authenticate(AuthChallenge? challenge, string scope, string what)
    {
        var credentials = Credentials.For(_host == "registry-1.docker.io" ? ImageReference.DefaultRegistry : _host);
        switch (challenge?.Scheme.ToLowerInvariant())
        {
            case "basic":
                if (credentials is not { } basic) throw new ImageException($"registry {_host} requires a login for {what} (no credentials for it in auth.json or ~/.docker/config.json)");
                return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{basic.User}:{basic.Password}")));
            case "bearer":
                var p = challenge.Parameters;
                if (!p.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri) || realmUri.Scheme is not ("http" or "https"))
                    throw new ImageException($"registry {_host}: Bearer challenge without a usable realm");
                var query = new List<string>();
                if (p.TryGetValue("service", out var service)) query.Add("service=" + Uri.EscapeDataString(service));
                query.Add("scope=" + Uri.EscapeDataString(p.TryGetValue("scope", out var s) ? s : scope));
                var tokenUri = new UriBuilder(realmUri) { Query = string.Join('&', query) }.Uri;
                using (var request = new HttpRequestMessage(HttpMethod.Get, tokenUri))
                {
                    if (credentials is { } c)
                        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")));
                    HttpResponseMessage response;
                    try { response = _http.Send(request); }
                    catch (HttpRequestException e) { throw new ImageException($"cannot reach the token service {realmUri.Host} of {_host}: {e.Message}", e); }
                    using (response)
                    {
                        if (!response.IsSuccessStatusCode) throw new ImageException($"registry {_host}: the token service refused access for {what} ({(int)response.StatusCode} {response.ReasonPhrase})");
                        using var stream = response.Content.ReadAsStream();
                        try
                        {
                            using var doc = JsonDocument.Parse(ReadLimited(stream, 1 << 20, "token"));
                            var token = doc.RootElement.TryGetProperty("token", out var t) ? t.GetString()
                                : doc.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
                            if (string.IsNullOrEmpty(token)) throw new ImageException($"registry {_host}: the token service answered without a token");
                            return new AuthenticationHeaderValue("Bearer", token);
                        }
                        catch (JsonException e) { throw new ImageException($"registry {_host}: the token service sent invalid JSON: {e.Message}"); }
                    }
                }
            default:
                throw new ImageException($"registry {_host} refused {what}: 401 Unauthorized{(challenge is null ? " without a challenge" : $" with unsupported scheme {challenge.Scheme}")}");
        }
    }

    private ImageException Failure(HttpResponseMessage response, string what)
    {
        var detail = "";
        try
        {
            using var stream = response.Content.ReadAsStream();
            using var doc = JsonDocument.Parse(ReadLimited(stream, 64 << 10, "error"));
            if (doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                detail = string.Join("; ", errors.EnumerateArray().Select(e =>
                    (e.TryGetProperty("code", out var c) ? c.GetString() + ": " : "") + (e.TryGetProperty("message", out var m) ? m.GetString() : "")));
        }
        catch (Exception e) when (e is JsonException or ImageException or IOException) { }
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        return new ImageException(response.StatusCode == HttpStatusCode.NotFound
            ? $"{_host}: {what} not found{(detail.Length > 0 ? $" ({detail})" : "")}"
            : $"{_host}: {what}: {status}{(detail.Length > 0 ? $": {detail}" : "")}");
    }

    /// <summary>https, or http for a loopback/insecure registry that does not speak TLS (found out once, with /v2/).</summary>
    private string Scheme()
    {
        if (_scheme is not null) return _scheme;
        if (!_mayUseHttp) return _scheme = "https";
        try
        {
            using var probe = _http.Send(new HttpRequestMessage(HttpMethod.Get, $"https://{_host}/v2/"), HttpCompletionOption.ResponseHeadersRead);
            return _scheme = "https";
        }
        catch (HttpRequestException)
        {
            return _scheme = "http";
        }
    }

    private static bool IsLoopback(string host)
    {
        var name = host.StartsWith('[') ? host[1..host.IndexOf(']')] : host.Contains(':') ? host[..host.LastIndexOf(':')] : host;
        return name == "localhost" || (IPAddress.TryParse(name, out var ip) && IPAddress.IsLoopback(ip));
    }

    private static string? SniffMediaType(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("mediaType", out var m) && m.GetString() is { } type) return type;
            if (doc.RootElement.TryGetProperty("manifests", out _)) return MediaTypes.OciIndex;
            if (doc.RootElement.TryGetProperty("config", out _)) return MediaTypes.OciManifest;
        }
        catch (JsonException) { }
        return null;
    }

    internal static byte[] ReadLimited(Stream stream, long max, string what)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 << 10];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > max) throw new ImageException($"{what} is larger than {max} bytes");
        }
        return buffer.ToArray();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The body of a response, which goes with it when disposed.</summary>
    private sealed class ResponseStream(HttpResponseMessage response) : Nido.Linux.ReadOnlyStream
    {
        private readonly Stream _body = response.Content.ReadAsStream();


        public override int Read(Span<byte> buffer)
        {
            try { return _body.Read(buffer); }
            catch (HttpRequestException e) { throw new ImageException($"download interrupted: {e.Message}", e); }
        }


        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _body.Dispose();
                response.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
