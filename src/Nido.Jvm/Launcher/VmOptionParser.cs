namespace Nido.Jvm.Launcher;

/// <summary>
/// HotSpot's parse_each_vm_init_arg for the options Nido knows: JAVA_TOOL_OPTIONS first, then
/// the launcher's options, then _JAVA_OPTIONS; the first bad option ends the launch with HotSpot's message.
/// </summary>
internal sealed class VmOptionParser(LauncherOutput output, VmSettings settings)
{
    private static readonly string[] UserAssertionOptions = ["-ea", "-enableassertions", "-da", "-disableassertions"];

    private static readonly string[] ModulePropertySuffixes =
        ["addexports", "addreads", "addopens", "patch", "addmods", "limitmods", "path", "upgrade.path", "enable.native.access"];

    public void Parse(IEnumerable<string> options)
    {
        foreach (string option in options)
            ParseOne(option);
    }

    private void ParseOne(string option)
    {
        if (Tail(option, "-verbose") is { } verbose)
            SetVerbose(verbose);
        else if (Array.Find(UserAssertionOptions, o => option == o || option.StartsWith(o + ":", StringComparison.Ordinal)) is { } ua)
            settings.Assertions.Add(new AssertionSwitch(option[1] == 'e', option.Length == ua.Length ? null : option[(ua.Length + 1)..]));
        else if (option is "-esa" or "-enablesystemassertions" or "-dsa" or "-disablesystemassertions")
            settings.SystemAssertions = option[1] == 'e';
        else if (option.StartsWith("-Xbootclasspath:", StringComparison.Ordinal))
            throw FailStdout("-Xbootclasspath is no longer a supported option.");
        else if (option.StartsWith("-Xbootclasspath/p:", StringComparison.Ordinal))
            throw FailStdout("-Xbootclasspath/p is no longer a supported option.");
        else if (LauncherOptions.StartsWithAny(option, "-Xrun", "-agentlib:", "-agentpath:", "-javaagent:"))
            throw output.Fail(LauncherMessages.NotSupported($"loading an agent ({option})"));
        else if (ModuleOption(option) is { } module)
            AddModuleOption(module.Name, module.Value);
        else if (Tail(option, "--illegal-access=") != null)
            output.Note($"{LauncherMessages.VmWarningPrefix}Ignoring option {option}; support was removed in 17.0");
        else if (option == "--enable-preview")
            settings.EnablePreview = true;
        else if (Tail(option, "-Xmn") is { } young)
            settings.YoungHeap = Size(option, young, 1, ulong.MaxValue, "Invalid initial young generation size");
        else if (Tail(option, "-Xms") is { } initial)
            settings.InitialHeap = Size(option, initial, 0, ulong.MaxValue, "Invalid initial heap size");
        else if ((Tail(option, "-Xmx") ?? Tail(option, "-XX:MaxHeapSize=")) is { } max)
            settings.MaxHeap = Size(option, max, 1, ulong.MaxValue, "Invalid maximum heap size");
        else if (Tail(option, "-Xss") is { } stack)
            settings.ThreadStack = (Size(option, stack, 0, 1UL << 30, "Invalid thread stack size") + 1023) / 1024 * 1024;
        else if ((Tail(option, "-Xmaxjitcodesize") ?? Tail(option, "-XX:ReservedCodeCacheSize=")) is { } code)
            CodeCacheSize(option, code);
        else if (option == "-green")
            throw output.FailVm("Green threads support not available");
        else if (option == "-Xprof")
            output.Note($"{LauncherMessages.VmWarningPrefix}Ignoring option -Xprof; support was removed in 10.0");
        else if (Tail(option, "-D") is { } property)
            AddProperty(option, property);
        else if (option is "-Xint" or "-Xmixed" or "-Xcomp")
            SetMode(option);
        else if (Tail(option, "-Xverify") is { } verify)
            SetVerify(option, verify);
        else if (Tail(option, "-Xlog") is { } log && !option.StartsWith("-Xloggc:", StringComparison.Ordinal))
            AddLog(option, log);
        else if (Tail(option, "-Xcheck") is { } check)
            AddOther(option, check == ":jni", "check");
        else if (Tail(option, "-Xmaxf") is { } maxf)
            AddOther(option, IsPercentage(maxf), null, $"Bad max heap free percentage size: {option}");
        else if (Tail(option, "-Xminf") is { } minf)
            AddOther(option, IsPercentage(minf), null, $"Bad min heap free percentage size: {option}");
        else if (option is "-native" or "-Xdebug" or "-Xnoagent")
        {
            // Accepted and ignored, as HotSpot does.
        }
        else if (option is "-Xnoclassgc" or "-Xbatch" or "-Xrs" or "-Xinternalversion"
                 or "-Xshare:dump" or "-Xshare:on" or "-Xshare:auto" or "-Xshare:off"
                 || LauncherOptions.StartsWithAny(option, "-Xbootclasspath/a:", "-Xloggc:"))
            settings.OtherOptions.Add(option);
        else if (Tail(option, "-XX:") is { } flag)
            ProcessFlag(flag);
        else
            AddOther(option, false, null);
    }

