using System.Formats.Tar;
using Nido.Images.Layers;
using Nido.Images.Store;
using Nido.Oci;
using Nido.Oci.Image;

namespace Nido.Images.Archive;

/// <summary>
/// `save` and `load`: images as an OCI image layout (a directory, or a tar of one). A saved tar also carries
/// docker save's manifest.json, so docker and podman load it too; `load` reads OCI layouts (podman save
/// --format oci-archive, skopeo oci:, docker 25+) and docker-archive tars (older docker save, podman's default).
/// </summary>
public static class OciArchive
{
    public static void SaveDirectory(ImageStore store, IReadOnlyList<Image> images, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (digest, _) in Blobs(images))
        {
            var target = Path.Combine(directory, "blobs", Digests.Algorithm(digest), Digests.Hex(digest));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!File.Exists(target)) File.Copy(store.Content.PathOf(digest), target);
        }
        foreach (var (name, text) in Documents(images)) File.WriteAllText(Path.Combine(directory, name), text);
    }

    public static void SaveTar(ImageStore store, IReadOnlyList<Image> images, Stream output)
    {
        using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var (name, text) in Documents(images))
        {
            using var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data, Mode = (UnixFileMode)0x1a4 });
        }
        foreach (var dir in new[] { "blobs/", "blobs/sha256/" })
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir) { Mode = (UnixFileMode)0x1ed });
        foreach (var (digest, _) in Blobs(images))
            tar.WriteEntry(store.Content.PathOf(digest), $"blobs/{Digests.Algorithm(digest)}/{Digests.Hex(digest)}");
    }

    private static IEnumerable<(string Digest, long Size)> Blobs(IReadOnlyList<Image> images) =>
        images.SelectMany(i => new[] { (i.ManifestDescriptor.Digest, i.ManifestDescriptor.Size), (i.Id, i.Manifest.Config!.Size) }
            .Concat(i.Layers.Select(l => (l.Digest, l.Size)))).DistinctBy(b => b.Item1);

    private static IEnumerable<(string Name, string Text)> Documents(IReadOnlyList<Image> images)
    {
        yield return ("oci-layout", OciJson.Write(new LayoutMarker(), ImageJsonContext.Default.LayoutMarker));
        var index = new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests = images.Select(i => i.ManifestDescriptor with
            {
                Annotations = i.Name is null ? null : new() { [Annotations.RefName] = i.Name, [Annotations.ContainerdImageName] = i.Name },
            }).ToList(),
        };
        yield return ("index.json", OciJson.Write(index, ImageJsonContext.Default.ImageIndex));
        var docker = images.Select(i => new DockerArchiveEntry
        {
            Config = $"blobs/sha256/{Digests.Hex(i.Id)}",
            RepoTags = i.Name is null ? [] : [ImageReference.Parse(i.Name).Familiar],
            Layers = i.Layers.Select(l => $"blobs/sha256/{Digests.Hex(l.Digest)}").ToList(),
        }).ToList();
        yield return ("manifest.json", OciJson.Write(docker, ImageJsonContext.Default.ListDockerArchiveEntry));
    }

    /// <summary>Imports every image of a layout directory or archive (tar, optionally gzip/zstd-compressed); returns them as stored.</summary>
    public static IReadOnlyList<Image> Load(ImageStore store, string input)
    {
        if (Directory.Exists(input)) return Import(store, input, Path.GetFileName(Path.GetFullPath(input).TrimEnd('/')));
        if (!File.Exists(input)) throw new ImageException($"{input}: no such file or directory");
        using var file = File.OpenRead(input);
        return Load(store, file, Path.GetFileNameWithoutExtension(input).Split('.')[0]);
    }

    public static IReadOnlyList<Image> Load(ImageStore store, Stream archive, string baseName)
    {
        Directory.CreateDirectory(store.Root);
        var temp = Path.Combine(store.Root, $".load-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temp);
            using (var tar = Decompression.Open(archive, MediaTypes.OciLayer, "archive"))
                LayerUnpacker.Unpack(tar, temp, WhiteoutMode.Apply, "archive");
            return Import(store, temp, baseName);
        }
        finally { Snapshotter.RemoveTree(temp); }
    }

    private static IReadOnlyList<Image> Import(ImageStore store, string dir, string baseName)
    {
        if (File.Exists(Path.Combine(dir, "index.json"))) return ImportLayout(store, dir, baseName);
        if (File.Exists(Path.Combine(dir, "manifest.json"))) return ImportDockerArchive(store, dir, baseName);
        throw new ImageException($"{baseName}: neither an OCI image layout (index.json) nor a docker archive (manifest.json)");
    }

    private static IReadOnlyList<Image> ImportLayout(ImageStore store, string dir, string baseName)
    {
        var marker = Path.Combine(dir, "oci-layout");
        if (File.Exists(marker) && OciJson.Read(marker, ImageJsonContext.Default.LayoutMarker).ImageLayoutVersion is not "1.0.0")
            throw new ImageException($"{baseName}: unsupported imageLayoutVersion");
        var index = OciJson.Read(Path.Combine(dir, "index.json"), ImageJsonContext.Default.ImageIndex);
        var result = new List<Image>();
        foreach (var entry in index.Manifests ?? [])
        {
            Digests.Validate(entry.Digest, $"{baseName}: index.json");
            var manifest = entry;
            if (MediaTypes.IsIndex(entry.MediaType))
            {
                var nested = OciJson.Parse(System.Text.Encoding.UTF8.GetString(ReadBlob(dir, entry, baseName)), ImageJsonContext.Default.ImageIndex, $"{baseName}: {entry.Digest}");
                manifest = Puller.Choose(nested, Puller.HostPlatform(), baseName) with { Annotations = entry.Annotations };
            }
            if (!MediaTypes.IsManifest(manifest.MediaType)) continue; // artifacts, signatures
            var name = NameOf(manifest.Annotations, baseName);
            result.Add(ImportManifest(store, dir, manifest with { Annotations = null }, name, baseName));
        }
        if (result.Count == 0) throw new ImageException($"{baseName}: the layout holds no image manifest");
        return result;
    }

    private static Image ImportManifest(ImageStore store, string dir, Descriptor descriptor, string name, string baseName)
    {
        var body = ReadBlob(dir, descriptor, baseName);
        var manifest = OciJson.Parse(System.Text.Encoding.UTF8.GetString(body), ImageJsonContext.Default.Manifest, $"{baseName}: manifest {descriptor.Digest}");
        ImageStore.ValidateManifest(manifest, $"{baseName}: {descriptor.Digest}");
        foreach (var blob in (manifest.Layers ?? []).Prepend(manifest.Config!)) CopyBlob(store, dir, blob, baseName);
        using (store.Lock())
        {
            store.Content.Ingest(body, descriptor);
            var image = store.Load(name, descriptor);
            store.Tag(name, descriptor);
            return image;
        }
    }

    private static IReadOnlyList<Image> ImportDockerArchive(ImageStore store, string dir, string baseName)
    {
        var entries = OciJson.Read(Path.Combine(dir, "manifest.json"), ImageJsonContext.Default.ListDockerArchiveEntry);
        var result = new List<Image>();
        foreach (var entry in entries)
        {
            var configBytes = File.ReadAllBytes(Inside(dir, entry.Config, baseName));
            var layers = new List<Descriptor>();
            foreach (var path in entry.Layers ?? [])
            {
                var full = Inside(dir, path, baseName);
                using var stream = File.OpenRead(full);
                using var hashing = new DigestingStream(stream);
                var head = new byte[4];
                var n = hashing.ReadAtLeast(head, 4, throwOnEndOfStream: false);
                hashing.CopyTo(Stream.Null);
                var type = Decompression.Sniff(head.AsSpan(0, n)) switch { "gzip" => MediaTypes.OciLayerGzip, "zstd" => MediaTypes.OciLayerZstd, _ => MediaTypes.OciLayer };
                var layer = new Descriptor { MediaType = type, Digest = hashing.Digest(), Size = hashing.BytesRead };
                if (!store.Content.Has(layer.Digest)) using (var again = File.OpenRead(full)) store.Content.Ingest(again, layer);
                layers.Add(layer);
            }
            var config = store.Content.Put(configBytes, MediaTypes.OciConfig);
            var manifest = new Manifest { SchemaVersion = 2, MediaType = MediaTypes.OciManifest, Config = config, Layers = layers };
            var names = entry.RepoTags is { Count: > 0 } tags ? tags.Select(t => ImageReference.Parse(t).ToString()).ToList() : [ImageReference.Parse($"localhost/{Sanitize(baseName)}:{Digests.Hex(config.Digest)[..12]}").ToString()];
            using (store.Lock())
            {
                var descriptor = store.Content.Put(System.Text.Encoding.UTF8.GetBytes(OciJson.Write(manifest, ImageJsonContext.Default.Manifest)), MediaTypes.OciManifest);
                foreach (var name in names)
                {
                    var image = store.Load(name, descriptor);
                    store.Tag(name, descriptor);
                    result.Add(image);
                }
            }
        }
        return result;
    }

    /// <summary>The name an index entry gives: containerd's full name, else ref.name (a bare tag is put under localhost/&lt;archive name&gt;).</summary>
    private static string NameOf(Dictionary<string, string>? annotations, string baseName)
    {
        if (annotations?.GetValueOrDefault(Annotations.ContainerdImageName) is { Length: > 0 } full) return ImageReference.Parse(full).ToString();
        if (annotations?.GetValueOrDefault(Annotations.RefName) is { Length: > 0 } refName)
            return refName.Contains('/') || refName.Contains(':') || refName.Contains('@')
                ? ImageReference.Parse(refName).ToString()
                : ImageReference.Parse($"localhost/{Sanitize(baseName)}:{refName}").ToString();
        return ImageReference.Parse($"localhost/{Sanitize(baseName)}:latest").ToString();
    }

    private static string Sanitize(string name)
    {
        var s = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return s.Length == 0 ? "image" : s;
    }

    private static byte[] ReadBlob(string dir, Descriptor descriptor, string baseName)
    {
        var path = BlobPath(dir, descriptor.Digest, baseName);
        if (new FileInfo(path).Length > Registry.RegistryClient.MaxManifestSize) throw new ImageException($"{baseName}: blob {descriptor.Digest} is too large for a manifest");
        var body = File.ReadAllBytes(path);
        if (Digests.Sha256(body) != descriptor.Digest) throw new ImageException($"{baseName}: blob {descriptor.Digest}: digest mismatch: the content hashes to {Digests.Sha256(body)}");
        return body;
    }

    private static void CopyBlob(ImageStore store, string dir, Descriptor blob, string baseName)
    {
        if (store.Content.Has(blob.Digest)) return;
        using var stream = File.OpenRead(BlobPath(dir, blob.Digest, baseName));
        try { store.Content.Ingest(stream, blob); }
        catch (ImageException e) { throw new ImageException($"{baseName}: {e.Message}"); }
    }

    private static string BlobPath(string dir, string digest, string baseName)
    {
        Digests.Validate(digest, baseName);
        var path = Path.Combine(dir, "blobs", Digests.Algorithm(digest), Digests.Hex(digest));
        if (!File.Exists(path)) throw new ImageException($"{baseName}: blob {digest} is missing");
        return path;
    }

    private static string Inside(string dir, string relative, string baseName)
    {
        var parts = LayerUnpacker.Clean(relative, baseName);
        var path = Path.Combine([dir, .. parts]);
        if (!File.Exists(path)) throw new ImageException($"{baseName}: {relative} is missing");
        // Old docker archives link repeated layers with relative symlinks; none may lead out of the archive.
        var real = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        if (!Path.GetFullPath(real).StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)) + "/", StringComparison.Ordinal))
            throw new ImageException($"{baseName}: {relative} points outside the archive");
        return path;
    }
}
