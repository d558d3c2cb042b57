using System.IO.Compression;

namespace Nido.Jvm.JImage;

/// <summary>jlink's "zip" stage: a zlib stream (java.util.zip.Inflater's default format) of exactly the stated size.</summary>
internal static class ZipDecompressor
{
    public static unsafe byte[] Decompress(ReadOnlySpan<byte> input, int size)
    {
        var output = new byte[size];
        fixed (byte* p = input)
        {
            using var stream = new ZLibStream(new UnmanagedMemoryStream(p, input.Length), CompressionMode.Decompress);
            int read = stream.ReadAtLeast(output, size, throwOnEndOfStream: false);
            if (read != size)
                throw new InvalidDataException($"zip stage inflated to {read} bytes, expected {size}");
        }
        return output;
    }
}
