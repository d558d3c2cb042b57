using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>java.util.zip.CRC32 on the system zlib's crc32 (HotSpot's libzip uses the same function).</summary>
internal static unsafe class JavaUtilZipCRC32
{
    private const string C = "java/util/zip/CRC32";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "update", "(II)I", static (t, a) => Slot.OfInt((int)Zlib.Crc32((uint)a[0].I, [(byte)a[1].I])));
        r.Add(C, "updateBytes0", "(I[BII)I", static (t, a) =>
            Slot.OfInt((int)Zlib.Crc32((uint)a[0].I, JavaIo.Bytes(t, a[1].R, a[2].I, a[3].I))));
        // (int, long address, int offset, int length): the long takes two argument slots.
        r.Add(C, "updateByteBuffer0", "(IJII)I", static (t, a) =>
            Slot.OfInt((int)Zlib.Crc32((uint)a[0].I, new ReadOnlySpan<byte>((byte*)a[1].J + a[3].I, a[4].I))));
    }
}
