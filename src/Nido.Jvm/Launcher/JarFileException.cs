namespace Nido.Jvm.Launcher;

/// <summary>A jar on the class path (or given to -jar) cannot be opened or is not a valid jar.</summary>
public sealed class JarFileException : IOException
{
    public JarFileException(string jarPath, bool cannotOpen, string detail, Exception? inner = null)
        : base(cannotOpen ? $"Unable to access jarfile {jarPath}: {detail}" : $"Invalid or corrupt jarfile {jarPath}: {detail}", inner)
    {
        JarPath = jarPath;
        CannotOpen = cannotOpen;
        Detail = detail;
    }

    public string JarPath { get; }

    /// <summary>True when the file could not be opened at all (java: "Unable to access jarfile"), false when it is corrupt.</summary>
    public bool CannotOpen { get; }

    /// <summary>What went wrong, without the jar's name.</summary>
    public string Detail { get; }
}
