namespace Nido.Jvm.Launcher;

/// <summary>
/// Runs java's stages in java's order, so the first error is the one java reports: argument
/// expansion, the launcher's parsing, HotSpot's option parsing and start-up checks, then JavaMain
/// (version, usage, the jar's Main-Class).
/// </summary>
internal static class JavaOptionsParser
{
    public static JavaOptions Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var output = new LauncherOutput();
        List<string> expanded = new ArgumentExpander(output).Expand(args, environment.GetValueOrDefault(LauncherMessages.JdkJavaOptions));
        LauncherArguments launcher = new LauncherArgumentParser(output).Parse(expanded, environment.GetValueOrDefault("CLASSPATH"));
        if (launcher.PrintFullVersion)
            return Result(LauncherAction.PrintFullVersion, launcher, new VmSettings(), output, null);

        var settings = new VmSettings();
        List<string> toolOptions = EnvironmentOptions(environment, LauncherMessages.JavaToolOptions, output);
        List<string> javaOptions = EnvironmentOptions(environment, LauncherMessages.UnderscoreJavaOptions, output);
        List<string> vmOptions = [.. toolOptions, .. launcher.VmOptions, .. javaOptions];
        foreach (string option in vmOptions)
        {
            // HotSpot looks for this one before processing any option.
            if (option == "-XX:+" + VmFlags.IgnoreUnrecognized || option == "-XX:-" + VmFlags.IgnoreUnrecognized)
                settings.IgnoreUnrecognized = option[4] == '+';
        }
        new VmOptionParser(output, settings).Parse(vmOptions);
        VmStartupChecks.Run(settings, output);
        return Main(launcher, settings, output);
    }

    // JavaMain once the VM is up.
    private static JavaOptions Main(LauncherArguments launcher, VmSettings settings, LauncherOutput output)
    {
        if (launcher.PrintVersion)
            return Result(LauncherAction.PrintVersion, launcher, settings, output, null);
        var stream = launcher.PrintToStdout ? LauncherStream.Stdout : LauncherStream.Stderr;
        if (launcher.PrintExtraUsage)
            return Result(LauncherAction.PrintExtraHelp, launcher, settings, output, null);
        if (launcher.PrintUsage && launcher.ExitCode == 0)
            return Result(LauncherAction.PrintHelp, launcher, settings, output, null);
        if (launcher.PrintUsage || launcher.What == null)
            throw FailAfterVersion(launcher, output, JavaUsage.Lines(JavaUsage.Help).Select(l => new LauncherLine(stream, l)));
        string mainClass = launcher.Mode == LaunchMode.Jar ? MainClassOfJar(launcher, output) : launcher.What;
        return Result(LauncherAction.Run, launcher, settings, output, mainClass.Replace('/', '.'));
    }

    // A failure after the point where -showversion has printed the version.
    private static JavaLauncherException FailAfterVersion(LauncherArguments launcher, LauncherOutput output, IEnumerable<LauncherLine> lines)
    {
        if (launcher.ShowVersion)
            output.Lines.Add(LauncherLine.Version(launcher.PrintToStdout ? LauncherStream.Stdout : LauncherStream.Stderr));
        output.Lines.AddRange(lines);
        return new JavaLauncherException(output.Lines.ToArray(), 1);
    }

    private static string MainClassOfJar(LauncherArguments launcher, LauncherOutput output)
    {
        string jar = launcher.What!;
        JarManifest? manifest = launcher.JarManifest;
        if (launcher.JarManifestPath != jar)
        {
            try
            {
                manifest = JarManifest.Read(jar);
            }
            catch (JarFileException e)
            {
                throw FailAfterVersion(launcher, output, [LauncherLine.Err(LauncherMessages.JarError(e, jar))]);
            }
        }
        return manifest?.MainClass?.Trim()
            ?? throw FailAfterVersion(launcher, output, [LauncherLine.Err($"no main manifest attribute, in {jar}")]);
    }

    // HotSpot reads JAVA_TOOL_OPTIONS, then _JAVA_OPTIONS, announcing each on stderr.
    private static List<string> EnvironmentOptions(IReadOnlyDictionary<string, string?> environment, string name, LauncherOutput output)
    {
        if (environment.GetValueOrDefault(name) is not { } value)
            return [];
        output.Note($"Picked up {name}: {value}");
        return OptionStringTokenizer.Split(value) ?? throw output.FailVm($"Unmatched quote in {name}");
    }

    // A loop, not Select: LINQ over a list of structs has no precompiled code in the CoreCLR host and was JIT-compiled
    // at every start.
    private static string[] Texts(List<LauncherLine> lines)
    {
        var texts = new string[lines.Count];
        for (var i = 0; i < texts.Length; i++) texts[i] = lines[i].Text;
        return texts;
    }

    private static JavaOptions Result(LauncherAction action, LauncherArguments launcher, VmSettings settings, LauncherOutput output, string? mainClass) =>
        new()
        {
            Action = action,
            PrintToStdout = launcher.PrintToStdout,
            ShowVersion = launcher.ShowVersion,
            Notes = Texts(output.Lines),
            ClassPath = settings.ClassPath?.Split(ClassPathWildcard.Separator) ?? [],
            MainClass = mainClass,
            JarFile = action == LauncherAction.Run && launcher.Mode == LaunchMode.Jar ? launcher.What : null,
            ProgramArguments = action == LauncherAction.Run ? launcher.ProgramArguments.ToArray() : [],
            SystemProperties = settings.SystemProperties.ToArray(),
            MaxHeap = settings.MaxHeap,
            InitialHeap = settings.InitialHeap,
            ThreadStack = settings.ThreadStack,
            YoungHeap = settings.YoungHeap,
            InterpretOnly = settings.InterpretOnly,
            VerboseClass = settings.VerboseClass,
            VerboseGC = settings.VerboseGC,
            VerboseJni = settings.VerboseJni,
            VerboseModule = settings.VerboseModule,
            Assertions = settings.Assertions.ToArray(),
            SystemAssertions = settings.SystemAssertions,
            VmFlags = settings.Flags.ToArray(),
            ModuleOptions = settings.ModuleOptions.ToArray(),
            EnablePreview = settings.EnablePreview,
            DryRun = launcher.DryRun,
            ShowSettings = launcher.ShowSettings,
            OtherVmOptions = settings.OtherOptions.ToArray(),
        };
}
