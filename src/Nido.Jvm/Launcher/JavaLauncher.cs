using System.Text;
using Nido.Jvm.JImage;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Launcher;

/// <summary>
/// What the java launcher does with parsed options: print version or help, or boot a VM on the JDK's class library
/// and run the main class on a thread of its own (as java's launcher does), returning the process exit status.
/// </summary>
public static class JavaLauncher
{
    public static int Run(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, TextWriter stdout, TextWriter stderr)
    {
        JavaOptions options;
        try
        {
            options = JavaOptions.Parse(args, environment);
        }
        catch (JavaLauncherException e)
        {
            foreach (var line in e.Output)
            {
                var writer = line.Stream == LauncherStream.Stdout ? stdout : stderr;
                if (line.IsVersion) writer.Write(VersionText(null, full: false));
                else writer.WriteLine(line.Text);
            }
            return e.ExitCode;
        }
        foreach (var note in options.Notes) stderr.WriteLine(note);
        var stream = options.PrintToStdout ? stdout : stderr;
        string home;
        try
        {
            home = JavaHome.Find();
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"Error: {e.Message}");
            return 1;
        }
        switch (options.Action)
        {
            case LauncherAction.PrintVersion or LauncherAction.PrintFullVersion:
                stream.Write(VersionText(home, options.Action == LauncherAction.PrintFullVersion, options.InterpretOnly));
                return 0;
            case LauncherAction.PrintHelp:
                stream.Write(JavaUsage.Help);
                return 0;
            case LauncherAction.PrintExtraHelp:
                stream.Write(JavaUsage.ExtraHelp);
                return 0;
        }
        if (options.ShowVersion) stream.Write(VersionText(home, full: false, options.InterpretOnly));
        stdout.Flush();
        stderr.Flush();
        return RunMain(options, home, stderr);
    }

    /// <summary>
    /// The system properties followed by the module options as the properties the JDK's ModuleBootstrap reads, named
    /// as HotSpot's launcher names them: repeatable ones numbered (jdk.module.addopens.0, .1 …), --limit-modules
    /// joined, the paths last-wins. (Arrays and loops, not IEnumerable: interface calls on arrays of these structs and
    /// an iterator over them have no precompiled code in the CoreCLR host, and were JIT-compiled at every start.)
    /// </summary>
    private static KeyValuePair<string, string>[] WithModuleProperties(KeyValuePair<string, string>[] properties, KeyValuePair<string, string>[] options)
    {
        var result = new List<KeyValuePair<string, string>>(properties.Length + options.Length);
        foreach (var property in properties) result.Add(property);
        var counts = new Dictionary<string, int>();
        var single = new Dictionary<string, string>();
        foreach (var (name, value) in options)
        {
            var numbered = name switch
            {
                "--add-reads" => "jdk.module.addreads", "--add-exports" => "jdk.module.addexports",
                "--add-opens" => "jdk.module.addopens", "--add-modules" => "jdk.module.addmods",
                "--patch-module" => "jdk.module.patch", "--enable-native-access" => "jdk.module.enable.native.access",
                _ => null,
            };
            if (numbered is not null)
            {
                var n = counts.GetValueOrDefault(numbered);
                counts[numbered] = n + 1;
                result.Add(new($"{numbered}.{n}", value));
                continue;
            }
            switch (name)
            {
                case "--limit-modules":
                    single["jdk.module.limitmods"] = single.TryGetValue("jdk.module.limitmods", out var earlier) ? earlier + "," + value : value;
                    break;
                case "--module-path": single["jdk.module.path"] = value; break;
                case "--upgrade-module-path": single["jdk.module.upgrade.path"] = value; break;
            }
        }
        foreach (var (key, value) in single) result.Add(new(key, value));
        return result.ToArray();
    }

    // A loop, not Select: LINQ over these structs has no precompiled code in the CoreCLR host (JIT-compiled at start).
    private static (bool Enable, string? Target)[] AssertionPairs(IReadOnlyList<AssertionSwitch> switches)
    {
        var pairs = new (bool, string?)[switches.Count];
        for (var i = 0; i < pairs.Length; i++) pairs[i] = (switches[i].Enable, switches[i].Target);
        return pairs;
    }

    private static int RunMain(JavaOptions options, string home, TextWriter stderr)
    {
        var vmOptions = new JavaVmOptions
        {
            JavaHome = home,
            ClassPath = options.ClassPath,
            ClassPathProperty = string.Join(':', options.ClassPath),
            SystemProperties = WithModuleProperties(options.SystemProperties, options.ModuleOptions),
            MaxHeap = options.MaxHeap,
            ThreadStack = options.ThreadStack,
            VerboseClass = options.VerboseClass,
            InterpretOnly = options.InterpretOnly,
            Assertions = AssertionPairs(options.Assertions),
            SystemAssertions = options.SystemAssertions,
            ReduceSignalUsage = options.Flag("ReduceSignalUsage") is { } reduce ? reduce == "true" : options.OtherVmOptions.Contains("-Xrs"),
        };
        IClassSource boot;
        try
        {
            boot = Environment.GetEnvironmentVariable("NIDO_JAVA_CLASSES") is { Length: > 0 } exploded
                ? new ExplodedModulesSource(exploded)
                : JImageClassSource.Open(home);
        }
        catch (JImageException e)
        {
            stderr.WriteLine("Error occurred during initialization of VM");
            stderr.WriteLine(e.Message);
            return 1;
        }
        using var classPath = new ClassPath(options.ClassPath);
        using var vm = new JavaVm(vmOptions, boot, new ClassPathSource(classPath));
        var main = options.MainClass ?? throw new InvalidOperationException("the launcher gave no main class");
        var status = 1;
        // java runs main on a new thread; here its .NET stack is large enough for deep Java recursion (-Xss bounds it).
        var thread = new Thread(() => status = BootAndRun(vm, main, options.ProgramArguments, stderr), MainStack) { Name = "main" };
        thread.Start();
        thread.Join();
        return status;
    }

    private const int MainStack = 1 << 30;

    private static int BootAndRun(JavaVm vm, string main, IReadOnlyList<string> args, TextWriter stderr)
    {
        JThread t;
        try
        {
            t = vm.Boot(MainStack);
            StartupGate.Current?.Booted();
        }
        catch (JavaThrow e)
        {
            stderr.WriteLine("Error occurred during initialization of VM");
            stderr.Write(vm.Describe(e.Throwable));
            return 1;
        }
        return vm.RunMain(t, main, args);
    }

    /// <summary>java -version's three lines, naming the class library's release and this VM.</summary>
    public static string VersionText(string? home, bool full, bool interpretOnly = false)
    {
        if (home is null)
        {
            try { home = JavaHome.Find(); }
            catch (InvalidOperationException) { }
        }
        var release = home is null ? [] : JavaHome.Release(home);
        var version = release.GetValueOrDefault("JAVA_VERSION", "17");
        var runtime = release.GetValueOrDefault("JAVA_RUNTIME_VERSION", version);
        var date = release.GetValueOrDefault("JAVA_VERSION_DATE", "");
        var text = new StringBuilder();
        text.Append(full ? $"openjdk full version \"{runtime}\"\n" : $"openjdk version \"{version}\" {date}\n");
        if (!full)
        {
            text.Append($"OpenJDK Runtime Environment (build {runtime})\n");
            text.Append($"Nido JVM (build {typeof(JavaLauncher).Assembly.GetName().Version?.ToString(3)}, {(interpretOnly || (JavaVm.DefaultCompiler is null && StartupGate.Current?.MayCompile != true) ? "interpreted" : "mixed")} mode)\n");
        }
        return text.ToString();
    }

}

/// <summary>The application loader's source: the launcher's class path (directories and jars).</summary>
public sealed class ClassPathSource(ClassPath classPath) : IClassSource
{
    public byte[]? FindClass(string internalName) => classPath.FindClass(internalName);

    public byte[]? FindClass(string internalName, out string? codeSource) => classPath.FindClass(internalName, out codeSource);

    public byte[]? ManifestOf(string codeSource) => classPath.ManifestOf(codeSource);
}
