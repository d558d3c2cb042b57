using System.Text;
using Nido.Tests.Shared;

namespace Nido.Jvm.Tests.Programs;

/// <summary>
/// Differential tests: every Java program under Programs/ runs under the real JDK 17 `java` (the oracle) and under
/// `nido java`, with the same options, arguments, working directory and environment; stdout and the exit code must
/// be identical and stderr must match once JDK-internal stack frames are dropped (<see cref="OutputComparison"/>).
/// </summary>
/// <remarks>
/// Only the programs listed in Programs/enabled.txt run; the others are skipped, saying so. Environment:
/// NIDO_JAVA_UNDER_TEST — a command line to run instead of `nido java` (e.g. the JDK's own java, to check the
/// programs and this harness); NIDO_JVM_PROGRAMS — "all" or a list of names, overriding enabled.txt;
/// NIDO_JDK17_HOME — the oracle JDK (default /usr/lib/jvm/java-17-openjdk-amd64); NIDO_JVM_PROGRAM_TIMEOUT — seconds
/// per process (default 120); NIDO_BIN — the native nido (<see cref="TestPaths.NativeNido"/>).
/// </remarks>
public sealed class ProgramTests(CompiledPrograms compiled) : IClassFixture<CompiledPrograms>
{
    public static TheoryData<string> AllPrograms() => new(ProgramCatalog.Names());

    // The default run is `nido java`'s own: programs that end before the JIT host is ready end in the native process
    // (JavaSpeculation); the JIT variants below run whole in the host (NIDO_SPECULATE=0).

    /// <summary>
    /// The programs that also run with every method and loop compiled on first use (NIDO_JIT_CALLS=1,
    /// NIDO_JIT_LOOPS=1): the JIT then translates the class library's boot code and every path of the program, so
    /// the output must still be java's. A cross-section of the language and the workloads keeps the time down.
    /// </summary>
    public static TheoryData<string> CompiledPrograms() => new(
        "arith", "control", "inherit", "inner", "generics", "exceptions", "lambdas", "strings", "collections", "records",
        "uncaught", "stackoverflow", "concurrent", "threads", "jit", "jni", "fib", "fannkuch-redux", "nbody", "spectral-norm", "binary-trees", "references", "methodhandles", "math-intrinsics", "synchronized", "narrowing", "class-not-found", "vm-data", "loader-constraints");

    /// <summary>
    /// Programs run with a low threshold (NIDO_JIT_CALLS=2, NIDO_JIT_LOOPS=100) and the JIT's background thread, so
    /// compiled code is published while threads run the same methods interpreted, and, as on a machine of one CPU
    /// (DOTNET_PROCESSOR_COUNT=1), callers wait for methods that stay hot.
    /// </summary>
    public static TheoryData<string> BackgroundPrograms() => new(
        "exceptions", "threads", "concurrent", "synchronized", "stackoverflow", "jit", "fib", "binary-trees", "references", "lambdas");

    [Theory]
    [MemberData(nameof(AllPrograms))]
    public void Runs_like_java(string program) => RunsLikeJava(program, []);

    [Theory]
    [MemberData(nameof(BackgroundPrograms))]
    public void Runs_like_java_with_early_background_compiles(string program) =>
        RunsLikeJava(program, new() { ["NIDO_JIT_CALLS"] = "2", ["NIDO_JIT_LOOPS"] = "100", ["NIDO_SPECULATE"] = "0", ["DOTNET_PROCESSOR_COUNT"] = "1" });

    [Theory]
    [MemberData(nameof(CompiledPrograms))]
    public void Runs_like_java_with_everything_compiled(string program) =>
        RunsLikeJava(program, new() { ["NIDO_JIT_CALLS"] = "1", ["NIDO_JIT_LOOPS"] = "1", ["NIDO_SPECULATE"] = "0" });

    /// <summary>
    /// Programs run whole in the native process with its x86-64 tier (NIDO_JIT=native) compiling every method it can
    /// on first call (NIDO_JIT_CALLS=1): int and long arithmetic, recursion, switches, division by zero and deep
    /// recursion given up to the interpreter.
    /// </summary>
    public static TheoryData<string> NativeTierPrograms() => new(
        "purecalls", "narrowing", "fib", "arith", "control", "numbers", "algorithms", "hashes", "jit", "stackoverflow", "exceptions",
        "threads", "concurrent", "math-intrinsics", "strictmath", "fannkuch-redux", "nbody", "spectral-norm", "binary-trees");

    [Theory]
    [MemberData(nameof(NativeTierPrograms))]
    public void Runs_like_java_in_the_native_tier(string program) =>
        RunsLikeJava(program, new() { ["NIDO_JIT"] = "native", ["NIDO_JIT_CALLS"] = "1" });

