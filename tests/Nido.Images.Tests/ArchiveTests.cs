using System.Text;
using Nido.Images.Archive;
using Nido.Images.Layers;
using Nido.Images.Store;
using Nido.Linux;
using Nido.Oci;
using Nido.Oci.Image;

namespace Nido.Images.Tests;

/// <summary>The built-in busybox image, save/load in both layouts, docker archives, snapshots and garbage collection.</summary>
public sealed class ArchiveTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private ImageStore NewStore(string name) => new(_tmp.Sub(name));

    private ImageStore BusyboxStore(out Image image, string name = "store")
    {
        Requires.File(BusyboxImage.DefaultBinary, "the built-in image is made from it (Debian package busybox-static)");
        var store = NewStore(name);
        image = BusyboxImage.Build(store);
        return store;
    }

    private static string[] Relative(string dir) =>
        Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(dir, p)).Order(StringComparer.Ordinal).ToArray();

    // --- the built-in image ---

    [Fact]
    public void Busybox_image_has_one_layer_and_runs_sh()
    {
        var store = BusyboxStore(out var image);
        Assert.Equal(BusyboxImage.Name, image.Name);
        Assert.Single(image.Layers);
        Assert.Single(image.DiffIds);
        Assert.Equal(MediaTypes.OciLayer, image.Layers[0].MediaType);
        Assert.Equal(["sh"], image.Config.Config!.Cmd);
        Assert.Equal("linux", image.Config.Os);
        Assert.Equal(Puller.HostPlatform().Architecture, image.Config.Architecture);
        // An uncompressed layer: its digest is its diff id, and its chain id too.
        Assert.Equal(image.Layers[0].Digest, image.DiffIds[0]);
        Assert.Equal(image.DiffIds, image.ChainIds);
        Assert.Equal(image.Layers[0].Size + image.Manifest.Config!.Size, image.Size);
        Assert.Equal([(BusyboxImage.Name, image.ManifestDescriptor.Digest)], store.Names().Select(n => (n.Name, n.Manifest.Digest)));
        Assert.Equal(3, store.Content.List().Count());
        Assert.True(BusyboxImage.IsBuiltin(ImageReference.Parse("busybox")));
    }

    [Fact]
    public void Busybox_image_is_deterministic_across_stores_and_builds()
    {
        BusyboxStore(out var a, "one");
        var store2 = BusyboxStore(out var b, "two");
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(a.ManifestDescriptor.Digest, b.ManifestDescriptor.Digest);
        var again = BusyboxImage.Build(store2);
        Assert.Equal(a.Id, again.Id);
        Assert.Single(store2.Names());
        Assert.Equal(3, store2.Content.List().Count());
    }

    [Fact]
    public void Busybox_build_needs_the_binary()
    {
        var e = Assert.Throws<ImageException>(() => BusyboxImage.Build(NewStore("s"), _tmp.File("no-such-busybox")));
        Assert.Contains("no-such-busybox", e.Message);
    }

    [Fact]
    public void Store_finds_images_by_reference_and_id_prefix()
    {
        var store = BusyboxStore(out var image);
        Assert.Equal(image.Id, store.Find("busybox")!.Id);
        Assert.Equal(image.Id, store.Find("docker.io/library/busybox:latest")!.Id);
        Assert.Equal(image.Id, store.Find(image.ShortId)!.Id);
        Assert.Equal(image.Id, store.Find(image.Id)!.Id);
        Assert.Equal(image.Id, store.Find($"busybox@{image.ManifestDescriptor.Digest}")!.Id);
        Assert.Null(store.Find("busybox:other"));
        Assert.Null(store.Find("nothing"));
        Assert.Equal(image.Id, new ImageStore(store.Root).List().Single().Id); // state is on disk
    }

    // --- save and load ---

    [Fact]
    public void SaveTar_then_Load_gives_the_same_image_in_another_store()
    {
        var store = BusyboxStore(out var image);
        var archive = _tmp.File("busybox.tar");
        using (var f = File.Create(archive)) OciArchive.SaveTar(store, [image], f);
        var other = NewStore("other");
        var loaded = Assert.Single(OciArchive.Load(other, archive));
        Assert.Equal(image.Id, loaded.Id);
        Assert.Equal(BusyboxImage.Name, loaded.Name);
        Assert.Equal(image.ManifestDescriptor.Digest, loaded.ManifestDescriptor.Digest);
        Assert.Equal(image.Id, other.Find("busybox")!.Id);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(other.Root), p => Path.GetFileName(p).StartsWith(".load-"));
    }

    [Fact]
    public void Compressed_archive_loads_too()
    {
        var store = BusyboxStore(out var image);
        var archive = _tmp.File("busybox.tar.gz");
        using (var f = File.Create(archive))
        using (var gz = new System.IO.Compression.GZipStream(f, System.IO.Compression.CompressionLevel.Fastest))
            OciArchive.SaveTar(store, [image], gz);
        Assert.Equal(image.Id, Assert.Single(OciArchive.Load(NewStore("other"), archive)).Id);
    }

    [Fact]
    public void SaveDirectory_writes_an_oci_layout_that_Load_reads()
    {
        var store = BusyboxStore(out var image);
        var dir = _tmp.File("layout");
        OciArchive.SaveDirectory(store, [image], dir);
        var expected = new[] { "blobs", "blobs/sha256", "index.json", "manifest.json", "oci-layout" }
            .Concat(new[] { image.ManifestDescriptor.Digest, image.Id, image.Layers[0].Digest }.Select(d => "blobs/sha256/" + Digests.Hex(d)))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, Relative(dir));
        Assert.Equal("1.0.0", OciJson.Read(Path.Combine(dir, "oci-layout"), ImageJsonContext.Default.LayoutMarker).ImageLayoutVersion);
        var index = OciJson.Read(Path.Combine(dir, "index.json"), ImageJsonContext.Default.ImageIndex);
        Assert.Equal(BusyboxImage.Name, Assert.Single(index.Manifests!).Annotations![Annotations.RefName]);
        var docker = Assert.Single(OciJson.Read(Path.Combine(dir, "manifest.json"), ImageJsonContext.Default.ListDockerArchiveEntry));
        Assert.Equal(["busybox:latest"], docker.RepoTags);

        var loaded = Assert.Single(OciArchive.Load(NewStore("other"), dir));
        Assert.Equal(image.Id, loaded.Id);
        Assert.Equal(BusyboxImage.Name, loaded.Name);
    }

    [Fact]
    public void Layout_with_an_altered_layer_blob_is_rejected_naming_the_digest()
    {
        var store = BusyboxStore(out var image);
        var dir = _tmp.File("layout");
        OciArchive.SaveDirectory(store, [image], dir);
        var blob = Path.Combine(dir, "blobs", "sha256", Digests.Hex(image.Layers[0].Digest));
        var bytes = File.ReadAllBytes(blob);
        bytes[bytes.Length / 2] ^= 0xff; // same size, other content
        File.WriteAllBytes(blob, bytes);
        var other = NewStore("other");
        var e = Assert.Throws<ImageException>(() => OciArchive.Load(other, dir));
        Assert.Contains(image.Layers[0].Digest, e.Message);
        Assert.Contains("digest mismatch", e.Message);
        Assert.Empty(other.Names());
        Assert.False(other.Content.Has(image.Layers[0].Digest));
    }

    [Fact]
    public void Layout_with_an_altered_manifest_or_a_missing_blob_is_rejected()
    {
        var store = BusyboxStore(out var image);
        var dir = _tmp.File("layout");
        OciArchive.SaveDirectory(store, [image], dir);
        var manifest = Path.Combine(dir, "blobs", "sha256", Digests.Hex(image.ManifestDescriptor.Digest));
        var original = File.ReadAllText(manifest);
        File.WriteAllText(manifest, original.Replace("\"schemaVersion\": 2", "\"schemaVersion\":  2"));
        var e = Assert.Throws<ImageException>(() => OciArchive.Load(NewStore("a"), dir));
        Assert.Contains(image.ManifestDescriptor.Digest, e.Message);
        File.WriteAllText(manifest, original);
        File.Delete(Path.Combine(dir, "blobs", "sha256", Digests.Hex(image.Id)));
        e = Assert.Throws<ImageException>(() => OciArchive.Load(NewStore("b"), dir));
        Assert.Contains($"blob {image.Id} is missing", e.Message);
    }

    [Fact]
    public void Layout_index_pointing_at_a_platform_index_loads_the_host_platform()
    {
        var store = BusyboxStore(out var image);
        var dir = _tmp.File("layout");
        OciArchive.SaveDirectory(store, [image], dir);
        var host = Puller.HostPlatform();
        var nested = new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests =
            [
                new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Digests.Sha256("other"u8), Size = 5, Platform = new Platform { Os = "linux", Architecture = "mips64le" } },
                image.ManifestDescriptor with { Platform = host },
            ],
        };
        var nestedBytes = Encoding.UTF8.GetBytes(OciJson.Write(nested, ImageJsonContext.Default.ImageIndex));
        var nestedDigest = Digests.Sha256(nestedBytes);
        File.WriteAllBytes(Path.Combine(dir, "blobs", "sha256", Digests.Hex(nestedDigest)), nestedBytes);
        var top = new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests = [new Descriptor { MediaType = MediaTypes.OciIndex, Digest = nestedDigest, Size = nestedBytes.Length, Annotations = new() { [Annotations.ContainerdImageName] = "example.com/multi:1" } }],
        };
        File.WriteAllText(Path.Combine(dir, "index.json"), OciJson.Write(top, ImageJsonContext.Default.ImageIndex));
        var loaded = Assert.Single(OciArchive.Load(NewStore("other"), dir));
        Assert.Equal(image.Id, loaded.Id);
        Assert.Equal("example.com/multi:1", loaded.Name);
    }

    [Fact]
    public void Neither_layout_nor_docker_archive_is_rejected()
    {
        var dir = _tmp.Sub("empty");
        Assert.Contains("neither an OCI image layout", Assert.Throws<ImageException>(() => OciArchive.Load(NewStore("s"), dir)).Message);
        Assert.Contains("no such file", Assert.Throws<ImageException>(() => OciArchive.Load(NewStore("s"), _tmp.File("absent.tar"))).Message);
    }

    // --- docker archives ---

    private static (byte[] Layer, byte[] Config) DockerParts(string? diffId = null)
    {
        using var layerTar = new TarBuilder();
        var layer = layerTar.Dir("app/").File("app/hello.txt", "hello from a docker archive").Build();
        var config = $$$"""
            {"architecture":"amd64","os":"linux","config":{"Cmd":["/app/run"],"Env":["A=1"]},
             "rootfs":{"type":"layers","diff_ids":["{{{diffId ?? Digests.Sha256(layer)}}}"]}}
            """;
        return (layer, Encoding.UTF8.GetBytes(config));
    }

    private static byte[] DockerArchive(string manifestJson, byte[] layer, byte[] config, string layerPath = "abc/layer.tar")
    {
        using var tar = new TarBuilder();
        return tar.File("manifest.json", manifestJson).File("cfg.json", config).Dir("abc/").File(layerPath, layer).Build();
    }

    [Fact]
    public void Hand_made_docker_archive_loads()
    {
        var (layer, config) = DockerParts();
        var archive = _tmp.File("mine.tar");
        File.WriteAllBytes(archive, DockerArchive("""[{"Config":"cfg.json","RepoTags":["myimg:1.0","example.com/team/myimg:1.0"],"Layers":["abc/layer.tar"]}]""", layer, config));
        var store = NewStore("s");
        var images = OciArchive.Load(store, archive);
        Assert.Equal(["docker.io/library/myimg:1.0", "example.com/team/myimg:1.0"], images.Select(i => i.Name));
        var image = images[0];
        Assert.Equal(Digests.Sha256(config), image.Id);
        Assert.Equal(images[0].Id, images[1].Id);
        Assert.Equal(["/app/run"], image.Config.Config!.Cmd);
        var l = Assert.Single(image.Layers);
        Assert.Equal((MediaTypes.OciLayer, Digests.Sha256(layer), (long)layer.Length), (l.MediaType, l.Digest, l.Size));
        Assert.Equal(image.Id, store.Find("myimg:1.0")!.Id);
    }

    [Fact]
    public void Docker_archive_gzip_layer_is_recognised_by_its_bytes()
    {
        var (layer, config) = DockerParts();
        var gz = new MemoryStream();
        using (var z = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) z.Write(layer);
        var archive = _tmp.File("gz.tar");
        File.WriteAllBytes(archive, DockerArchive("""[{"Config":"cfg.json","RepoTags":["gz:1"],"Layers":["abc/layer.tar"]}]""", gz.ToArray(), config));
        var image = Assert.Single(OciArchive.Load(NewStore("s"), archive));
        Assert.Equal(MediaTypes.OciLayerGzip, image.Layers[0].MediaType);
        Assert.Equal(Digests.Sha256(layer), image.DiffIds[0]);
    }

    [Fact]
    public void Docker_archive_without_tags_is_named_after_the_file()
    {
        var (layer, config) = DockerParts();
        var archive = _tmp.File("My_Archive.v2.tar");
        File.WriteAllBytes(archive, DockerArchive("""[{"Config":"cfg.json","Layers":["abc/layer.tar"]}]""", layer, config));
        var store = NewStore("s");
        var image = Assert.Single(OciArchive.Load(store, archive));
        Assert.StartsWith("localhost/", image.Name);
        Assert.EndsWith($":{Digests.Hex(Digests.Sha256(config))[..12]}", image.Name);
        // The generated name must be a valid reference (as for OCI layouts, where the archive name is sanitised):
        // otherwise the image cannot be named on the command line, and save fails on it.
        Assert.Equal(image.Name, ImageReference.Parse(image.Name!).ToString());
        Assert.Equal(image.Id, store.Find(image.Name!)!.Id);
        OciArchive.SaveTar(store, [image], Stream.Null);
    }

    [Fact]
    public void Docker_archive_without_tags_and_a_lowercase_file_name_is_findable()
    {
        var (layer, config) = DockerParts();
        var archive = _tmp.File("plain.tar");
        File.WriteAllBytes(archive, DockerArchive("""[{"Config":"cfg.json","Layers":["abc/layer.tar"]}]""", layer, config));
        var store = NewStore("s");
        var image = Assert.Single(OciArchive.Load(store, archive));
        Assert.Equal($"localhost/plain:{Digests.Hex(Digests.Sha256(config))[..12]}", image.Name);
        Assert.Equal(image.Id, store.Find(image.Name!)!.Id);
    }

    [Fact]
    public void Docker_archive_directory_loads_also_with_a_trailing_slash()
    {
        var (layer, config) = DockerParts();
        var dir = _tmp.Sub("docker-dir");
        Directory.CreateDirectory(Path.Combine(dir, "abc"));
        File.WriteAllText(Path.Combine(dir, "manifest.json"), """[{"Config":"cfg.json","RepoTags":["dir:1"],"Layers":["abc/layer.tar"]}]""");
        File.WriteAllBytes(Path.Combine(dir, "cfg.json"), config);
        File.WriteAllBytes(Path.Combine(dir, "abc", "layer.tar"), layer);
        Assert.Equal("docker.io/library/dir:1", Assert.Single(OciArchive.Load(NewStore("a"), dir)).Name);
        Assert.Equal("docker.io/library/dir:1", Assert.Single(OciArchive.Load(NewStore("b"), dir + "/")).Name);
    }

    [Fact]
    public void Docker_archive_paths_leaving_the_archive_are_rejected()
    {
        var (layer, config) = DockerParts();
        var store = NewStore("s");
        var dir = _tmp.Sub("d");
        File.WriteAllBytes(Path.Combine(dir, "cfg.json"), config);
        File.WriteAllBytes(_tmp.File("outside.tar"), layer);
        File.WriteAllText(Path.Combine(dir, "manifest.json"), """[{"Config":"cfg.json","Layers":["../outside.tar"]}]""");
        Assert.Throws<ImageException>(() => OciArchive.Load(store, dir));
        File.CreateSymbolicLink(Path.Combine(dir, "link.tar"), _tmp.File("outside.tar"));
        File.WriteAllText(Path.Combine(dir, "manifest.json"), """[{"Config":"cfg.json","Layers":["link.tar"]}]""");
        Assert.Contains("points outside the archive", Assert.Throws<ImageException>(() => OciArchive.Load(store, dir)).Message);
        Assert.Empty(store.Names());
    }

    [Fact]
    public void Docker_archive_with_a_wrong_diff_id_fails_when_unpacked()
    {
        var (layer, config) = DockerParts(diffId: Digests.Sha256("not the layer"u8));
        var archive = _tmp.File("bad.tar");
        File.WriteAllBytes(archive, DockerArchive("""[{"Config":"cfg.json","RepoTags":["bad:1"],"Layers":["abc/layer.tar"]}]""", layer, config));
        var store = NewStore("s");
        var image = Assert.Single(OciArchive.Load(store, archive));
        var e = Assert.Throws<ImageException>(() => WithSnapshotter("copy", () => new Snapshotter(store).Mount(image, _tmp.Sub("rootfs"), _tmp.Sub("scratch"))));
        Assert.Contains("diff_id", e.Message);
    }

    // --- snapshots ---

    private static void WithSnapshotter(string? mode, Action action)
    {
        var saved = Environment.GetEnvironmentVariable("NIDO_SNAPSHOTTER");
        Environment.SetEnvironmentVariable("NIDO_SNAPSHOTTER", mode);
        try { action(); }
        finally { Environment.SetEnvironmentVariable("NIDO_SNAPSHOTTER", saved); }
    }

    [Fact]
    public void Overlay_snapshot_mounts_the_image_and_unmounts_cleanly()
    {
        Requires.Root();
        var store = BusyboxStore(out var image);
        var snapshotter = new Snapshotter(store);
        string mode = "";
        WithSnapshotter(null, () => mode = snapshotter.Mode);
        Assert.SkipUnless(mode == "overlay", $"overlayfs is not usable here (snapshotter mode {mode})");
        var rootfs = _tmp.Sub("rootfs");
        var scratch = _tmp.Sub("scratch");
        snapshotter.Mount(image, rootfs, scratch);
        try
        {
            Assert.Single(TempDir.MountsUnder(rootfs));
            Assert.True(Nodes.LStat(Path.Combine(rootfs, "bin/busybox"))!.Value.IsRegular);
            Assert.Equal("/bin/busybox", new FileInfo(Path.Combine(rootfs, "bin/sh")).LinkTarget);
            File.WriteAllText(Path.Combine(rootfs, "etc/new"), "container write");
            Assert.True(File.Exists(Path.Combine(scratch, "upper/etc/new")));
        }
        finally { Snapshotter.Unmount(rootfs); }
        Assert.Empty(TempDir.MountsUnder(_tmp.Path));
        Assert.False(File.Exists(Path.Combine(rootfs, "bin/busybox")));
        var snapshot = Assert.Single(Directory.GetDirectories(store.SnapshotsDir));
        Assert.Equal(Digests.Hex(image.ChainIds[0]), Path.GetFileName(snapshot));
        Assert.False(File.Exists(Path.Combine(snapshot, "etc/new")));
        Snapshotter.Unmount(rootfs); // unmounting what is not mounted is fine

        // rmi: untag and collect garbage removes blobs and snapshots.
        Assert.True(store.Untag(BusyboxImage.Name));
        Assert.False(store.Untag(BusyboxImage.Name));
        using (store.Lock()) Assert.Equal((3, 1), store.CollectGarbage());
        Assert.Empty(store.Content.List());
        Assert.Empty(Directory.GetFileSystemEntries(store.SnapshotsDir));
        Assert.Empty(store.Names());
    }

    [Fact]
    public void Copy_snapshotter_copies_the_files()
    {
        Requires.Root();
        var store = BusyboxStore(out var image);
        var rootfs = _tmp.Sub("rootfs");
        WithSnapshotter("copy", () =>
        {
            var snapshotter = new Snapshotter(store);
            Assert.Equal("copy", snapshotter.Mode);
            snapshotter.Mount(image, rootfs, _tmp.Sub("scratch"));
        });
        Assert.Empty(TempDir.MountsUnder(_tmp.Path));
        var busybox = Nodes.LStat(Path.Combine(rootfs, "bin/busybox"))!.Value;
        Assert.True(busybox.IsRegular);
        Assert.Equal(new FileInfo(BusyboxImage.DefaultBinary).Length, busybox.Size);
        Assert.Equal(0x1edu, busybox.Mode & 0xfff);
        Assert.True(Nodes.LStat(Path.Combine(rootfs, "bin/sh"))!.Value.IsSymlink);
        Assert.StartsWith("root:x:0:0", File.ReadAllText(Path.Combine(rootfs, "etc/passwd")));
        Assert.Equal(0x3ffu, Nodes.LStat(Path.Combine(rootfs, "tmp"))!.Value.Mode & 0xfff);
        Assert.False(Directory.Exists(store.SnapshotsDir) && Directory.GetFileSystemEntries(store.SnapshotsDir).Length > 0);
        Snapshotter.Unmount(rootfs); // a copy is not a mount: nothing to do
    }

    [Fact]
    public void Invalid_snapshotter_setting_is_an_ImageException()
    {
        var store = NewStore("s");
        WithSnapshotter("zfs", () => Assert.Contains("NIDO_SNAPSHOTTER=zfs", Assert.Throws<ImageException>(() => new Snapshotter(store).Mode).Message));
    }

    [Fact]
    public void Garbage_collection_keeps_what_named_images_use()
    {
        var store = BusyboxStore(out var image);
        var stray = store.Content.Put("stray"u8.ToArray(), MediaTypes.OciConfig);
        Directory.CreateDirectory(Path.Combine(store.SnapshotsDir, "deadbeef"));
        using (store.Lock()) Assert.Equal((1, 1), store.CollectGarbage());
        Assert.False(store.Content.Has(stray.Digest));
        Assert.Equal(3, store.Content.List().Count());
        Assert.Equal(image.Id, store.Find("busybox")!.Id);
    }
}
