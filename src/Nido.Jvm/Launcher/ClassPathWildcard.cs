namespace Nido.Jvm.Launcher;

/// <summary>
/// The launcher's class-path wildcard (wildcard.c): an entry "dir/*" or "*" stands for the .jar and
/// .JAR files in that directory; it stays as written when the directory has none or cannot be read,
/// and a file really named "*" is not a wildcard. Java leaves the order unspecified; ours is sorted.
/// </summary>
public static class ClassPathWildcard
{
    public const char Separator = ':';

    /// <summary>
    /// Expands the wildcards of a ':'-separated class path; a path without '*' comes back unchanged.
    /// Relative directories are read from baseDirectory (default: the current one) but stay relative in the result.
    /// </summary>
    public static string Expand(string classPath, string? baseDirectory = null)
    {
        if (!classPath.Contains('*'))
            return classPath;
        var entries = new List<string>();
        bool expandedAny = false;
        foreach (string entry in classPath.Split(Separator))
        {
            List<string>? jars = IsWildcard(entry, baseDirectory) ? JarsIn(entry, baseDirectory) : null;
            if (jars is { Count: > 0 })
            {
                entries.AddRange(jars);
                expandedAny = true;
            }
            else
            {
                entries.Add(entry);
            }
        }
        return expandedAny ? string.Join(Separator, entries) : classPath;
    }

    private static bool IsWildcard(string entry, string? baseDirectory) =>
        entry.EndsWith('*') && (entry.Length == 1 || entry[^2] == '/') && !Path.Exists(InBase(entry, baseDirectory));

    private static List<string>? JarsIn(string wildcard, string? baseDirectory)
    {
        string prefix = wildcard[..^1];
        try
        {
            return Directory.EnumerateFileSystemEntries(InBase(prefix.Length == 0 ? "." : prefix, baseDirectory))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(IsJarFileName)
                .Order(StringComparer.Ordinal)
                .Select(name => prefix + name)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string InBase(string path, string? baseDirectory) =>
        baseDirectory == null ? path : Path.Combine(baseDirectory, path);

    private static bool IsJarFileName(string name) =>
        name.Length >= 4 && (name.EndsWith(".jar", StringComparison.Ordinal) || name.EndsWith(".JAR", StringComparison.Ordinal))
        && !name.Contains(Separator);
}
