using System.Diagnostics;
using System.IO.Compression;
using Nido.Images.Layers;
using Nido.Linux;
using Nido.Oci.Image;

namespace Nido.Images.Tests;

public sealed class DecompressionTests : IDisposable
{
    private const string ZstdTool = "/usr/bin/zstd";
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static byte[] SampleTar()
    {
        var random = new byte[100_000];
        new Random(3).NextBytes(random); // incompressible, so a cut compressed stream ends inside the frame
        using var tar = new TarBuilder();
        return tar.Dir("d/").File("d/random.bin", random).File("d/text", string.Concat(Enumerable.Repeat("hello zstd ", 5000))).Build();
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return output.ToArray();
    }

    private byte[] Zstd(byte[] data)
    {
        Requires.File(ZstdTool, "the zstd command makes the test's zstd data");
        var input = _tmp.File($"in-{Guid.NewGuid():N}");
        var output = input + ".zst";
        File.WriteAllBytes(input, data);
        using (var p = Process.Start(new ProcessStartInfo(ZstdTool, ["-q", "-f", "-3", input, "-o", output]) { RedirectStandardError = true })!)
        {
            var err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"zstd failed: {err}");
        }
        var result = File.ReadAllBytes(output);
        File.Delete(input);
        File.Delete(output);
        return result;
    }

    private static byte[] ReadAll(byte[] blob, string mediaType)
    {
        using var s = Decompression.Open(new MemoryStream(blob), mediaType, "test blob");
        var output = new MemoryStream();
        s.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public void Plain_gzip_and_zstd_give_the_same_tar_bytes()
    {
        var tar = SampleTar();
        Assert.Equal(tar, ReadAll(tar, MediaTypes.OciLayer));
        Assert.Equal(tar, ReadAll(Gzip(tar), MediaTypes.OciLayerGzip));
        Assert.Equal(tar, ReadAll(Gzip(tar), MediaTypes.DockerLayerGzip));
        Assert.Equal(tar, ReadAll(Zstd(tar), MediaTypes.OciLayerZstd));
    }

    [Fact]
    public void Decompressed_layers_unpack_with_the_uncompressed_diff_id()
    {
        var tar = SampleTar();
        foreach (var (blob, type) in new[] { (Gzip(tar), MediaTypes.OciLayerGzip), (Zstd(tar), MediaTypes.OciLayerZstd) })
        {
            var root = _tmp.Sub($"root-{Guid.NewGuid():N}");
            using var s = Decompression.Open(new MemoryStream(blob), type, "t");
            Assert.Equal(Digests.Sha256(tar), LayerUnpacker.Unpack(s, root, WhiteoutMode.Apply, "t"));
            Assert.Equal(100_000, new FileInfo(Path.Combine(root, "d/random.bin")).Length);
        }
    }

    [Fact]
    public void The_bytes_decide_when_a_compressed_layer_is_labelled_plain()
    {
        var tar = SampleTar();
        Assert.Equal(tar, ReadAll(Gzip(tar), MediaTypes.OciLayer));
        Assert.Equal(tar, ReadAll(Zstd(tar), MediaTypes.OciLayer));
        Assert.Equal(tar, ReadAll(Zstd(tar), MediaTypes.OciLayerGzip));
    }

    [Theory]
    [InlineData(MediaTypes.OciLayerGzip, "gzip")]
    [InlineData(MediaTypes.DockerLayerGzip, "gzip")]
    [InlineData(MediaTypes.OciLayerZstd, "zstd")]
    public void Compressed_media_type_on_plain_bytes_is_an_ImageException(string mediaType, string kind)
    {
        var e = Assert.Throws<ImageException>(() => ReadAll(SampleTar(), mediaType));
        Assert.Contains($"test blob: media type says {kind} but the blob is not {kind}-compressed", e.Message);
    }

    [Theory]
    [InlineData("application/vnd.oci.image.config.v1+json")]
    [InlineData("application/octet-stream")]
    [InlineData("")]
    public void Non_layer_media_type_is_an_ImageException(string mediaType)
    {
        var e = Assert.Throws<ImageException>(() => ReadAll(SampleTar(), mediaType));
        Assert.Contains("unsupported layer media type", e.Message);
    }

    [Fact]
    public void Tiny_blobs_shorter_than_the_magic_are_passed_through()
    {
        Assert.Empty(ReadAll([], MediaTypes.OciLayer));
        Assert.Equal([1, 2, 3], ReadAll([1, 2, 3], MediaTypes.OciLayer));
        Assert.Throws<ImageException>(() => ReadAll([0x1f], MediaTypes.OciLayerGzip));
    }

    [Fact]
    public void Truncated_zstd_throws_InvalidDataException()
    {
        var z = Zstd(SampleTar());
        var e = Assert.Throws<InvalidDataException>(() => ReadAll(z[..(z.Length / 2)], MediaTypes.OciLayerZstd));
        Assert.Contains("zstd", e.Message);
        using var direct = new ZstdDecompressStream(new MemoryStream(z[..(z.Length - 3)]));
        Assert.Throws<InvalidDataException>(() => direct.CopyTo(Stream.Null));
    }

    [Fact]
    public void Corrupt_zstd_throws_InvalidDataException()
    {
        var z = Zstd(SampleTar());
        for (var i = 20; i < z.Length; i += 97) z[i] ^= 0x5a;
        Assert.Throws<InvalidDataException>(() => ReadAll(z, MediaTypes.OciLayerZstd));
    }

    [Fact]
    public void Corrupt_gzip_throws_InvalidDataException()
    {
        var g = Gzip(SampleTar());
        for (var i = 20; i < g.Length; i += 97) g[i] ^= 0x5a;
        Assert.Throws<InvalidDataException>(() => ReadAll(g, MediaTypes.OciLayerGzip));
    }

    [Fact]
    public void Concatenated_zstd_frames_decode_fully()
    {
        var tar = SampleTar();
        var half = tar.Length / 2;
        var both = Zstd(tar[..half]).Concat(Zstd(tar[half..])).ToArray();
        Assert.Equal(tar, ReadAll(both, MediaTypes.OciLayerZstd));
        using var direct = new ZstdDecompressStream(new MemoryStream(both));
        var output = new MemoryStream();
        var buffer = new byte[1000]; // small reads across the frame boundary
        int n;
        while ((n = direct.Read(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, n);
        Assert.Equal(tar, output.ToArray());
    }

    [Fact]
    public void Zstd_stream_disposes_its_inner_stream_unless_asked_not_to()
    {
        var z = Zstd([1, 2, 3]);
        var inner = new MemoryStream(z);
        new ZstdDecompressStream(inner, leaveOpen: true).Dispose();
        Assert.True(inner.CanRead);
        var s = new ZstdDecompressStream(inner);
        s.Dispose();
        Assert.False(inner.CanRead);
        Assert.Throws<ObjectDisposedException>(() => s.Read(new byte[1], 0, 1));
    }
}
