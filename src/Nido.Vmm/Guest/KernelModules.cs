using System.Text;

namespace Nido.Vmm.Guest;

/// <summary>
/// The loadable modules of an unpacked kernel package (lib/modules/VERSION/kernel/…/*.ko), found by module
/// name, with the dependencies each declares in its .modinfo ("depends=a,b"), so an initramfs can carry
/// exactly what it needs and insmod it in order without depmod or modprobe.
/// </summary>
public sealed class KernelModules
{
    private readonly Dictionary<string, string> _byName;

    public KernelModules(string modulesDirectory)
    {
        if (!Directory.Exists(modulesDirectory)) throw new VmmException($"default guest: no kernel modules at {modulesDirectory}");
        _byName = Directory.EnumerateFiles(modulesDirectory, "*.ko", SearchOption.AllDirectories)
            .GroupBy(path => Normalize(Path.GetFileNameWithoutExtension(path)))
            .ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>Module names are the file name with '-' read as '_' (virtio-rng.ko is virtio_rng).</summary>
    public static string Normalize(string name) => name.Replace('-', '_');

    public string PathOf(string name) =>
        _byName.TryGetValue(Normalize(name), out var path) ? path : throw new VmmException($"default guest: the kernel package has no module {name}");

    /// <summary><paramref name="wanted"/> and everything they depend on, each after its dependencies.</summary>
    public List<string> InLoadOrder(IEnumerable<string> wanted)
    {
        var order = new List<string>();
        var visiting = new HashSet<string>();
        void Visit(string name)
        {
            name = Normalize(name);
            if (order.Contains(name)) return;
            if (!visiting.Add(name)) throw new VmmException($"default guest: module {name} depends on itself");
            foreach (var dependency in Dependencies(File.ReadAllBytes(PathOf(name)))) Visit(dependency);
            order.Add(name);
        }
        foreach (var name in wanted) Visit(name);
        return order;
    }

    /// <summary>The "depends=" entry of a module's .modinfo strings (NUL-separated key=value).</summary>
    internal static string[] Dependencies(ReadOnlySpan<byte> module)
    {
        ReadOnlySpan<byte> key = "\0depends="u8;
        var at = module.IndexOf(key);
        if (at < 0) return [];
        var value = module[(at + key.Length)..];
        var end = value.IndexOf((byte)0);
        var text = Encoding.ASCII.GetString(end < 0 ? value : value[..end]);
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
