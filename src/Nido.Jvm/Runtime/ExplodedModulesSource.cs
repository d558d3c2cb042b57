namespace Nido.Jvm.Runtime;

/// <summary>
/// Bootstrap classes from an exploded module tree (&lt;dir&gt;/&lt;module&gt;/&lt;package path&gt;/X.class), the layout of
/// `jimage extract` and of a JDK build's exploded image; used when NIDO_JAVA_CLASSES points at one.
/// </summary>
public sealed class ExplodedModulesSource : IClassSource, IModuleLookup
{
    private readonly string _root;
    private readonly Dictionary<string, string> _packages = new(StringComparer.Ordinal);

    public ExplodedModulesSource(string root)
    {
        _root = root;
        foreach (var module in Directory.EnumerateDirectories(root))
        {
            var name = Path.GetFileName(module);
            foreach (var dir in Directory.EnumerateDirectories(module, "*", SearchOption.AllDirectories))
                _packages.TryAdd(Path.GetRelativePath(module, dir), name);
        }
    }

    public byte[]? FindClass(string internalName)
    {
        var slash = internalName.LastIndexOf('/');
        if (slash < 0 || ModuleOfPackage(internalName[..slash]) is not { } module) return null;
        var path = Path.Combine(_root, module, internalName + ".class");
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public string? ModuleOfPackage(string package) => _packages.GetValueOrDefault(package);
}
