using System.Diagnostics;
using System.Runtime.InteropServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// jdk.internal.perf.Perf: the JDK's performance counters (ZipFile, class loading and others keep some). Each is
/// a direct buffer over native memory that lives as long as the VM, as HotSpot's PerfMemory; no other process can
/// attach to them (attach fails as it does under -XX:-UsePerfData).
/// </summary>
internal static unsafe class JdkInternalPerfPerf
{
    private const string C = "jdk/internal/perf/Perf";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "registerNatives", "()V", static (t, a) => default);
        r.Add(C, "attach", "(Ljava/lang/String;II)Ljava/nio/ByteBuffer;", static (t, a) =>
            throw t.Vm.Throw("java/io/IOException", "Could not attach: performance data is not shared by nido java"));
        r.Add(C, "detach", "(Ljava/nio/ByteBuffer;)V", static (t, a) => default);
        r.Add(C, "createLong", "(Ljava/lang/String;IIJ)Ljava/nio/ByteBuffer;", static (t, a) =>
        {
            var memory = Allocate(8);
            Marshal.WriteInt64(memory, a[4].J);
            return Slot.OfRef(t.Vm.NewDirectByteBuffer(t, memory, 8));
        });
        r.Add(C, "createByteArray", "(Ljava/lang/String;II[BI)Ljava/nio/ByteBuffer;", static (t, a) =>
        {
            var value = (JArray<sbyte>)a[4].R!;
            var length = Math.Max(a[5].I, value.Data.Length);
            var memory = Allocate(length);
            MemoryMarshal.AsBytes(value.Data.AsSpan()).CopyTo(new Span<byte>((void*)memory, length));
            return Slot.OfRef(t.Vm.NewDirectByteBuffer(t, memory, length));
        });
        r.Add(C, "highResCounter", "()J", static (t, a) => Slot.OfLong(Stopwatch.GetTimestamp()));
        r.Add(C, "highResFrequency", "()J", static (t, a) => Slot.OfLong(Stopwatch.Frequency));
    }

    /// <summary>Zeroed native memory that is never freed (counters live as long as the process).</summary>
    private static unsafe nint Allocate(int length) => (nint)NativeMemory.AllocZeroed((nuint)Math.Max(1, length));
}
