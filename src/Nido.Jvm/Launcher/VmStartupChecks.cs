namespace Nido.Jvm.Launcher;

/// <summary>
/// The checks HotSpot makes after reading its options, while the VM and then the module system
/// start: one garbage collector, coherent heap sizes, a usable stack size, well-formed --add-* values.
/// </summary>
internal static class VmStartupChecks
{
    private const long MinMaxHeap = 2L << 20;
    private const long MinInitialHeap = 1L << 20;
    private const long MinThreadStack = 136L << 10; // HotSpot's minimum on Linux x64

    private static readonly string[] Collectors = ["UseSerialGC", "UseParallelGC", "UseG1GC", "UseZGC"];

    public static void Run(VmSettings settings, LauncherOutput output)
    {
        if (settings.DroppedModuleProperty)
            output.Note($"{LauncherMessages.VmWarningPrefix}Ignoring system property options whose names match the '-Djdk.module.*'. names that are reserved for internal use.");
        if (Collectors.Count(c => settings.FlagIs(c, true)) > 1)
            throw output.FailVmInit("Multiple garbage collectors selected");
        if (settings.MaxHeap < MinMaxHeap)
            throw output.FailVmInit("Too small maximum heap");
        if (settings.InitialHeap is > 0 and < MinInitialHeap)
            throw output.FailVmInit("Too small initial heap");
        if (settings.InitialHeap > settings.MaxHeap)
            throw output.FailVmInit("Initial heap size set to a larger value than the maximum heap size");
        if (settings.ThreadStack is > 0 and < MinThreadStack)
        {
            output.Lines.Add(LauncherLine.Out(""));
            output.Lines.Add(LauncherLine.Out($"The Java thread stack size specified is too small. Specify at least {MinThreadStack >> 10}k"));
            throw output.FailVm();
        }
        CheckModuleOptions(settings, output);
    }

    // ModuleBootstrap's decoding: <module>=<value> for all three, and <module>/<package> for exports and opens.
    private static void CheckModuleOptions(VmSettings settings, LauncherOutput output)
    {
        // Plain loops: LINQ over these pairs has no precompiled code in the host, and JIT-compiling it cost ~1 ms of
        // every start.
        foreach (string option in (string[])["--add-reads", "--add-exports", "--add-opens"])
        {
            foreach (var (name, value) in settings.ModuleOptions)
            {
                if (name != option) continue;
                int eq = value.IndexOf('=');
                if (eq <= 0 || eq == value.Length - 1)
                    throw BootLayerFailure(output, option, "<module>=<value>", value);
            }
            if (option == "--add-reads")
                continue;
            foreach (var (name, value) in settings.ModuleOptions)
            {
                if (name != option) continue;
                string key = value[..value.IndexOf('=')];
                int slash = key.IndexOf('/');
                if (slash <= 0 || slash == key.Length - 1)
                    throw BootLayerFailure(output, option, "<module>/<package>", key);
            }
        }
    }

    private static JavaLauncherException BootLayerFailure(LauncherOutput output, string option, string shape, string value) =>
        output.FailVmInit($"java.lang.RuntimeException: Unable to parse {option} {shape}: {value}", LauncherMessages.BootLayerError);
}