    private void SetVerbose(string tail)
    {
        switch (tail)
        {
            case "" or ":class": settings.VerboseClass = true; break;
            case ":module": settings.VerboseModule = true; break;
            case ":gc": settings.VerboseGC = true; break;
            case ":jni": settings.VerboseJni = true; break;
            // Anything else after -verbose is ignored, as HotSpot does.
        }
    }

    private static (string Name, string Value)? ModuleOption(string option)
    {
        foreach (string name in (string[])["--add-reads", "--add-exports", "--add-opens", "--add-modules", "--enable-native-access",
                     "--limit-modules", "--module-path", "--upgrade-module-path", "--patch-module"])
        {
            if (Tail(option, name + "=") is { } value)
                return (name, value);
        }
        return null;
    }

    private void AddModuleOption(string name, string value)
    {
        if (name == "--patch-module" && !value.Contains('='))
            throw FailStdout("Missing '=' in --patch-module specification");
        settings.ModuleOptions.Add(new(name, value));
    }

    private long Size(string option, string tail, ulong min, ulong max, string message)
    {
        MemorySize.Check check = MemorySize.Parse(tail, min, max, out ulong value);
        if (check == MemorySize.Check.InRange)
            return (long)value;
        throw check == MemorySize.Check.TooBig
            ? output.FailVm($"{message}: {option}", "The specified size exceeds the maximum representable size.")
            : output.FailVm($"{message}: {option}");
    }

    private void CodeCacheSize(string option, string tail)
    {
        if (MemorySize.Parse(tail, 1, ulong.MaxValue, out ulong value) != MemorySize.Check.InRange)
            throw output.FailVm($"Invalid maximum code cache size: {option}.");
        settings.Flags.Add(new VmFlag("ReservedCodeCacheSize", value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private void AddProperty(string option, string property)
    {
        int eq = property.IndexOf('=');
        string key = eq < 0 ? property : property[..eq];
        string value = eq < 0 ? "" : property[(eq + 1)..];
        if (key is "java.endorsed.dirs" or "java.ext.dirs" && eq >= 0 && value is not ("" or "\"\""))
        {
            throw key == "java.ext.dirs"
                ? FailStdout($"-Djava.ext.dirs={value} is not supported.  Use -classpath instead.")
                : FailStdout($"-Djava.endorsed.dirs={value} is not supported. Endorsed standards and standalone APIs",
                    "in modular form will be supported via the concept of upgradeable modules.");
        }
        if (IsInternalModuleProperty(key))
        {
            settings.DroppedModuleProperty = true;
            return;
        }
        if (key == "java.class.path")
            settings.ClassPath = value;
        else
            settings.SystemProperties.Add(new(key, value));
    }

    // jdk.module.addmods and friends can only be set through the module options.
    private static bool IsInternalModuleProperty(string key)
    {
        if (!key.StartsWith("jdk.module.", StringComparison.Ordinal))
            return false;
        string suffix = key["jdk.module.".Length..];
        return ModulePropertySuffixes.Any(s => suffix == s || suffix.StartsWith(s + ".", StringComparison.Ordinal));
    }

    private void SetMode(string option)
    {
        settings.InterpretOnly = option == "-Xint";
        if (option == "-Xcomp")
            settings.OtherOptions.Add(option);
    }

    private void SetVerify(string option, string tail)
    {
        if (tail == ":none")
            output.Note($"{LauncherMessages.VmWarningPrefix}Options -Xverify:none and -noverify were deprecated in JDK 13 and will likely be removed in a future release.");
        AddOther(option, tail is "" or ":all" or ":remote" or ":none", "verification");
    }

    // -Xlog selections are not checked (Nido has no unified logging); only the shape of the option is.
    private void AddLog(string option, string tail)
    {
        if (tail.Length != 0 && tail[0] != ':')
            throw output.FailVm($"Invalid -Xlog option '{option}', see error log for details.");
        settings.OtherOptions.Add(option);
    }

    // Records an accepted option, or fails with HotSpot's "Unrecognized [kind ]option" (or the given message).
    private void AddOther(string option, bool accepted, string? kind, string? message = null)
    {
        if (accepted)
        {
            settings.OtherOptions.Add(option);
            return;
        }
        if (settings.IgnoreUnrecognized && message == null)
            return;
        throw output.FailVm(message ?? (kind == null ? $"Unrecognized option: {option}" : $"Unrecognized {kind} option: {option}"));
    }

    private void ProcessFlag(string tail)
    {
        if (tail.StartsWith("VMOptionsFile=", StringComparison.Ordinal))
            throw output.Fail(LauncherMessages.NotSupported("-XX:VMOptionsFile"));
        if (tail.StartsWith("Flags=", StringComparison.Ordinal))
            return; // HotSpot reads this settings file only in debug builds' defaults; ignored
        VmFlags.Process(tail, settings, output);
    }

    private JavaLauncherException FailStdout(params string[] lines)
    {
        foreach (string line in lines)
            output.Lines.Add(LauncherLine.Out(line));
        return output.FailVm();
    }

    private static bool IsPercentage(string text) =>
        text.Length > 0 && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string? Tail(string option, string prefix) =>
        option.StartsWith(prefix, StringComparison.Ordinal) ? option[prefix.Length..] : null;
}