    private void RunsLikeJava(string program, Dictionary<string, string> nidoEnvironment)
    {
        var (enabled, source) = ProgramCatalog.Enabled();
        if (enabled is not null && !enabled.Contains(program))
            Assert.Skip(source == "NIDO_JVM_PROGRAMS" ? "not selected by NIDO_JVM_PROGRAMS" : ProgramCatalog.NotEnabledReason);
        Jdk17.Require();
        if (ProgramCatalog.Load(program).NativeSources.Count > 0 && Nido.Linux.Exec.Which("gcc", Environment.GetEnvironmentVariable("PATH")) is null)
            Assert.Skip("gcc is not installed: the program's JNI library cannot be built");
        var (underTest, underTestName) = UnderTest();

        var spec = ProgramCatalog.Load(program);
        var classes = compiled.Classes(spec);
        var env = ProgramRunner.EnvironmentFor(program, spec.Environment);
        var nidoEnv = new Dictionary<string, string>(env);
        foreach (var (k, v) in nidoEnvironment) nidoEnv[k] = v;

        var oracle = ProgramRunner.Run(Command([Jdk17.Java], spec, classes), compiled.FreshWorkDirectory(spec), env);
        if (spec.ExpectedStdout is not null && !oracle.Stdout.AsSpan().SequenceEqual(spec.ExpectedStdout))
            Assert.Fail($"{program}: java's own stdout differs from {program}/expected.txt (the program, not nido, is wrong)\n"
                + OutputComparison.FirstDifference(Encoding.UTF8.GetString(spec.ExpectedStdout), oracle.StdoutText, "expected", "java"));

        var actual = ProgramRunner.Run(Command(underTest, spec, classes), compiled.FreshWorkDirectory(spec), nidoEnv);
        var report = OutputComparison.Compare(oracle, actual, "java", underTestName);
        if (report is not null) Assert.Fail($"{program}: {underTestName} differs from java (JDK 17)\n{report}");
    }

    /// <summary>`nido java`, or the command line in NIDO_JAVA_UNDER_TEST.</summary>
    private static (IReadOnlyList<string> Command, string Name) UnderTest()
    {
        var overrideCommand = Environment.GetEnvironmentVariable("NIDO_JAVA_UNDER_TEST");
        if (!string.IsNullOrWhiteSpace(overrideCommand))
        {
            var tokens = ProgramCatalog.Tokenize(overrideCommand);
            return (tokens, Path.GetFileName(tokens[0]));
        }
        return ([TestPaths.NativeNido(), "java"], "nido");
    }

    private static List<string> Command(IReadOnlyList<string> jvm, ProgramSpec spec, string classes)
    {
        var command = new List<string>(jvm);
        command.AddRange(spec.JavaOptions);
        if (spec.NativeSources.Count > 0) command.Add($"-Djava.library.path={classes}");
        command.Add("-cp");
        command.Add(classes);
        command.Add("Main");
        command.AddRange(spec.Args);
        return command;
    }

    /// <summary>
    /// The jit program's accessors, arithmetic helpers and simple constructors compile without a Java frame, and
    /// methods that call or may throw keep theirs (the JIT's trace says which; NIDO_JIT_BACKGROUND=0 so every compile
    /// is done before the program ends).
    /// </summary>
    [Fact]
    public void Methods_that_cannot_call_or_throw_compile_without_a_frame()
    {
        Jdk17.Require();
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("NIDO_JAVA_UNDER_TEST"))) Assert.Skip("NIDO_JAVA_UNDER_TEST is set: the JIT's trace is nido's");
        var spec = ProgramCatalog.Load("jit");
        var classes = compiled.Classes(spec);
        var env = ProgramRunner.EnvironmentFor("jit", spec.Environment);
        env["NIDO_JIT_TRACE"] = "1";
        env["NIDO_JIT_BACKGROUND"] = "0";
        env["NIDO_SPECULATE"] = "0"; // the whole run in the JIT host, not the native start
        var run = ProgramRunner.Run(Command([TestPaths.NativeNido(), "java"], spec, classes), compiled.FreshWorkDirectory(spec), env);
        var frameless = run.StderrText.Split('\n').Where(l => l.EndsWith(" is frameless")).ToHashSet();
        foreach (var m in new[] { "Main$Point.getX()I", "Main$Point.setY(J)V", "Main$Point.scaled()I", "Main.divisions(I)I", "Main.longDivisions(J)J", "Main.mix(II)I", "java/lang/Object.<init>()V" })
            Assert.True(frameless.Contains($"nido: jit: {m} is frameless"), $"{m} was not compiled frameless:\n{ProgramRunner.Clip(run.StderrText)}");
        foreach (var m in new[] { "Main.thrower(LMain$Point;I)I", "Main.intCorners(I)I", "Main.catching([II)I", "Main.locked(I)I" })
            Assert.DoesNotContain($"nido: jit: {m} is frameless", frameless);
        // Small ones are emitted in place of their calls (the output, checked by Runs_like_java, stays java's).
        foreach (var m in new[] { "Main$Point.getX()I into Main.thrower(LMain$Point;I)I", "Main.divisions(I)I into Main.thrower(LMain$Point;I)I" })
            Assert.True(run.StderrText.Contains($"nido: jit: {m}".Replace(" into ", " inlined into ")), $"{m}: not inlined:\n{ProgramRunner.Clip(run.StderrText)}");
    }

    [Fact]
    public void Enabled_list_names_every_program_and_nothing_else()
    {
        var programs = ProgramCatalog.Names();
        Assert.NotEmpty(programs);
        var listed = ProgramCatalog.ReadEnabledFile();
        var unknown = listed.Select(e => e.Name).Where(n => !programs.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, $"Programs/enabled.txt names programs that do not exist: {string.Join(", ", unknown)}");
        var missing = programs.Where(p => !listed.Any(e => e.Name == p)).ToList();
        Assert.True(missing.Count == 0, $"Programs/enabled.txt does not list (not even as '# name'): {string.Join(", ", missing)}");
        var twice = listed.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"Programs/enabled.txt lists more than once: {string.Join(", ", twice)}");
    }

    [Fact]
    public void Every_program_has_a_main_class_and_readable_options()
    {
        foreach (var name in ProgramCatalog.Names())
        {
            var spec = ProgramCatalog.Load(name); // throws on a malformed run.txt or corrupt.txt
            Assert.True(File.Exists(Path.Combine(spec.Directory, "Main.java")), $"{name} has no Main.java");
        }
    }
}

