using System.Collections.Concurrent;

namespace Nido.Jvm.Runtime;

/// <summary>The classes a loader defined or initiated, by internal name (JVMS 5.3: a class is named by name + defining loader).</summary>
internal sealed class LoaderData(JObject? loader)
{
    public JObject? Loader { get; } = loader;
    public ConcurrentDictionary<string, JClass> Classes { get; } = new(StringComparer.Ordinal);
    /// <summary>Serialises definition by the VM's own loaders, so one name is defined once.</summary>
    public object DefineLock { get; } = new();
    /// <summary>Packages whose jar manifest was applied (guarded by <see cref="DefineLock"/>).</summary>
    public HashSet<string> Packages { get; } = new(StringComparer.Ordinal);
}
