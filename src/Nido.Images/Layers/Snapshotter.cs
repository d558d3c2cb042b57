using Nido.Images.Store;
using Nido.Linux;

namespace Nido.Images.Layers;

/// <summary>
/// Turns an image into a container root filesystem. With overlayfs, each layer is unpacked once into
/// snapshots/&lt;chain id&gt; (whiteouts in overlay form) and a container gets an overlay mount of them with its own
/// upper directory; without overlayfs (or with NIDO_SNAPSHOTTER=copy) every layer is unpacked into the container's
/// directory in order. Diff ids are checked against the image config in both cases.
/// </summary>
public sealed class Snapshotter(ImageStore store)
{
    /// <summary>"overlay" or "copy": what this host supports, unless NIDO_SNAPSHOTTER says otherwise.</summary>
    public string Mode => _mode ??= Environment.GetEnvironmentVariable("NIDO_SNAPSHOTTER") is { Length: > 0 } forced
        ? forced is "overlay" or "copy" ? forced : throw new ImageException($"NIDO_SNAPSHOTTER={forced}: expected overlay or copy")
        : ProbeOverlay() ? "overlay" : "copy";

    private string? _mode;

    /// <summary>Makes <paramref name="rootfs"/> the image's filesystem, writable, with changes kept in <paramref name="scratch"/>.</summary>
    public void Mount(Image image, string rootfs, string scratch)
    {
        Directory.CreateDirectory(rootfs);
        if (Mode == "copy")
        {
            var layers = image.Layers;
            for (var i = 0; i < layers.Count; i++) UnpackLayer(image, i, rootfs, WhiteoutMode.Apply);
            return;
        }
        var lowers = Prepare(image);
        var upper = Path.Combine(scratch, "upper");
        var work = Path.Combine(scratch, "work");
        Directory.CreateDirectory(upper);
        Directory.CreateDirectory(work);
        if (lowers.Count == 0)
        {
            // An image without layers: overlayfs needs at least one lower directory.
            lowers = [Path.Combine(scratch, "empty")];
            Directory.CreateDirectory(lowers[0]);
        }
        var data = $"lowerdir={string.Join(':', lowers.Reverse())},upperdir={upper},workdir={work}";
        if (data.Length >= 4000) throw new ImageException($"{image.Name ?? image.ShortId}: {lowers.Count} layers make overlayfs mount options longer than a page; set NIDO_SNAPSHOTTER=copy");
        Mounts.Mount("overlay", rootfs, "overlay", MountFlags.None, data);
    }

    /// <summary>Undoes <see cref="Mount"/> (an overlay is unmounted; a copied tree stays until the container is removed).</summary>
    public static void Unmount(string rootfs)
    {
        try { Mounts.Unmount(rootfs, UnmountFlags.Detach); }
        catch (ErrnoException e) when (e.Errno is Errno.EINVAL or Errno.ENOENT) { } // not mounted
    }

    /// <summary>Unpacks the layers that have no snapshot yet; returns the snapshot directories, bottom layer first.</summary>
    public IReadOnlyList<string> Prepare(Image image)
    {
        var chains = image.ChainIds;
        var dirs = new List<string>();
        using var _ = store.Lock();
        for (var i = 0; i < chains.Count; i++)
        {
            var dir = Path.Combine(store.SnapshotsDir, Digests.Hex(chains[i]));
            if (!Directory.Exists(dir))
            {
                var temp = Path.Combine(store.SnapshotsDir, $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
                Directory.CreateDirectory(temp);
                try
                {
                    UnpackLayer(image, i, temp, WhiteoutMode.Overlay);
                    Directory.Move(temp, dir);
                }
                catch
                {
                    RemoveTree(temp);
                    throw;
                }
            }
            dirs.Add(dir);
        }
        return dirs;
    }

    private void UnpackLayer(Image image, int i, string target, WhiteoutMode mode)
    {
        var layer = image.Layers[i];
        var what = $"{image.Name ?? image.ShortId}: layer {layer.Digest}";
        using var blob = store.Content.Open(layer.Digest);
        using var tar = Decompression.Open(blob, layer.MediaType, what);
        string diffId;
        try { diffId = LayerUnpacker.Unpack(tar, target, mode, what); }
        catch (InvalidDataException e) { throw new ImageException($"{what}: cannot decompress: {e.Message}"); }
        if (diffId != image.DiffIds[i]) throw new ImageException($"{what}: the uncompressed layer hashes to {diffId}, but the config's diff_id is {image.DiffIds[i]}");
    }

    public static void RemoveTree(string path)
    {
        if (Nodes.LStat(path) is { } info) LayerUnpacker.RemoveTree(path, info);
    }

    private bool ProbeOverlay()
    {
        var probe = Path.Combine(store.Root, $".overlay-probe-{Environment.ProcessId}");
        try
        {
            foreach (var d in new[] { "l", "u", "w", "m" }) Directory.CreateDirectory(Path.Combine(probe, d));
            Mounts.Mount("overlay", Path.Combine(probe, "m"), "overlay", MountFlags.None, $"lowerdir={probe}/l,upperdir={probe}/u,workdir={probe}/w");
            Mounts.Unmount(Path.Combine(probe, "m"));
            return true;
        }
        catch (ErrnoException) { return false; }
        finally { RemoveTree(probe); }
    }
}
