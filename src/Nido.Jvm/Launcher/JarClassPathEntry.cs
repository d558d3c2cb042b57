using System.IO.Compression;

namespace Nido.Jvm.Launcher;

/// <summary>
/// A jar, opened once when the search first reaches it. ZipArchive is not safe for concurrent reads,
/// so reads take the jar's lock; the name index is built at open and read without one.
/// </summary>
internal sealed class JarClassPathEntry : ClassPathEntry
{
    /// <summary>The Java feature release whose META-INF/versions entries a multi-release jar serves.</summary>
    public const int RuntimeVersion = 17;

    private readonly string _path;
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);
    private readonly bool _multiRelease;
    private readonly Lock _readLock = new();

    public JarClassPathEntry(string path)
    {
        _path = path;
        _zip = JarArchive.Open(path);
        try
        {
            foreach (ZipArchiveEntry entry in _zip.Entries)
                _entries.TryAdd(entry.FullName, entry);
            JarManifest? manifest = JarManifest.Read(_zip, path);
            _multiRelease = manifest?.IsMultiRelease ?? false;
            Followers = manifest == null ? [] : ResolveClassPath(manifest.ClassPath);
        }
        catch (InvalidDataException e)
        {
            _zip.Dispose();
            throw new JarFileException(path, cannotOpen: false, e.Message, e);
        }
        catch
        {
            _zip.Dispose();
            throw;
        }
    }

    public override IReadOnlyList<ClassPathElement> Followers { get; }

    public override byte[]? Read(string name)
    {
        ZipArchiveEntry? entry = Find(name);
        if (entry == null)
            return null;
        try
        {
            lock (_readLock)
                return JarArchive.ReadAll(entry);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new JarFileException(_path, cannotOpen: false, $"{entry.FullName}: {e.Message}", e);
        }
    }

    public override string CodeSource => FileUrl.ForFile(_path, directory: false);

    public override string? Locate(string name) => Find(name) == null ? null : FileUrl.ForJarEntry(_path, name);

    public override void Dispose()
    {
        lock (_readLock)
            _zip.Dispose();
    }

    private ZipArchiveEntry? Find(string name)
    {
        if (name.Length == 0)
            return null;
        if (_multiRelease && !name.StartsWith("META-INF/", StringComparison.Ordinal))
        {
            for (int version = RuntimeVersion; version >= 9; version--)
            {
                if (_entries.TryGetValue($"META-INF/versions/{version}/{name}", out ZipArchiveEntry? versioned))
                    return versioned;
            }
        }
        // ZipFile.getEntry also finds "name/" for a directory.
        return _entries.GetValueOrDefault(name) ?? (name.EndsWith('/') ? null : _entries.GetValueOrDefault(name + "/"));
    }

    // URLClassPath.JarLoader: each URL relative to the jar; only file: URLs count, and only one ending in '/' is a directory.
    private List<ClassPathElement> ResolveClassPath(IReadOnlyList<string> urls)
    {
        var baseUri = new Uri(_path);
        var result = new List<ClassPathElement>();
        foreach (string url in urls)
        {
            if (!Uri.TryCreate(baseUri, url, out Uri? resolved) || !resolved.IsFile)
                continue;
            result.Add(new ClassPathElement(resolved.LocalPath, url.EndsWith('/')));
        }
        return result;
    }
}
