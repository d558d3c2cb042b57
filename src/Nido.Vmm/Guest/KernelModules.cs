using System.Text;

namespace Nido.Vmm.Guest;

/// <summary>
/// The loadable modules of an unpacked kernel package (lib/modules/VERSION/kernel/…/*.ko, or *.ko.xz as Debian 13
/// ships them, decompressed with xz), found by module name, with the dependencies each declares in its .modinfo
/// ("depends=a,b"), so an initramfs can carry exactly what it needs and insmod it in order without depmod or
/// modprobe.
/// </summary>
public sealed class KernelModules
{
    private readonly Dictionary<string, string> _byName;

    public KernelModules(string modulesDirectory)
    {
        if (!Directory.Exists(modulesDirectory)) throw new VmmException($"default guest: no kernel modules at {modulesDirectory}");
        _byName = Directory.EnumerateFiles(modulesDirectory, "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".ko", StringComparison.Ordinal) || path.EndsWith(".ko.xz", StringComparison.Ordinal))
            .GroupBy(path => Normalize(Path.GetFileName(path).Split('.')[0]))
            .ToDictionary(g => g.Key, g => g.First());
        _cache = [];
    }

    private readonly Dictionary<string, byte[]> _cache;

    /// <summary>The module's ELF object, decompressed when the package ships it as .ko.xz.</summary>
    public byte[] Bytes(string name)
    {
        name = Normalize(name);
        if (_cache.TryGetValue(name, out var bytes)) return bytes;
        var path = PathOf(name);
        bytes = path.EndsWith(".xz", StringComparison.Ordinal) ? Unxz(path) : File.ReadAllBytes(path);
        return _cache[name] = bytes;
    }

    private static byte[] Unxz(string path)
    {
        var info = new System.Diagnostics.ProcessStartInfo("xz") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-dc", "--", path }) info.ArgumentList.Add(a);
        System.Diagnostics.Process process;
        try { process = System.Diagnostics.Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception e) { throw new VmmException($"default guest: cannot run xz to unpack {Path.GetFileName(path)}: {e.Message} (Debian package xz-utils)"); }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            if (process.ExitCode != 0) throw new VmmException($"default guest: xz -d {path} failed: {stderr.Result.Trim()}");
            return output.ToArray();
        }
    }

    /// <summary>
    /// The modules of an unpacked kernel package: Debian 12 ships them under /lib/modules as .ko, Debian 13 under
    /// /usr/lib/modules as .ko.xz.
    /// </summary>
    public static KernelModules InPackage(string root, string version, string package) =>
        new(new[] { Path.Combine(root, "lib", "modules", version, "kernel"), Path.Combine(root, "usr", "lib", "modules", version, "kernel") }
            .FirstOrDefault(Directory.Exists) ?? throw new VmmException($"default guest: {package} has no modules for {version}"));

    /// <summary>Module names are the file name with '-' read as '_' (virtio-rng.ko is virtio_rng).</summary>
    public static string Normalize(string name) => name.Replace('-', '_');

    public string PathOf(string name) =>
        _byName.TryGetValue(Normalize(name), out var path) ? path : throw new VmmException($"default guest: the kernel package has no module {name}");

    /// <summary>
    /// <paramref name="wanted"/> and everything they depend on, each after its dependencies. A wanted entry may
    /// name alternatives, "a|b": the first the package has (modules get renamed between kernel releases).
    /// </summary>
    public List<string> InLoadOrder(IEnumerable<string> wanted)
    {
        var order = new List<string>();
        var visiting = new HashSet<string>();
        void Visit(string name)
        {
            name = Normalize(name);
            if (order.Contains(name)) return;
            if (!visiting.Add(name)) throw new VmmException($"default guest: module {name} depends on itself");
            foreach (var dependency in Dependencies(Bytes(name))) Visit(dependency);
            order.Add(name);
        }
        foreach (var entry in wanted)
        {
            var names = entry.Split('|');
            Visit(names.FirstOrDefault(n => _byName.ContainsKey(Normalize(n))) ?? names[0]);
        }
        return order;
    }

    private static ReadOnlySpan<byte> SignatureMarker => "~Module signature appended~\n"u8;

    /// <summary>
    /// The module without its appended signature (PKCS#7 + struct module_signature + marker), as an unsigned
    /// build would produce it: the kernel loads it (Debian does not force signatures) and notes a taint. The
    /// emulated guest uses this because checking an RSA signature per module costs seconds of interpretation.
    /// </summary>
    public static byte[] WithoutSignature(byte[] module)
    {
        const int infoSize = 12; // struct module_signature: algo, hash, id_type, signer_len, key_id_len, pad[3], be32 sig_len
        var marker = SignatureMarker;
        if (module.Length < marker.Length + infoSize || !module.AsSpan(module.Length - marker.Length).SequenceEqual(marker)) return module;
        var info = module.AsSpan(module.Length - marker.Length - infoSize, infoSize);
        var signatureLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(info[8..]) + info[3] + (long)info[4];
        var end = module.Length - marker.Length - infoSize - signatureLength;
        return end > 0 ? module[..(int)end] : module;
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
