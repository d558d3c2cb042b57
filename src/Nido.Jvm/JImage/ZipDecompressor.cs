using System.IO.Compression;

namespace Nido.Jvm.JImage;

/// <summary>jlink's "zip" stage: a zlib stream (java.util.zip.Inflater's default format) of exactly the stated size.</summary>
internal static class ZipDecompressor
{
    public static byte[] Decompress(byte[] input, int offset, int size)
    {
        var output = new byte[size];
        int read;
        using var stream = new ZLibStream(new MemoryStream(input, offset, input.Length - offset, writable: false), CompressionMode.Decompress);
        try
        {
            read = stream.ReadAtLeast(output, size, throwOnEndOfStream: false);
        }
        catch (IOException e)
        {
            // The source is memory, so an IOException is zlib refusing the data (a preset dictionary asked for, say).
            throw new InvalidDataException($"zip stage: {e.Message}", e);
        }
        if (read != size) throw new InvalidDataException($"zip stage inflated to {read} bytes, expected {size}");
        return output;
    }
}
