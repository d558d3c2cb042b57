namespace Nido.Jvm.Launcher;

/// <summary>A jar that failed to open: it stays in its place and reports the same error every time the search reaches it.</summary>
internal sealed class BrokenClassPathEntry(JarFileException error) : ClassPathEntry
{
    public override byte[]? Read(string name) => throw Error();

    public override string? Locate(string name) => throw Error();

    public override string CodeSource => throw Error();

    private JarFileException Error() => new(error.JarPath, error.CannotOpen, error.Detail, error);
}
