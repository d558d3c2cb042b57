using System.Diagnostics;
using System.Runtime.CompilerServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>java.lang.System: stdio fields, clocks, arraycopy, identity hash, library names.</summary>
internal static class JavaLangSystem
{
    private const string C = "java/lang/System";

    public static void Register(NativeRegistry r)
    {
        r.AddAny(C, "registerNatives", static (t, a) => default);
        r.Add(C, "setIn0", "(Ljava/io/InputStream;)V", static (t, a) => SetStatic(t, "in", a[0]));
        r.Add(C, "setOut0", "(Ljava/io/PrintStream;)V", static (t, a) => SetStatic(t, "out", a[0]));
        r.Add(C, "setErr0", "(Ljava/io/PrintStream;)V", static (t, a) => SetStatic(t, "err", a[0]));
        r.Add(C, "currentTimeMillis", "()J", static (t, a) => Slot.OfLong(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        r.Add(C, "nanoTime", "()J", static (t, a) => Slot.OfLong((long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency))));
        r.Add(C, "identityHashCode", "(Ljava/lang/Object;)I", static (t, a) => Slot.OfInt(a[0].R is null ? 0 : RuntimeHelpers.GetHashCode(a[0].R)));
        r.Add(C, "mapLibraryName", "(Ljava/lang/String;)Ljava/lang/String;", static (t, a) =>
            Slot.OfRef(t.Vm.NewString("lib" + (t.Vm.StringOf(a[0].R) ?? throw t.Vm.Throw("java/lang/NullPointerException", null)) + ".so")));
        r.Add(C, "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", static (t, a) =>
        {
            ArrayCopy(t, a[0].R, a[1].I, a[2].R, a[3].I, a[4].I);
            return default;
        });
    }

    private static Slot SetStatic(JThread t, string name, Slot value)
    {
        t.Vm.BootClass(C).Static(name) = value;
        return default;
    }

    /// <summary>
    /// The copy when nothing can fail: both arrays, element types that fit, indices in range (compiled code calls this
    /// first too). Spans copy as memmove, so overlapping ranges work.
    /// </summary>
    public static bool TryArrayCopy(JObject? src, int srcPos, JObject? dst, int dstPos, int length)
    {
        if (src is not JArray s || dst is not JArray d) return false;
        if (length < 0 || srcPos < 0 || dstPos < 0 || srcPos > s.Length - length || dstPos > d.Length - length) return false;
        var sc = s.Class.Component!;
        var dc = d.Class.Component!;
        if (!ReferenceEquals(sc, dc) && (sc.IsPrimitive || dc.IsPrimitive || !sc.IsSubtypeOf(dc))) return false;
        // Same .NET element type from here on.
        switch (s)
        {
            case JArray<int> a: a.Data.AsSpan(srcPos, length).CopyTo(Unsafe.As<JArray<int>>(d).Data.AsSpan(dstPos)); break;
            case JArray<sbyte> a: a.Data.AsSpan(srcPos, length).CopyTo(Unsafe.As<JArray<sbyte>>(d).Data.AsSpan(dstPos)); break;
            case JArray<char> a: a.Data.AsSpan(srcPos, length).CopyTo(Unsafe.As<JArray<char>>(d).Data.AsSpan(dstPos)); break;
            case JArray<JObject?> a: a.Data.AsSpan(srcPos, length).CopyTo(Unsafe.As<JArray<JObject?>>(d).Data.AsSpan(dstPos)); break;
            default: Array.Copy(s.Raw, srcPos, d.Raw, dstPos, length); break;
        }
        return true;
    }

    /// <summary>System.arraycopy with Java's checks and messages; overlapping copies behave as through a temporary.</summary>
    public static void ArrayCopy(JThread t, JObject? src, int srcPos, JObject? dst, int dstPos, int length)
    {
        if (TryArrayCopy(src, srcPos, dst, dstPos, length)) return;
        var vm = t.Vm;
        if (src is null || dst is null) throw vm.Throw("java/lang/NullPointerException", null);
        if (src is not JArray s) throw vm.Throw("java/lang/ArrayStoreException", $"arraycopy: source type {src.Class.JavaName} is not an array");
        if (dst is not JArray d) throw vm.Throw("java/lang/ArrayStoreException", $"arraycopy: destination type {dst.Class.JavaName} is not an array");
        var sc = s.Class.Component!;
        var dc = d.Class.Component!;
        if (sc.IsPrimitive || dc.IsPrimitive)
        {
            if (!ReferenceEquals(sc, dc))
                throw vm.Throw("java/lang/ArrayStoreException", $"arraycopy: type mismatch: can not copy {(sc.IsPrimitive ? sc.Name : "object array")}[] into {(dc.IsPrimitive ? dc.Name : "object array")}[]");
        }
        if (length < 0 || srcPos < 0 || dstPos < 0 || (long)srcPos + length > s.Length || (long)dstPos + length > d.Length)
        {
            var what = srcPos < 0 ? $"source index {srcPos} out of bounds for {Kind(s)}[{s.Length}]"
                : dstPos < 0 ? $"destination index {dstPos} out of bounds for {Kind(d)}[{d.Length}]"
                : length < 0 ? $"length {length} is negative"
                : (long)srcPos + length > s.Length ? $"last source index {(long)srcPos + length} out of bounds for {Kind(s)}[{s.Length}]"
                : $"last destination index {(long)dstPos + length} out of bounds for {Kind(d)}[{d.Length}]";
            throw vm.Throw("java/lang/ArrayIndexOutOfBoundsException", "arraycopy: " + what);
        }
        // What TryArrayCopy declined and the checks above let through: reference arrays whose element types do not
        // fit each other. Copy until an element does not fit.
        var from = ((JArray<JObject?>)s).Data;
        var to = ((JArray<JObject?>)d).Data;
        for (var i = 0; i < length; i++)
        {
            var e = from[srcPos + i];
            if (e is not null && !e.Class.IsSubtypeOf(dc))
                throw vm.Throw("java/lang/ArrayStoreException", $"arraycopy: element type mismatch: can not cast one of the elements of {s.Class.Component!.JavaName}[] to the type of the destination array, {dc.JavaName}");
            to[dstPos + i] = e;
        }
    }

    private static string Kind(JArray a) => a.Class.Component!.IsPrimitive ? a.Class.Component.Name : "object array";
}
