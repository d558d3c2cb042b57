namespace Nido.Jvm.Runtime;

/// <summary>Where a built-in loader finds class bytes: the JDK's jimage for the bootstrap loader, the class path for the application loader.</summary>
public interface IClassSource
{
    /// <summary>The class file of <paramref name="internalName"/> (java/lang/Object), or null when this source has none.</summary>
    byte[]? FindClass(string internalName);

    /// <summary>The class file and the URL of the class path entry holding it (null where there is none, as in the jimage).</summary>
    byte[]? FindClass(string internalName, out string? codeSource)
    {
        codeSource = null;
        return FindClass(internalName);
    }

    /// <summary>The manifest of the jar behind a code source (null for directories, the jimage, a jar without one).</summary>
    byte[]? ManifestOf(string codeSource) => null;
}
