using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.util.zip.Deflater on the system zlib, as libzip: the z_stream's address is the Deflater's handle; each
/// deflate call reports input read, output written, finished and "parameters still pending" packed in one long.
/// Argument indexes count slots (a long takes two).
/// </summary>
internal static unsafe class JavaUtilZipDeflater
{
    private const string C = "java/util/zip/Deflater";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "init", "(IIZ)J", static (t, a) =>
        {
            var s = Zlib.NewDeflater(a[0].I, a[1].I, a[2].I != 0, out var rc);
            return s != 0 ? Slot.OfLong(s) : throw JavaUtilZipInflater.InitError(t, rc);
        });
        r.Add(C, "setDictionary", "(J[BII)V", static (t, a) =>
        {
            fixed (byte* p = JavaIo.Bytes(t, a[2].R, a[3].I, a[4].I)) JavaUtilZipInflater.Dictionary(t, a[0].J, inflater: false, p, a[4].I);
            return default;
        });
        r.Add(C, "setDictionaryBuffer", "(JJI)V", static (t, a) =>
        {
            JavaUtilZipInflater.Dictionary(t, a[0].J, inflater: false, (byte*)a[2].J, a[4].I);
            return default;
        });
        r.Add(C, "deflateBytesBytes", "(J[BII[BIIII)J", static (t, a) =>
        {
            fixed (byte* input = JavaIo.Bytes(t, a[3].R, a[4].I, a[5].I))
            fixed (byte* output = JavaIo.Bytes(t, a[6].R, a[7].I, a[8].I))
                return Slot.OfLong(Deflate(t, a[1].J, input, a[5].I, output, a[8].I, a[9].I, a[10].I));
        });
        r.Add(C, "deflateBytesBuffer", "(J[BIIJIII)J", static (t, a) =>
        {
            fixed (byte* input = JavaIo.Bytes(t, a[3].R, a[4].I, a[5].I))
                return Slot.OfLong(Deflate(t, a[1].J, input, a[5].I, (byte*)a[6].J, a[8].I, a[9].I, a[10].I));
        });
        r.Add(C, "deflateBufferBytes", "(JJI[BIIII)J", static (t, a) =>
        {
            fixed (byte* output = JavaIo.Bytes(t, a[6].R, a[7].I, a[8].I))
                return Slot.OfLong(Deflate(t, a[1].J, (byte*)a[3].J, a[5].I, output, a[8].I, a[9].I, a[10].I));
        });
        r.Add(C, "deflateBufferBuffer", "(JJIJIII)J", static (t, a) =>
            Slot.OfLong(Deflate(t, a[1].J, (byte*)a[3].J, a[5].I, (byte*)a[6].J, a[8].I, a[9].I, a[10].I)));
        r.Add(C, "getAdler", "(J)I", static (t, a) => Slot.OfInt((int)Zlib.Adler((nint)a[0].J)));
        r.Add(C, "reset", "(J)V", static (t, a) => { Zlib.Reset((nint)a[0].J, inflater: false); return default; });
        r.Add(C, "end", "(J)V", static (t, a) => { Zlib.End((nint)a[0].J, inflater: false); return default; });
    }

    /// <summary>params: bit 0 asks for deflateParams with strategy (bits 1-2) and level (bits 3 and up) instead of deflate.</summary>
    private static long Deflate(JThread t, long stream, byte* input, int inputLength, byte* output, int outputLength, int flush, int parameters)
    {
        var setParams = (parameters & 1) != 0;
        var rc = Zlib.Deflate((nint)stream, input, inputLength, output, outputLength, flush,
            setParams ? (parameters >> 3, (parameters >> 1) & 3) : null, out var inputLeft, out var outputLeft);
        var (read, written, finished) = (0L, 0L, 0L);
        if (setParams)
        {
            if (rc is not (Zlib.Ok or Zlib.BufferError)) throw t.Vm.Throw("java/lang/InternalError", "deflateParams failed");
            if (rc == Zlib.Ok) setParams = false;
            (read, written) = (inputLength - inputLeft, outputLength - outputLeft);
        }
        else
        {
            switch (rc)
            {
                case Zlib.StreamEnd or Zlib.Ok:
                    finished = rc == Zlib.StreamEnd ? 1 : 0;
                    (read, written) = (inputLength - inputLeft, outputLength - outputLeft);
                    break;
                case Zlib.BufferError:
                    break;
                default:
                    throw t.Vm.Throw("java/lang/InternalError", Zlib.Message((nint)stream));
            }
        }
        return read | written << 31 | finished << 62 | (setParams ? 1L : 0) << 63;
    }
}
