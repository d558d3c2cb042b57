using System.IO.Compression;
using Nido.Linux;
using Nido.Oci.Image;

namespace Nido.Images.Layers;

/// <summary>Opens a layer blob as a plain tar stream: gzip, zstd or uncompressed, by media type and checked against the magic bytes.</summary>
public static class Decompression
{
    public static Stream Open(Stream blob, string mediaType, string what)
    {
        var declared = MediaTypes.LayerCompression(mediaType) ?? throw new ImageException($"{what}: unsupported layer media type \"{mediaType}\"");
        var head = new byte[4];
        var n = blob.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        var actual = Sniff(head.AsSpan(0, n));
        // Docker's own archives label gzip layers as plain tar and the reverse; the bytes decide, as Docker does.
        if (declared != actual && declared != "" && actual == "")
            throw new ImageException($"{what}: media type says {declared} but the blob is not {declared}-compressed");
        var whole = new PrefixedStream(head.AsMemory(0, n), blob);
        return actual switch
        {
            "gzip" => new GZipStream(whole, CompressionMode.Decompress),
            "zstd" => new ZstdDecompressStream(whole),
            _ => whole,
        };
    }

    /// <summary>The compression the first bytes show: "gzip", "zstd" or "" (anything else, such as a plain tar).</summary>
    public static string Sniff(ReadOnlySpan<byte> head) =>
        head is [0x1f, 0x8b, ..] ? "gzip" : head is [0x28, 0xb5, 0x2f, 0xfd, ..] ? "zstd" : "";

    /// <summary>Bytes already read from a stream, then the rest of it.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Nido.Linux.ReadOnlyStream
    {
        private int _used;


        public override int Read(Span<byte> buffer)
        {
            if (_used < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _used);
                prefix.Span.Slice(_used, n).CopyTo(buffer);
                _used += n;
                return n;
            }
            return rest.Read(buffer);
        }


        protected override void Dispose(bool disposing)
        {
            if (disposing) rest.Dispose();
            base.Dispose(disposing);
        }
    }
}
