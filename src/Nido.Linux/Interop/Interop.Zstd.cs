using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>The system's libzstd (Debian's libzstd1, required by apt and so present everywhere): streaming decompression.</summary>
internal static partial class Interop
{
    internal const string LibZstd = "libzstd.so.1";

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct ZstdBuffer
    {
        public byte* ptr;
        public nuint size;
        public nuint pos;
    }

    [LibraryImport(LibZstd)]
    internal static partial nint ZSTD_createDStream();

    [LibraryImport(LibZstd)]
    internal static partial nuint ZSTD_freeDStream(nint stream);

    [LibraryImport(LibZstd)]
    internal static partial nuint ZSTD_initDStream(nint stream);

    [LibraryImport(LibZstd)]
    internal static unsafe partial nuint ZSTD_decompressStream(nint stream, ZstdBuffer* output, ZstdBuffer* input);

    [LibraryImport(LibZstd)]
    internal static partial uint ZSTD_isError(nuint code);

    [LibraryImport(LibZstd)]
    internal static partial nint ZSTD_getErrorName(nuint code);

    [LibraryImport(LibZstd)]
    internal static partial nuint ZSTD_DStreamInSize();
}
