using System.Text.RegularExpressions;

namespace Nido.Images;

/// <summary>
/// A normalised image reference, Docker's way: `busybox` is docker.io/library/busybox:latest; a first component with a
/// dot, a colon or equal to "localhost" is a registry host.
/// </summary>
public sealed partial record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DefaultRegistry = "docker.io";

    public static ImageReference Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ImageException("image reference is empty");
        if (text.Length > 4096) throw new ImageException("image reference is too long");
        var rest = text;
        string? digest = null, tag = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            Digests.Validate(digest, $"image reference \"{text}\"");
        }
        var slash = rest.IndexOf('/');
        var registry = DefaultRegistry;
        if (slash > 0 && IsHost(rest[..slash]))
        {
            registry = rest[..slash];
            rest = rest[(slash + 1)..];
        }
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag)) throw new ImageException($"image reference \"{text}\": invalid tag \"{tag}\"");
        }
        if (registry is "docker.io" or "index.docker.io" or "registry-1.docker.io")
        {
            registry = DefaultRegistry;
            if (!rest.Contains('/')) rest = "library/" + rest;
        }
        if (!RepositoryPattern().IsMatch(rest))
            throw new ImageException($"image reference \"{text}\": invalid repository name \"{rest}\" (lowercase letters, digits, separators . _ - and /)");
        if (rest.Length > 255) throw new ImageException($"image reference \"{text}\": repository name longer than 255 characters");
        if (!HostPattern().IsMatch(registry)) throw new ImageException($"image reference \"{text}\": invalid registry \"{registry}\"");
        return new ImageReference(registry, rest, tag ?? (digest is null ? "latest" : null), digest);
    }

    /// <summary>The tag or digest a registry is asked for.</summary>
    public string Reference => Digest ?? Tag!;

    /// <summary>registry/repository, the name under which the store lists the image.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>The short form Docker prints: the registry and library/ dropped for Docker Hub.</summary>
    public string Familiar
    {
        get
        {
            var name = Registry == DefaultRegistry ? (Repository.StartsWith("library/") ? Repository[8..] : Repository) : Name;
            return Tag is null ? $"{name}@{Digest}" : $"{name}:{Tag}";
        }
    }

    /// <summary>The API endpoint host: Docker Hub's names are served by registry-1.docker.io.</summary>
    public string ApiHost => Registry == DefaultRegistry ? "registry-1.docker.io" : Registry;

    public override string ToString() => Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    private static bool IsHost(string component) => component.Contains('.') || component.Contains(':') || component == "localhost";

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*\z")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?\z")]
    private static partial Regex HostPattern();
}
