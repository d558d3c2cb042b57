using Nido.Linux;
using Nido.Oci;
using Nido.Oci.Image;

namespace Nido.Images.Store;

/// <summary>
/// The local image store, itself an OCI image layout: oci-layout, index.json (one entry per name, the name in
/// org.opencontainers.image.ref.name) and blobs/. Changes to the names happen under an flock on the lock file and
/// are written by rename, so readers never see half an index.
/// </summary>
public sealed class ImageStore
{
    public ImageStore(string root)
    {
        Root = Path.GetFullPath(root);
        Content = new ContentStore(Root);
    }

    public string Root { get; }

    public ContentStore Content { get; }

    public string SnapshotsDir => Path.Combine(Root, "snapshots");

    private string IndexPath => Path.Combine(Root, "index.json");

    /// <summary>Exclusive access for changes (pull, tag, rmi, garbage collection, unpack).</summary>
    public FileLock Lock()
    {
        Directory.CreateDirectory(Root);
        return FileLock.Exclusive(Path.Combine(Root, "lock"));
    }

    /// <summary>Every name and the manifest it points at.</summary>
    public IReadOnlyList<(string Name, Descriptor Manifest)> Names()
    {
        if (!File.Exists(IndexPath)) return [];
        var index = OciJson.Read(IndexPath, ImageJsonContext.Default.ImageIndex);
        return (index.Manifests ?? []).Where(d => d.Annotations?.ContainsKey(Annotations.RefName) == true)
            .Select(d => (d.Annotations![Annotations.RefName], d)).ToList();
    }

    /// <summary>Points <paramref name="name"/> (a normalised reference) at a manifest already in the store.</summary>
    public void Tag(string name, Descriptor manifest)
    {
        var entry = manifest with { Annotations = new() { [Annotations.RefName] = name } };
        WriteNames(Names().Where(n => n.Name != name).Select(n => n.Manifest).Append(entry));
    }

    public bool Untag(string name)
    {
        var names = Names();
        if (names.All(n => n.Name != name)) return false;
        WriteNames(names.Where(n => n.Name != name).Select(n => n.Manifest));
        return true;
    }

    private void WriteNames(IEnumerable<Descriptor> manifests)
    {
        Directory.CreateDirectory(Root);
        var marker = Path.Combine(Root, "oci-layout");
        if (!File.Exists(marker)) File.WriteAllText(marker, OciJson.Write(new LayoutMarker(), ImageJsonContext.Default.LayoutMarker));
        var index = new ImageIndex { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = manifests.OrderBy(d => d.Annotations?[Annotations.RefName]).ToList() };
        var temp = IndexPath + ".tmp";
        File.WriteAllText(temp, OciJson.Write(index, ImageJsonContext.Default.ImageIndex));
        File.Move(temp, IndexPath, overwrite: true);
    }

    /// <summary>Reads the manifest and configuration a descriptor points at, checking they are what an image needs.</summary>
    public Image Load(string? name, Descriptor manifestDescriptor)
    {
        var what = name ?? manifestDescriptor.Digest;
        var manifest = OciJson.Parse(System.Text.Encoding.UTF8.GetString(Content.ReadAll(manifestDescriptor.Digest)), ImageJsonContext.Default.Manifest, $"manifest of {what}");
        ValidateManifest(manifest, what);
        var config = OciJson.Parse(System.Text.Encoding.UTF8.GetString(Content.ReadAll(manifest.Config!.Digest)), ImageJsonContext.Default.ImageConfig, $"config of {what}");
        var image = new Image(name, manifestDescriptor, manifest, config);
        Validate(image, what);
        return image;
    }

    /// <summary>What a manifest must have before anything it points at is fetched: a config and layers of a known type, all with valid digests.</summary>
    internal static void ValidateManifest(Manifest manifest, string what)
    {
        if (manifest.Config is null) throw new ImageException($"{what}: manifest has no config");
        Digests.Validate(manifest.Config.Digest, $"{what}: config");
        foreach (var layer in manifest.Layers ?? [])
        {
            Digests.Validate(layer.Digest, $"{what}: layer");
            if (MediaTypes.LayerCompression(layer.MediaType) is null) throw new ImageException($"{what}: layer {layer.Digest} has unsupported media type \"{layer.MediaType}\"");
        }
    }

    private static void Validate(Image image, string what)
    {
        if (image.DiffIds.Count != image.Layers.Count)
            throw new ImageException($"{what}: the config lists {image.DiffIds.Count} diff_ids for {image.Layers.Count} layers");
        foreach (var diff in image.DiffIds) Digests.Validate(diff, $"{what}: rootfs.diff_ids");
    }

    public IReadOnlyList<Image> List() => Names().Select(n => Load(n.Name, n.Manifest)).ToList();

    /// <summary>
    /// An image by reference ("busybox", "localhost:5000/x:1", "name@sha256:…"), by id or id prefix, or null.
    /// </summary>
    public Image? Find(string text)
    {
        var names = Names();
        ImageReference? reference = null;
        try { reference = ImageReference.Parse(text); } catch (ImageException) { }
        if (reference is not null)
        {
            var key = reference.ToString();
            foreach (var (name, manifest) in names)
                if (name == key || (reference.Tag is null && reference.Digest == manifest.Digest && name.StartsWith(reference.Name + ":")))
                    return Load(name, manifest);
        }
        var hex = text.StartsWith("sha256:") ? text[7..] : text;
        if (hex.Length >= 4 && hex.All(Uri.IsHexDigit))
        {
            var matches = names.Select(n => Load(n.Name, n.Manifest)).Where(i => Digests.Hex(i.Id).StartsWith(hex)).ToList();
            if (matches.Select(m => m.Id).Distinct().Count() > 1) throw new ImageException($"image id prefix {text} is ambiguous");
            return matches.FirstOrDefault();
        }
        return null;
    }

    /// <summary>Deletes blobs and snapshots no named image uses (after rmi). Call under <see cref="Lock"/>.</summary>
    public (int Blobs, int Snapshots) CollectGarbage(IReadOnlySet<string>? keepChains = null)
    {
        var images = List();
        var blobs = new HashSet<string>();
        var chains = new HashSet<string>(keepChains ?? new HashSet<string>());
        foreach (var image in images)
        {
            blobs.Add(image.ManifestDescriptor.Digest);
            blobs.Add(image.Id);
            foreach (var l in image.Layers) blobs.Add(l.Digest);
            foreach (var c in image.ChainIds) chains.Add(Digests.Hex(c));
        }
        var removedBlobs = 0;
        foreach (var digest in Content.List().ToList())
            if (!blobs.Contains(digest)) { Content.Delete(digest); removedBlobs++; }
        var removedSnapshots = 0;
        if (Directory.Exists(SnapshotsDir))
            foreach (var dir in Directory.EnumerateDirectories(SnapshotsDir).ToList())
                if (!chains.Contains(Path.GetFileName(dir))) { Layers.Snapshotter.RemoveTree(dir); removedSnapshots++; }
        Content.RemoveAbandonedIngests();
        return (removedBlobs, removedSnapshots);
    }
}
