using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>
/// The system zlib (libz.so.1), for callers that must produce zlib's exact bytes and codes (the JVM's
/// java.util.zip). A stream is a z_stream in native memory named by its address, which the caller keeps and must
/// end exactly once. Results are zlib's return codes.
/// </summary>
public static unsafe class Zlib
{
    public const int Ok = 0, StreamEnd = 1, NeedDictionary = 2, StreamError = -2, DataError = -3, MemoryError = -4, BufferError = -5, VersionError = -6;

    /// <summary>deflateInit2 with zlib's defaults (8 = deflate, memory level 8); raw deflate when <paramref name="nowrap"/>. 0 and the code on failure.</summary>
    public static nint NewDeflater(int level, int strategy, bool nowrap, out int result) =>
        New(s => Interop.deflateInit2_(s, level, 8, nowrap ? -15 : 15, 8, strategy, Interop.zlibVersion(), sizeof(Interop.ZStream)), out result);

    public static nint NewInflater(bool nowrap, out int result) =>
        New(s => Interop.inflateInit2_(s, nowrap ? -15 : 15, Interop.zlibVersion(), sizeof(Interop.ZStream)), out result);

    /// <summary>One deflate call (or deflateParams when <paramref name="setParams"/>) over the given buffers; reports what is left of each.</summary>
    public static int Deflate(nint stream, byte* input, int inputLength, byte* output, int outputLength, int flush,
        (int Level, int Strategy)? setParams, out int inputLeft, out int outputLeft)
    {
        var s = Point(stream, NonNull(input), inputLength, NonNull(output), outputLength);
        var rc = setParams is { } p ? Interop.deflateParams(s, p.Level, p.Strategy) : Interop.deflate(s, flush);
        (inputLeft, outputLeft) = ((int)s->avail_in, (int)s->avail_out);
        return rc;
    }

    public static int Inflate(nint stream, byte* input, int inputLength, byte* output, int outputLength, int flush, out int inputLeft, out int outputLeft)
    {
        var s = Point(stream, NonNull(input), inputLength, NonNull(output), outputLength);
        var rc = Interop.inflate(s, flush);
        (inputLeft, outputLeft) = ((int)s->avail_in, (int)s->avail_out);
        return rc;
    }

    public static int SetDictionary(nint stream, bool inflater, byte* dictionary, int length) => inflater
        ? Interop.inflateSetDictionary((Interop.ZStream*)stream, NonNull(dictionary), (uint)length)
        : Interop.deflateSetDictionary((Interop.ZStream*)stream, NonNull(dictionary), (uint)length);

    // An empty span pins to a null pointer, which zlib takes as "no buffer" (a stream error, or a checksum's initial
    // value) rather than an empty one: empty buffers point here instead.
    private static readonly byte* EmptyBuffer = (byte*)NativeMemory.AllocZeroed(1);

    private static byte* NonNull(byte* p) => p == null ? EmptyBuffer : p;

    public static int Reset(nint stream, bool inflater) =>
        inflater ? Interop.inflateReset((Interop.ZStream*)stream) : Interop.deflateReset((Interop.ZStream*)stream);

    /// <summary>Ends the stream and frees its memory.</summary>
    public static void End(nint stream, bool inflater)
    {
        if (inflater) Interop.inflateEnd((Interop.ZStream*)stream);
        else Interop.deflateEnd((Interop.ZStream*)stream);
        NativeMemory.Free((void*)stream);
    }

    /// <summary>The Adler-32 (or, for gzip-wrapped streams, CRC) checksum of the data so far.</summary>
    public static uint Adler(nint stream) => (uint)((Interop.ZStream*)stream)->adler;

    /// <summary>zlib's message for the stream's last error, if any.</summary>
    public static string? Message(nint stream) => Marshal.PtrToStringUTF8((nint)((Interop.ZStream*)stream)->msg);

    public static uint Crc32(uint crc, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data) return (uint)Interop.crc32(crc, NonNull(p), (uint)data.Length);
    }

    public static uint Adler32(uint adler, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data) return (uint)Interop.adler32(adler, NonNull(p), (uint)data.Length);
    }

    private delegate int Init(Interop.ZStream* stream);

    private static nint New(Init init, out int result)
    {
        var s = (Interop.ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(Interop.ZStream));
        result = init(s);
        if (result == Ok) return (nint)s;
        NativeMemory.Free(s);
        return 0;
    }

    private static Interop.ZStream* Point(nint stream, byte* input, int inputLength, byte* output, int outputLength)
    {
        var s = (Interop.ZStream*)stream;
        s->next_in = input;
        s->avail_in = (uint)inputLength;
        s->next_out = output;
        s->avail_out = (uint)outputLength;
        return s;
    }
}
