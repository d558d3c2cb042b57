namespace Nido.Jvm.Runtime;

/// <summary>Class-path directories only (the launcher's ClassPath adds jars).</summary>
public sealed class DirectoryClassPath(IReadOnlyList<string> entries) : IClassSource
{
    public byte[]? FindClass(string internalName)
    {
        foreach (var dir in entries)
        {
            var path = Path.Combine(dir.Length == 0 ? "." : dir, internalName + ".class");
            if (File.Exists(path)) return File.ReadAllBytes(path);
        }
        return null;
    }
}
