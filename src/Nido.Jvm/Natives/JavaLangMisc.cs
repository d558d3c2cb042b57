using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>Small natives of java.lang: Float/Double bits, String.intern, StringUTF16, Runtime, Shutdown, StrictMath, NullPointerException.</summary>
internal static class JavaLangMisc
{
    public static void Register(NativeRegistry r)
    {
        r.Add("java/lang/Float", "floatToRawIntBits", "(F)I", static (t, a) => Slot.OfInt(a[0].I));
        r.Add("java/lang/Float", "intBitsToFloat", "(I)F", static (t, a) => Slot.OfInt(a[0].I));
        r.Add("java/lang/Double", "doubleToRawLongBits", "(D)J", static (t, a) => Slot.OfLong(a[0].J));
        r.Add("java/lang/Double", "longBitsToDouble", "(J)D", static (t, a) => Slot.OfLong(a[0].J));
        r.Add("java/lang/String", "intern", "()Ljava/lang/String;", static (t, a) => Slot.OfRef(t.Vm.Intern(a[0].R!)));
        r.Add("java/lang/StringUTF16", "isBigEndian", "()Z", static (t, a) => Slot.OfBool(!BitConverter.IsLittleEndian));
        r.Add("java/lang/Runtime", "availableProcessors", "()I", static (t, a) => Slot.OfInt(Environment.ProcessorCount));
        r.Add("java/lang/Runtime", "freeMemory", "()J", static (t, a) =>
        {
            return Slot.OfLong(Math.Max(0, Total(t) - Heap.Used(t.Vm)));
        });
        r.Add("java/lang/Runtime", "totalMemory", "()J", static (t, a) => Slot.OfLong(Total(t)));
        r.Add("java/lang/Runtime", "maxMemory", "()J", static (t, a) => Slot.OfLong(Heap.Max(t.Vm)));
        r.Add("java/lang/Runtime", "gc", "()V", static (t, a) => { t.Vm.References.Collect(t); return default; });
        r.Add("java/lang/Shutdown", "beforeHalt", "()V", static (t, a) => default);
        r.Add("java/lang/Shutdown", "halt0", "(I)V", static (t, a) =>
        {
            t.Vm.StandardOutput.Flush();
            t.Vm.StandardError.Flush();
            t.Vm.Halt(a[0].I);
            return default;
        });
        // The faulting method and pc are the top of the exception's backtrace, as in HotSpot.
        r.Add("java/lang/NullPointerException", "getExtendedNPEMessage", "()Ljava/lang/String;", static (t, a) =>
            t.Vm.GetField(a[0].R!, "backtrace").R?.Vm is Backtrace { Methods.Length: > 0 } bt
            && HelpfulNullPointer.Message(bt.Methods[0], bt.Pcs[0]) is { } message
                ? Slot.OfRef(t.Vm.NewString(message)) : default);
        r.Add("java/util/TimeZone", "getSystemTimeZoneID", "(Ljava/lang/String;)Ljava/lang/String;", static (t, a) => Slot.OfRef(t.Vm.NewString(SystemTimeZone())));
        r.Add("java/util/TimeZone", "getSystemGMTOffsetID", "()Ljava/lang/String;", static (t, a) => Slot.OfRef(t.Vm.NewString("GMT")));
        r.Add("java/util/concurrent/atomic/AtomicLong", "VMSupportsCS8", "()Z", static (t, a) => Slot.OfBool(true));
        r.Add("java/lang/SecurityManager", "getClassContext", "()[Ljava/lang/Class;", static (t, a) =>
        {
            var frames = JavaLangThrowable.Capture(t, null, int.MaxValue).Methods.Skip(1).Select(m => m.Owner).ToArray();
            return Slot.OfRef(JavaLangClass.Mirrors(t, frames));
        });
        r.Add("java/lang/StackStreamFactory", "checkStackWalkModes", "()Z", static (t, a) => Slot.OfBool(true));
        r.Add("java/lang/ProcessEnvironment", "environ", "()[[B", static (t, a) =>
        {
            var vm = t.Vm;
            var entries = Environment.GetEnvironmentVariables();
            var list = new List<(string, string)>();
            foreach (System.Collections.DictionaryEntry e in entries) list.Add(((string)e.Key, (string?)e.Value ?? ""));
            var array = (JArray<JObject?>)vm.NewArray(vm.ArrayOf(vm.Primitive('B')), list.Count * 2);
            for (var i = 0; i < list.Count; i++)
            {
                array.Data[2 * i] = vm.NewByteArray(System.Text.Encoding.UTF8.GetBytes(list[i].Item1));
                array.Data[2 * i + 1] = vm.NewByteArray(System.Text.Encoding.UTF8.GetBytes(list[i].Item2));
            }
            return Slot.OfRef(array);
        });
        const string M = "java/lang/StrictMath";
        r.Add(M, "sin", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Sin(a[0].D)));
        r.Add(M, "cos", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Cos(a[0].D)));
        r.Add(M, "tan", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Tan(a[0].D)));
        r.Add(M, "asin", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Asin(a[0].D)));
        r.Add(M, "acos", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Acos(a[0].D)));
        r.Add(M, "atan", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Atan(a[0].D)));
        r.Add(M, "log", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Log(a[0].D)));
        r.Add(M, "log10", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Log10(a[0].D)));
        r.Add(M, "sqrt", "(D)D", static (t, a) => Slot.OfDouble(Math.Sqrt(a[0].D)));
        r.Add(M, "IEEEremainder", "(DD)D", static (t, a) => Slot.OfDouble(Math.IEEERemainder(a[0].D, a[2].D)));
        r.Add(M, "atan2", "(DD)D", static (t, a) => Slot.OfDouble(FdLibm.Atan2(a[0].D, a[2].D)));
        r.Add(M, "sinh", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Sinh(a[0].D)));
        r.Add(M, "cosh", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Cosh(a[0].D)));
        r.Add(M, "tanh", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Tanh(a[0].D)));
        r.Add(M, "expm1", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Expm1(a[0].D)));
        r.Add(M, "log1p", "(D)D", static (t, a) => Slot.OfDouble(FdLibm.Log1p(a[0].D)));
    }

    /// <summary>The zone java.util.TimeZone starts with: TZ, else /etc/timezone, else the /etc/localtime link, else UTC.</summary>
    private static string SystemTimeZone()
    {
        if (Environment.GetEnvironmentVariable("TZ") is { Length: > 0 } tz) return tz.TrimStart(':');
        try
        {
            if (File.Exists("/etc/timezone") && File.ReadAllText("/etc/timezone").Trim() is { Length: > 0 } zone) return zone;
            if (new FileInfo("/etc/localtime").LinkTarget is { } target && target.IndexOf("zoneinfo/", StringComparison.Ordinal) is >= 0 and var i)
                return target[(i + "zoneinfo/".Length)..];
        }
        catch (IOException)
        {
        }
        return "UTC";
    }

    private static long Total(JThread t) => Math.Min(Heap.Max(t.Vm), Math.Max(GC.GetGCMemoryInfo().HeapSizeBytes - t.Vm.HeapBaseline, Heap.Used(t.Vm)) + (16L << 20));
}
