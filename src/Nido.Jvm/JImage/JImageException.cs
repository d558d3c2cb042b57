namespace Nido.Jvm.JImage;

/// <summary>
/// The jimage file could not be opened or is malformed. Every way a hostile or truncated image can go wrong
/// surfaces as this one type, so the JVM can report "bad lib/modules" instead of crashing on an index error.
/// </summary>
public sealed class JImageException : Exception
{
    public JImageException(string path, string problem, Exception? inner = null)
        : base($"jimage '{path}': {problem}", inner)
    {
        FilePath = path;
    }

    /// <summary>The image file the problem is in.</summary>
    public string FilePath { get; }
}
