using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.util.zip.Inflater on the system zlib, as libzip: inflate with Z_PARTIAL_FLUSH, results packed as input read,
/// output written, finished and needs-dictionary bits; corrupt data is a DataFormatException with zlib's message.
/// Argument indexes count slots (a long takes two).
/// </summary>
internal static unsafe class JavaUtilZipInflater
{
    private const string C = "java/util/zip/Inflater";
    private const int PartialFlush = 1;

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "initIDs", "()V", static (t, a) => default);
        r.Add(C, "init", "(Z)J", static (t, a) =>
        {
            var s = Zlib.NewInflater(a[0].I != 0, out var rc);
            return s != 0 ? Slot.OfLong(s) : throw InitError(t, rc);
        });
        r.Add(C, "setDictionary", "(J[BII)V", static (t, a) =>
        {
            fixed (byte* p = JavaIo.Bytes(t, a[2].R, a[3].I, a[4].I)) Dictionary(t, a[0].J, inflater: true, p, a[4].I);
            return default;
        });
        r.Add(C, "setDictionaryBuffer", "(JJI)V", static (t, a) =>
        {
            Dictionary(t, a[0].J, inflater: true, (byte*)a[2].J, a[4].I);
            return default;
        });
        r.Add(C, "inflateBytesBytes", "(J[BII[BII)J", static (t, a) =>
        {
            fixed (byte* input = JavaIo.Bytes(t, a[3].R, a[4].I, a[5].I))
            fixed (byte* output = JavaIo.Bytes(t, a[6].R, a[7].I, a[8].I))
                return Slot.OfLong(Inflate(t, a[0].R!, a[1].J, input, a[5].I, output, a[8].I));
        });
        r.Add(C, "inflateBytesBuffer", "(J[BIIJI)J", static (t, a) =>
        {
            fixed (byte* input = JavaIo.Bytes(t, a[3].R, a[4].I, a[5].I))
                return Slot.OfLong(Inflate(t, a[0].R!, a[1].J, input, a[5].I, (byte*)a[6].J, a[8].I));
        });
        r.Add(C, "inflateBufferBytes", "(JJI[BII)J", static (t, a) =>
        {
            fixed (byte* output = JavaIo.Bytes(t, a[6].R, a[7].I, a[8].I))
                return Slot.OfLong(Inflate(t, a[0].R!, a[1].J, (byte*)a[3].J, a[5].I, output, a[8].I));
        });
        r.Add(C, "inflateBufferBuffer", "(JJIJI)J", static (t, a) =>
            Slot.OfLong(Inflate(t, a[0].R!, a[1].J, (byte*)a[3].J, a[5].I, (byte*)a[6].J, a[8].I)));
        r.Add(C, "getAdler", "(J)I", static (t, a) => Slot.OfInt((int)Zlib.Adler((nint)a[0].J)));
        r.Add(C, "reset", "(J)V", static (t, a) => { Zlib.Reset((nint)a[0].J, inflater: true); return default; });
        r.Add(C, "end", "(J)V", static (t, a) => { Zlib.End((nint)a[0].J, inflater: true); return default; });
    }

    private static long Inflate(JThread t, JObject inflater, long stream, byte* input, int inputLength, byte* output, int outputLength)
    {
        var rc = Zlib.Inflate((nint)stream, input, inputLength, output, outputLength, PartialFlush, out var inputLeft, out var outputLeft);
        long read = 0, written = 0, finished = 0, needDictionary = 0;
        switch (rc)
        {
            case Zlib.StreamEnd or Zlib.Ok or Zlib.NeedDictionary:
                finished = rc == Zlib.StreamEnd ? 1 : 0;
                needDictionary = rc == Zlib.NeedDictionary ? 1 : 0;
                (read, written) = (inputLength - inputLeft, outputLength - outputLeft);
                break;
            case Zlib.BufferError:
                break;
            case Zlib.DataError:
                // What was consumed before the error still counts (Inflater reads these fields after the exception).
                t.Vm.SetField(inflater, inflater.Class, "inputConsumed", Slot.OfInt(inputLength - inputLeft));
                t.Vm.SetField(inflater, inflater.Class, "outputConsumed", Slot.OfInt(outputLength - outputLeft));
                throw t.Vm.Throw("java/util/zip/DataFormatException", Zlib.Message((nint)stream));
            case Zlib.MemoryError:
                throw t.Vm.Throw("java/lang/OutOfMemoryError", null);
            default:
                throw t.Vm.Throw("java/lang/InternalError", Zlib.Message((nint)stream));
        }
        return read | written << 31 | finished << 62 | needDictionary << 63;
    }

    public static void Dictionary(JThread t, long stream, bool inflater, byte* dictionary, int length)
    {
        switch (Zlib.SetDictionary((nint)stream, inflater, dictionary, length))
        {
            case Zlib.Ok: return;
            case Zlib.StreamError or Zlib.DataError: throw t.Vm.Throw("java/lang/IllegalArgumentException", Zlib.Message((nint)stream));
            default: throw t.Vm.Throw("java/lang/InternalError", Zlib.Message((nint)stream));
        }
    }

    public static JavaThrow InitError(JThread t, int rc) => rc switch
    {
        Zlib.MemoryError => t.Vm.Throw("java/lang/OutOfMemoryError", null),
        Zlib.VersionError => t.Vm.Throw("java/lang/LinkageError", "zlib returned Z_VERSION_ERROR: compile time and runtime zlib implementations differ"),
        Zlib.StreamError => t.Vm.Throw("java/lang/IllegalArgumentException", null),
        _ => t.Vm.Throw("java/lang/InternalError", $"zlib init failed ({rc})"),
    };
}
