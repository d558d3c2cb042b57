using System.Globalization;

namespace Nido.Jvm.Launcher;

/// <summary>
/// -XX options (HotSpot's process_argument): the small set of flags Nido accepts, with HotSpot's
/// messages for unknown flags, a wrong or missing +/-, values that do not parse and values out of range.
/// </summary>
internal static class VmFlags
{
    public const string IgnoreUnrecognized = "IgnoreUnrecognizedVMOptions";

    private static readonly Dictionary<string, VmFlagSpec> Known = new VmFlagSpec[]
    {
        new("UseSerialGC", VmFlagType.Bool), new("UseParallelGC", VmFlagType.Bool), new("UseG1GC", VmFlagType.Bool),
        new("UseZGC", VmFlagType.Bool), new("UseCompressedOops", VmFlagType.Bool), new("UseCompressedClassPointers", VmFlagType.Bool),
        new("TieredCompilation", VmFlagType.Bool), new("BackgroundCompilation", VmFlagType.Bool), new("UseContainerSupport", VmFlagType.Bool),
        new("HeapDumpOnOutOfMemoryError", VmFlagType.Bool), new("ExitOnOutOfMemoryError", VmFlagType.Bool),
        new("CrashOnOutOfMemoryError", VmFlagType.Bool), new("ShowCodeDetailsInExceptionMessages", VmFlagType.Bool),
        new("OmitStackTraceInFastThrow", VmFlagType.Bool), new("StackTraceInThrowable", VmFlagType.Bool),
        new("UnlockDiagnosticVMOptions", VmFlagType.Bool), new("UnlockExperimentalVMOptions", VmFlagType.Bool),
        new(IgnoreUnrecognized, VmFlagType.Bool), new("AlwaysPreTouch", VmFlagType.Bool), new("UseStringDeduplication", VmFlagType.Bool),
        new("DisableAttachMechanism", VmFlagType.Bool), new("UseLargePages", VmFlagType.Bool), new("UsePerfData", VmFlagType.Bool),
        new("PerfDisableSharedMem", VmFlagType.Bool), new("DisableExplicitGC", VmFlagType.Bool),
        new("ExplicitGCInvokesConcurrent", VmFlagType.Bool), new("UseNUMA", VmFlagType.Bool), new("ClassUnloading", VmFlagType.Bool),
        new("UseTLAB", VmFlagType.Bool), new("ReduceSignalUsage", VmFlagType.Bool), new("ParallelRefProcEnabled", VmFlagType.Bool), new("UseAdaptiveSizePolicy", VmFlagType.Bool),
        new("TieredStopAtLevel", VmFlagType.Intx, 0, 4), new("CICompilerCount", VmFlagType.Intx, 0, int.MaxValue),
        new("MaxJavaStackTraceDepth", VmFlagType.Intx), new("ThreadStackSize", VmFlagType.Intx, 0, 1 << 20),
        new("ActiveProcessorCount", VmFlagType.Int), new("ParallelGCThreads", VmFlagType.Uint), new("ConcGCThreads", VmFlagType.Uint),
        new("MaxGCPauseMillis", VmFlagType.Uintx), new("MaxTenuringThreshold", VmFlagType.Uintx), new("NewRatio", VmFlagType.Uintx),
        new("SurvivorRatio", VmFlagType.Uintx), new("GCTimeRatio", VmFlagType.Uintx),
        new("MaxHeapFreeRatio", VmFlagType.Uintx, 0, 100), new("MinHeapFreeRatio", VmFlagType.Uintx, 0, 100),
        new("InitialHeapSize", VmFlagType.SizeT), new("MinHeapSize", VmFlagType.SizeT), new("NewSize", VmFlagType.SizeT),
        new("MaxNewSize", VmFlagType.SizeT), new("MaxMetaspaceSize", VmFlagType.SizeT), new("MetaspaceSize", VmFlagType.SizeT),
        new("CompressedClassSpaceSize", VmFlagType.SizeT), new("MaxDirectMemorySize", VmFlagType.SizeT), new("MaxRAM", VmFlagType.SizeT),
        new("MaxRAMPercentage", VmFlagType.Double, 0, 100), new("MinRAMPercentage", VmFlagType.Double, 0, 100),
        new("InitialRAMPercentage", VmFlagType.Double, 0, 100),
        new("HeapDumpPath", VmFlagType.Ccstr), new("ErrorFile", VmFlagType.Ccstr), new("OnOutOfMemoryError", VmFlagType.Ccstr),
        new("OnError", VmFlagType.Ccstr), new("NativeMemoryTracking", VmFlagType.Ccstr),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Applies "-XX:" + tail; a bad flag throws HotSpot's failure.</summary>
    public static void Process(string tail, VmSettings settings, LauncherOutput output)
    {
        bool plusMinus = tail.StartsWith('+') || tail.StartsWith('-');
        string argName = plusMinus ? tail[1..] : tail;
        int eq = argName.IndexOf('=');
        string name = eq < 0 ? argName : argName[..eq];
        if (!Known.TryGetValue(name, out VmFlagSpec? spec))
        {
            if (settings.IgnoreUnrecognized)
                return;
            if (tail.StartsWith('#'))
            {
                output.Note($"Unrecognized VM option '{argName}'"); // "-XX:#…" comments an option out: reported, not fatal
                return;
            }
            throw output.FailVm($"Unrecognized VM option '{argName}'");
        }
        if (spec.Type == VmFlagType.Bool)
        {
            if (!plusMinus)
                throw output.FailVm($"Missing +/- setting for VM option '{argName}'");
            if (eq >= 0)
                throw output.FailVm($"Improperly specified VM option '{argName}'");
            settings.Flags.Add(new VmFlag(name, tail[0] == '+' ? "true" : "false"));
            return;
        }
        if (plusMinus)
            throw output.FailVm($"Unexpected +/- setting in VM option '{argName}'");
        if (eq < 0)
            throw output.FailVm($"Improperly specified VM option '{argName}'");
        string value = argName[(eq + 1)..];
        string? stored = spec.Type switch
        {
            VmFlagType.Ccstr => value,
            VmFlagType.Double => CheckDouble(spec, value, output),
            _ => CheckInteger(spec, value, output),
        };
        if (stored == null)
            throw output.FailVm($"Improperly specified VM option '{argName}'");
        settings.Flags.Add(new VmFlag(name, stored));
        if (name == "ThreadStackSize")
            settings.ThreadStack = long.Parse(stored, CultureInfo.InvariantCulture) * 1024;
        else if (name == "InitialHeapSize")
            settings.InitialHeap = (long)ulong.Parse(stored, CultureInfo.InvariantCulture);
    }

    // The value as a decimal string, or null when it does not parse (a range error is noted first, as HotSpot prints it).
    private static string? CheckInteger(VmFlagSpec spec, string text, LauncherOutput output)
    {
        bool signed = spec.Type is VmFlagType.Int or VmFlagType.Intx;
        bool negative = signed && text.StartsWith('-');
        if (!MemorySize.TryParse(negative ? text[1..] : text, out ulong magnitude))
            return null;
        (decimal min, decimal max) = spec.Type switch
        {
            VmFlagType.Int => ((decimal)int.MinValue, (decimal)int.MaxValue),
            VmFlagType.Intx => (long.MinValue, long.MaxValue),
            VmFlagType.Uint => (0m, uint.MaxValue),
            _ => (0m, (decimal)ulong.MaxValue),
        };
        decimal value = negative ? -(decimal)magnitude : magnitude;
        if (value < min || value > max)
            return null;
        string shown = value.ToString(CultureInfo.InvariantCulture);
        if ((spec.Min is { } lo && value < (decimal)lo) || (spec.Max is { } hi && value > (decimal)hi))
        {
            output.Note($"{TypeName(spec.Type)} {spec.Name}={shown} is outside the allowed range [ {spec.Min} ... {spec.Max} ]");
            return null;
        }
        return shown;
    }

    private static string? CheckDouble(VmFlagSpec spec, string text, LauncherOutput output)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            return null;
        if ((spec.Min is { } lo && value < lo) || (spec.Max is { } hi && value > hi))
        {
            output.Note(string.Create(CultureInfo.InvariantCulture,
                $"double {spec.Name}={value:F6} is outside the allowed range [ {spec.Min:F6} ... {spec.Max:F6} ]"));
            return null;
        }
        return text;
    }

    private static string TypeName(VmFlagType type) => type == VmFlagType.SizeT ? "size_t" : type.ToString().ToLowerInvariant();
}
