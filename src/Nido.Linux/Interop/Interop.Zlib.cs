using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    private const string Zlib = "libz.so.1";

    /// <summary>z_stream on x86-64 (112 bytes); Zlib allocates it in native memory so its address can be handed out.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct ZStream
    {
        public byte* next_in;
        public uint avail_in;
        public ulong total_in;
        public byte* next_out;
        public uint avail_out;
        public ulong total_out;
        public byte* msg;
        public void* state;
        public void* zalloc, zfree, opaque;
        public int data_type;
        public ulong adler, reserved;
    }

    [LibraryImport(Zlib)] internal static partial nint zlibVersion();
    [LibraryImport(Zlib)] internal static unsafe partial int deflateInit2_(ZStream* strm, int level, int method, int windowBits, int memLevel, int strategy, nint version, int streamSize);
    [LibraryImport(Zlib)] internal static unsafe partial int inflateInit2_(ZStream* strm, int windowBits, nint version, int streamSize);
    [LibraryImport(Zlib)] internal static unsafe partial int deflate(ZStream* strm, int flush);
    [LibraryImport(Zlib)] internal static unsafe partial int inflate(ZStream* strm, int flush);
    [LibraryImport(Zlib)] internal static unsafe partial int deflateParams(ZStream* strm, int level, int strategy);
    [LibraryImport(Zlib)] internal static unsafe partial int deflateSetDictionary(ZStream* strm, byte* dictionary, uint length);
    [LibraryImport(Zlib)] internal static unsafe partial int inflateSetDictionary(ZStream* strm, byte* dictionary, uint length);
    [LibraryImport(Zlib)] internal static unsafe partial int deflateReset(ZStream* strm);
    [LibraryImport(Zlib)] internal static unsafe partial int inflateReset(ZStream* strm);
    [LibraryImport(Zlib)] internal static unsafe partial int deflateEnd(ZStream* strm);
    [LibraryImport(Zlib)] internal static unsafe partial int inflateEnd(ZStream* strm);
    [LibraryImport(Zlib)] internal static unsafe partial nuint crc32(nuint crc, byte* buf, uint length);
    [LibraryImport(Zlib)] internal static unsafe partial nuint adler32(nuint adler, byte* buf, uint length);
}
