namespace Nido.Jvm.Launcher;

/// <summary>
/// The application class path, searched like java's URLClassPath: entries in order, each opened
/// the first time a search reaches it; a jar's manifest Class-Path entries come right after the jar;
/// an element seen before is skipped; a missing file or directory is silently left out; an empty
/// entry is the current (base) directory. A jar that is not a valid zip fails with a
/// <see cref="JarFileException"/> naming it. Safe for concurrent use; dispose closes the jars.
/// </summary>
public sealed class ClassPath : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Stack<ClassPathElement> _unopened = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<ClassPathEntry> _opened = [];
    private volatile ClassPathEntry[] _snapshot = []; // the opened entries, read without the lock
    private bool _disposed;

    /// <summary>A class path from a ':'-separated string, expanding "dir/*" wildcards.</summary>
    public ClassPath(string path, string? baseDirectory = null)
        : this(ClassPathWildcard.Expand(path, baseDirectory).Split(ClassPathWildcard.Separator), baseDirectory)
    {
    }

    /// <summary>A class path from entries taken as they are (no wildcard expansion, as for java.class.path).</summary>
    public ClassPath(IEnumerable<string> entries, string? baseDirectory = null)
    {
        Entries = entries.ToArray();
        string root = Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory());
        for (int i = Entries.Count - 1; i >= 0; i--)
        {
            string full = Path.GetFullPath(Entries[i].Length == 0 ? "." : Entries[i], root);
            _unopened.Push(new ClassPathElement(full, Directory.Exists(full)));
        }
    }

    /// <summary>The entries as given.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>The class file for an internal name ("com/x/Main"), or null when no entry has it.</summary>
    public byte[]? FindClass(string internalName) => FindResource(internalName + ".class");

    /// <summary>The class file and the code source URL of the entry it came from.</summary>
    public byte[]? FindClass(string internalName, out string? codeSource)
    {
        for (int i = 0; EntryAt(i) is { } entry; i++)
        {
            if (entry.Read(internalName + ".class") is { } bytes)
            {
                codeSource = entry.CodeSource;
                return bytes;
            }
        }
        codeSource = null;
        return null;
    }

    /// <summary>The manifest of the jar whose code source URL is <paramref name="codeSource"/>; null for a directory or a jar without one.</summary>
    public byte[]? ManifestOf(string codeSource)
    {
        for (int i = 0; EntryAt(i) is { } entry; i++)
        {
            if (entry.CodeSource == codeSource)
                return entry is JarClassPathEntry ? entry.Read("META-INF/MANIFEST.MF") : null;
        }
        return null;
    }

    /// <summary>The bytes of a resource ("META-INF/x.txt") from the first entry that has it.</summary>
    public byte[]? FindResource(string name)
    {
        for (int i = 0; EntryAt(i) is { } entry; i++)
        {
            if (entry.Read(name) is { } bytes)
                return bytes;
        }
        return null;
    }

    /// <summary>The URL of the first entry's resource: file:/dir/name or jar:file:/x.jar!/name, as java's getResource prints it.</summary>
    public string? ResourceLocation(string name) => ResourceLocations(name).FirstOrDefault();

    /// <summary>The URLs of the resource in every entry that has it, in class path order (for getResources).</summary>
    public IEnumerable<string> ResourceLocations(string name)
    {
        for (int i = 0; EntryAt(i) is { } entry; i++)
        {
            if (entry.Locate(name) is { } url)
                yield return url;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (ClassPathEntry entry in _opened)
                entry.Dispose();
            _opened.Clear();
            _snapshot = [];
        }
    }

    // The index-th opened entry, opening further elements as needed; null past the end.
    private ClassPathEntry? EntryAt(int index)
    {
        ClassPathEntry[] snapshot = _snapshot;
        if (index < snapshot.Length)
            return snapshot[index];
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (_opened.Count <= index)
            {
                if (!_unopened.TryPop(out ClassPathElement element))
                    return null;
                if (!_seen.Add(element.Key) || Open(element) is not { } entry)
                    continue;
                _opened.Add(entry);
                for (int i = entry.Followers.Count - 1; i >= 0; i--)
                    _unopened.Push(entry.Followers[i]);
            }
            _snapshot = _opened.ToArray();
            return _opened[index];
        }
    }

    private static ClassPathEntry? Open(ClassPathElement element)
    {
        if (element.IsDirectory)
            return Directory.Exists(element.Path) ? new DirectoryClassPathEntry(element.Path) : null;
        if (!File.Exists(element.Path))
            return null; // missing, or a directory not marked as one: java cannot open it as a jar either
        try
        {
            return new JarClassPathEntry(element.Path);
        }
        catch (JarFileException e)
        {
            return new BrokenClassPathEntry(e);
        }
    }
}