public sealed class ProgramHarnessTests
{
    [Fact]
    public void Stderr_normalisation_drops_only_frames_inside_the_jdk()
    {
        var stderr = string.Join('\n',
            "Exception in thread \"main\" java.lang.NumberFormatException: For input string: \"x\"",
            "\tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)",
            "\tat java.base/java.lang.Integer.parseInt(Integer.java:668)",
            "\tat Main.parse(Main.java:9)",
            "\tat jdk.internal.reflect.Foo.bar(Foo.java:1)",
            "\tSuppressed: java.lang.IllegalStateException: later",
            "\t\tat java.base/java.util.Objects.requireNonNull(Objects.java:1)",
            "\t\tat Main.main(Main.java:4)",
            "\t\t... 2 more",
            "Caused by: java.lang.RuntimeException",
            "\tat Main.main(Main.java:3)",
            "\t... 1 more",
            "\tat javax.swing.Thing.run(Thing.java:1)",
            "");
        var expected = string.Join('\n',
            "Exception in thread \"main\" java.lang.NumberFormatException: For input string: \"x\"",
            "\tat Main.parse(Main.java:9)",
            "\tSuppressed: java.lang.IllegalStateException: later",
            "\t\tat Main.main(Main.java:4)",
            "Caused by: java.lang.RuntimeException",
            "\tat Main.main(Main.java:3)",
            "\tat javax.swing.Thing.run(Thing.java:1)",
            "");
        Assert.Equal(expected, OutputComparison.NormaliseStderr(stderr));
    }

    [Fact]
    public void First_difference_names_the_line_and_column()
    {
        Assert.Null(OutputComparison.FirstDifference("a\nb\n", "a\nb\n", "java", "nido"));
        var d = OutputComparison.FirstDifference("a\nbcd\n", "a\nbxd\n", "java", "nido")!;
        Assert.Contains("line 2", d);
        Assert.Contains("\"bcd\"", d);
        Assert.Contains("\"bxd\"", d);
        Assert.Contains("column 2", d);
        var shorter = OutputComparison.FirstDifference("a\nb", "a", "java", "nido")!;
        Assert.Contains("ends before it", shorter);
        Assert.Contains("\\t", OutputComparison.Escape("x\ty"));
    }

    [Fact]
    public void Run_file_lines_split_like_a_shell_without_expansion()
    {
        Assert.Equal(["-Xmx16m", "-Dk=v"], ProgramCatalog.Tokenize("  -Xmx16m   -Dk=v "));
        Assert.Equal(["alpha", "two words", "", "-Dx=", "a\"b"], ProgramCatalog.Tokenize("alpha \"two words\" \"\" -Dx= a\\\"b"));
        Assert.Equal(["-Dname=a b"], ProgramCatalog.Tokenize("\"-Dname=a b\""));
        Assert.Empty(ProgramCatalog.Tokenize(""));
        Assert.Throws<FormatException>(() => ProgramCatalog.Tokenize("\"open"));
    }

    [Fact]
    public void Corruptions_parse_and_reject_nonsense()
    {
        Assert.Equal("truncate", Corruption.Parse("p", "A.class truncate 10").Kind);
        Assert.Equal([10, 99], Corruption.Parse("p", "A.class poke 10 99").Numbers);
        Assert.Equal("B.class", Corruption.Parse("p", "A.class copy B.class").Other);
        Assert.Equal("delete", Corruption.Parse("p", "A.class delete").Kind);
        Assert.Throws<FormatException>(() => Corruption.Parse("p", "A.class delete now"));
        Assert.Throws<FormatException>(() => Corruption.Parse("p", "A.class explode"));
        Assert.Throws<FormatException>(() => Corruption.Parse("p", "A.class truncate many"));
    }
}
