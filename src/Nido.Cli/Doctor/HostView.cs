namespace Nido.Cli.Doctor;

/// <summary>
/// The host's /proc, /sys and /dev as files under a root: "/" for the live host, a prepared tree in tests.
/// Probes that need a live kernel (ioctl) run only when <see cref="IsLive"/>.
/// </summary>
public sealed class HostView(string root = "/")
{
    public string Root { get; } = root;

    public bool IsLive => Root == "/";

    public string PathOf(string absolute) => Path.Combine(Root, absolute.TrimStart('/'));

    public bool Exists(string absolute) => File.Exists(PathOf(absolute)) || Directory.Exists(PathOf(absolute));

    public string? ReadText(string absolute)
    {
        try { return File.ReadAllText(PathOf(absolute)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    public IReadOnlyList<string> List(string absolute)
    {
        try { return Directory.GetFileSystemEntries(PathOf(absolute)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    /// <summary>The value of a "Key:\tvalue" line in a /proc status-style file.</summary>
    public string? StatusField(string absolute, string key) =>
        ReadText(absolute)?.Split('\n').FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal))?[(key.Length + 1)..].Trim();
}
