namespace Nido.Jvm.Launcher;

/// <summary>
/// The configuration a `java` command line asks for, parsed with java 17's rules and messages.
/// Print <see cref="Notes"/> to stderr first, then the version when <see cref="Action"/> is
/// PrintVersion or <see cref="ShowVersion"/> is set (to stdout when <see cref="PrintToStdout"/>), then act.
/// </summary>
public sealed record JavaOptions
{
    public LauncherAction Action { get; init; }

    /// <summary>java's printTo: version and help texts go to stdout (--version, --help, --show-version) rather than stderr.</summary>
    public bool PrintToStdout { get; init; }

    /// <summary>-showversion / --show-version: print the version, then go on.</summary>
    public bool ShowVersion { get; init; }

    /// <summary>Lines java prints to stderr before anything else (picked-up variables, warnings).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>java.class.path split at ':' (wildcards already expanded; "" is the current directory); empty when nothing set it.</summary>
    public IReadOnlyList<string> ClassPath { get; init; } = [];

    /// <summary>The main class's binary name with dots, from the command line or the jar's Main-Class.</summary>
    public string? MainClass { get; init; }

    /// <summary>The -jar file (then <see cref="ClassPath"/> is just this jar; its manifest Class-Path is followed by <see cref="Launcher.ClassPath"/>).</summary>
    public string? JarFile { get; init; }

    /// <summary>Everything after the main class (or the jar), never parsed.</summary>
    public IReadOnlyList<string> ProgramArguments { get; init; } = [];

    /// <summary>-D options in order (a later one for the same name wins), plus the launcher's sun.java.command and sun.java.launcher.</summary>
    public KeyValuePair<string, string>[] SystemProperties { get; init; } = [];

    /// <summary>-Xmx (or -XX:MaxHeapSize) in bytes.</summary>
    public long? MaxHeap { get; init; }

    /// <summary>-Xms (or -XX:InitialHeapSize) in bytes; 0 means "choose".</summary>
    public long? InitialHeap { get; init; }

    /// <summary>-Xss (or -XX:ThreadStackSize) in bytes, rounded up to 1 KiB; 0 means the default.</summary>
    public long? ThreadStack { get; init; }

    /// <summary>-Xmn in bytes.</summary>
    public long? YoungHeap { get; init; }

    /// <summary>-Xint (a later -Xmixed or -Xcomp turns it off).</summary>
    public bool InterpretOnly { get; init; }

    /// <summary>-verbose or -verbose:class.</summary>
    public bool VerboseClass { get; init; }

    public bool VerboseGC { get; init; }

    public bool VerboseJni { get; init; }

    public bool VerboseModule { get; init; }

    /// <summary>-ea/-da in order; apply them in order.</summary>
    public IReadOnlyList<AssertionSwitch> Assertions { get; init; } = [];

    /// <summary>-esa / -dsa (the last one wins).</summary>
    public bool SystemAssertions { get; init; }

    /// <summary>Accepted -XX flags in order; integer values are given in decimal (sizes in bytes).</summary>
    public IReadOnlyList<VmFlag> VmFlags { get; init; } = [];

    /// <summary>--add-opens, --add-exports, --add-reads, --add-modules, … in order, as (option, value).</summary>
    public KeyValuePair<string, string>[] ModuleOptions { get; init; } = [];

    public bool EnablePreview { get; init; }

    /// <summary>--dry-run: load the main class but do not call main.</summary>
    public bool DryRun { get; init; }

    /// <summary>The -XshowSettings option as given, when present.</summary>
    public string? ShowSettings { get; init; }

    /// <summary>VM options accepted as java accepts them but with no setting here (-Xbatch, -Xlog:…, -Xshare:off, -Xbootclasspath/a:…).</summary>
    public IReadOnlyList<string> OtherVmOptions { get; init; } = [];

    /// <summary>The java.class.path property's value.</summary>
    public string ClassPathString => string.Join(ClassPathWildcard.Separator, ClassPath);

    /// <summary>The last value given to a -XX flag, or null.</summary>
    public string? Flag(string name) => VmFlags.LastOrDefault(f => f.Name == name)?.Value;

    /// <summary>
    /// Parses java's command line (the arguments after "java") with the environment's JDK_JAVA_OPTIONS,
    /// CLASSPATH, JAVA_TOOL_OPTIONS and _JAVA_OPTIONS. Relative files (@argfiles, -jar, wildcards)
    /// are found from the current directory. Does not print: a launch that stops throws
    /// <see cref="JavaLauncherException"/> with java's output and exit code.
    /// </summary>
    public static JavaOptions Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment) =>
        JavaOptionsParser.Parse(args, environment);
}
