using System.Formats.Tar;
using Nido.Images.Store;
using Nido.Oci;
using Nido.Oci.Image;

namespace Nido.Images.Archive;

/// <summary>
/// The built-in default image: docker.io/library/busybox:latest assembled from Debian's busybox-static (one
/// uncompressed layer: the binary, a symlink per applet, /etc/passwd and /etc/group). Every timestamp is the
/// binary's, so the same package always gives the same image id.
/// </summary>
public static class BusyboxImage
{
    public const string Name = "docker.io/library/busybox:latest";
    public const string DefaultBinary = "/bin/busybox";

    public static bool IsBuiltin(ImageReference reference) => reference.ToString() == Name;

    public static Image Build(ImageStore store, string binary = DefaultBinary)
    {
        if (!File.Exists(binary)) throw new ImageException($"the built-in busybox image needs {binary} (Debian package busybox-static; scripts/setup.sh containers installs it)");
        var time = File.GetLastWriteTimeUtc(binary);
        var layer = LayerTar(binary, Applets(binary), time);
        var diffId = Digests.Sha256(layer);
        var config = new ImageConfig
        {
            Created = time, Architecture = Puller.HostPlatform().Architecture, Os = "linux",
            Config = new RunConfig { Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd = ["sh"] },
            Rootfs = new RootFs { DiffIds = [diffId] },
            History = [new History { Created = time, CreatedBy = $"nido: {binary} from Debian's busybox-static", Comment = "built in" }],
        };
        using (store.Lock())
        {
            var layerDescriptor = store.Content.Put(layer, MediaTypes.OciLayer);
            var configDescriptor = store.Content.Put(System.Text.Encoding.UTF8.GetBytes(OciJson.Write(config, ImageJsonContext.Default.ImageConfig)), MediaTypes.OciConfig);
            var manifest = new Manifest { SchemaVersion = 2, MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = [layerDescriptor] };
            var manifestDescriptor = store.Content.Put(System.Text.Encoding.UTF8.GetBytes(OciJson.Write(manifest, ImageJsonContext.Default.Manifest)), MediaTypes.OciManifest);
            manifestDescriptor = manifestDescriptor with { Platform = new Platform { Os = "linux", Architecture = config.Architecture } };
            store.Tag(Name, manifestDescriptor);
            return store.Load(Name, manifestDescriptor);
        }
    }

    private static List<string> Applets(string binary)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(binary, "--list-full") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = System.Diagnostics.Process.Start(psi) ?? throw new ImageException($"cannot run {binary}");
        var list = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        process.WaitForExit();
        if (process.ExitCode != 0 || list.Count == 0) throw new ImageException($"{binary} --list-full failed (exit {process.ExitCode})");
        return list;
    }

    private static byte[] LayerTar(string binary, List<string> applets, DateTime time)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var dirs = new SortedSet<string>(StringComparer.Ordinal) { "bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "usr/bin", "usr/sbin", "sbin", "var", "var/tmp" };
            foreach (var a in applets) if (Path.GetDirectoryName(a) is { Length: > 0 } d) dirs.Add(d);
            foreach (var d in dirs)
                Add(tar, new UstarTarEntry(TarEntryType.Directory, d + "/") { Mode = d is "tmp" or "var/tmp" ? (UnixFileMode)0x3ff : (UnixFileMode)0x1ed }, time);
            using (var data = File.OpenRead(binary))
                Add(tar, new UstarTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = (UnixFileMode)0x1ed, DataStream = data }, time);
            foreach (var a in applets.Where(a => a != "bin/busybox").Distinct().Order(StringComparer.Ordinal))
                Add(tar, new UstarTarEntry(TarEntryType.SymbolicLink, a) { LinkName = "/bin/busybox", Mode = (UnixFileMode)0x1ff }, time);
            AddText(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n", time);
            AddText(tar, "etc/group", "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\ntty:x:5:\nusers:x:100:\nnogroup:x:65534:\n", time);
        }
        return buffer.ToArray();
    }

    private static void AddText(TarWriter tar, string name, string text, DateTime time)
    {
        using var data = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text));
        Add(tar, new UstarTarEntry(TarEntryType.RegularFile, name) { Mode = (UnixFileMode)0x1a4, DataStream = data }, time);
    }

    private static void Add(TarWriter tar, UstarTarEntry entry, DateTime time)
    {
        entry.ModificationTime = time;
        entry.Uid = entry.Gid = 0;
        entry.UserName = entry.GroupName = "root";
        tar.WriteEntry(entry);
    }
}
