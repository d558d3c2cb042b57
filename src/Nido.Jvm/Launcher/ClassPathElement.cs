namespace Nido.Jvm.Launcher;

/// <summary>
/// A class path element not yet opened: an absolute path, and whether it is to be read as a directory.
/// Command-line elements are directories when one exists there; manifest Class-Path URLs only when they end in '/'.
/// </summary>
internal readonly record struct ClassPathElement(string Path, bool IsDirectory)
{
    public string Key => IsDirectory ? Path.TrimEnd('/') + "/" : Path;
}
