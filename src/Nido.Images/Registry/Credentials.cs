using System.Text.Json;

namespace Nido.Images.Registry;

/// <summary>
/// Registry credentials from the files podman and docker write on login: $REGISTRY_AUTH_FILE,
/// $XDG_RUNTIME_DIR/containers/auth.json, /run/containers/&lt;uid&gt;/auth.json, ~/.docker/config.json
/// ("auths": { host: { "auth": base64(user:password) } }). The first file that names the host wins.
/// </summary>
public static class Credentials
{
    public static (string User, string Password)? For(string registry)
    {
        foreach (var file in Files())
        {
            if (!File.Exists(file)) continue;
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                if (!doc.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object) continue;
                foreach (var entry in auths.EnumerateObject())
                {
                    if (HostOf(entry.Name) != registry && !(registry == ImageReference.DefaultRegistry && HostOf(entry.Name) == "index.docker.io")) continue;
                    if (!entry.Value.TryGetProperty("auth", out var auth) || auth.GetString() is not { Length: > 0 } encoded) continue;
                    var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                    var colon = text.IndexOf(':');
                    if (colon > 0) return (text[..colon], text[(colon + 1)..]);
                }
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                throw new ImageException($"{file}: cannot read registry credentials: {e.Message}");
            }
        }
        return null;
    }

    private static IEnumerable<string> Files()
    {
        if (Environment.GetEnvironmentVariable("REGISTRY_AUTH_FILE") is { Length: > 0 } explicitFile) yield return explicitFile;
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime) yield return Path.Combine(runtime, "containers", "auth.json");
        yield return $"/run/containers/{Linux.Credentials.EffectiveUid}/auth.json";
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        yield return Path.Combine(home, ".docker", "config.json");
    }

    /// <summary>"https://index.docker.io/v1/" and "localhost:5000" both name a host.</summary>
    private static string HostOf(string key)
    {
        var s = key;
        if (s.Contains("://")) s = s[(s.IndexOf("://") + 3)..];
        var slash = s.IndexOf('/');
        return slash < 0 ? s : s[..slash];
    }
}
