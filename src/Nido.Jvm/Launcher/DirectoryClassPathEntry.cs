namespace Nido.Jvm.Launcher;

/// <summary>A directory of class files; resource names are '/'-separated paths below it.</summary>
internal sealed class DirectoryClassPathEntry(string directory) : ClassPathEntry
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(directory);
    private readonly string _prefix = Path.EndsInDirectorySeparator(directory) ? directory : directory + "/";

    public override byte[]? Read(string name)
    {
        string? path = Resolve(name);
        if (path == null) return null;
        // Nido's own read, not File.ReadAllBytes: FileStream's first use costs the CoreCLR host ~1 ms of start, and
        // the main class is read from here in most runs. A file that cannot be opened is not found (HotSpot's
        // ClassPathDirEntry), so the search goes on to the next entry.
        try { return Nido.Linux.FileIo.TryReadAll(path); }
        catch (Nido.Linux.ErrnoException e) { throw new IOException($"{path}: {e.Description}", e); }
    }

    public override string CodeSource => FileUrl.ForFile(_root, directory: true);

    public override string? Locate(string name)
    {
        string? path = Resolve(name);
        if (path == null)
            return null;
        if (File.Exists(path))
            return FileUrl.ForFile(path, directory: false);
        // java's getResource finds directories too ("" is the entry itself); scanners rely on it.
        return Directory.Exists(path) ? FileUrl.ForFile(path, directory: true) : null;
    }

    // Like java's FileLoader: a name that leads out of the directory (or starts with '/') is not found.
    private string? Resolve(string name)
    {
        if (name.StartsWith('/') || name.Contains('\0'))
            return null;
        string full = Path.GetFullPath(Path.Combine(_root, name));
        if (full == _root)
            return full;
        return full.StartsWith(_prefix, StringComparison.Ordinal) ? full : null;
    }
}
