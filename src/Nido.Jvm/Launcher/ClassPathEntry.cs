namespace Nido.Jvm.Launcher;

/// <summary>One opened element of a <see cref="ClassPath"/>: a directory or a jar.</summary>
internal abstract class ClassPathEntry : IDisposable
{
    /// <summary>The bytes of the resource ("com/x/A.class"), or null when this entry does not have it.</summary>
    public abstract byte[]? Read(string name);

    /// <summary>The resource's URL (file:… or jar:file:…!/…), or null when this entry does not have it.</summary>
    public abstract string? Locate(string name);

    /// <summary>The code source URL of classes from this entry (file:/dir/ or file:/x.jar), as the JDK's loaders give it.</summary>
    public abstract string CodeSource { get; }

    /// <summary>Class path elements this entry brings in right after itself (a jar's manifest Class-Path).</summary>
    public virtual IReadOnlyList<ClassPathElement> Followers => [];

    public virtual void Dispose()
    {
    }
}
