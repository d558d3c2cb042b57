using Nido.Jvm.Natives;

namespace Nido.Jvm.Runtime;

/// <summary>
/// One Java virtual machine: the class library image, the built-in loaders and the classes they hold, the heap's
/// object factories, interned strings, native methods and threads. Partial files hold loading, linking,
/// initialisation, objects, exceptions and the boot sequence.
/// </summary>
public sealed partial class JavaVm : IDisposable
{
    public JavaVm(JavaVmOptions options, IClassSource bootSource, IClassSource applicationSource)
    {
        Options = options;
        _bootSource = bootSource;
        _appSource = applicationSource;
        Natives = new NativeRegistry(this);
        Jni = new global::Nido.Jvm.Jni.JniBinder(this);
        Compiler = options.InterpretOnly ? null : DefaultCompiler;
        References = new References(this);
        _boot = new LoaderData(null);
        foreach (var (kind, name) in PrimitiveNames)
        {
            var c = new JClass(this, name, null) { PrimitiveKind = kind, Flags = ClassFile.AccessFlags.Public | ClassFile.AccessFlags.Final | ClassFile.AccessFlags.Abstract, State = ClassState.Initialized };
            _primitives[kind] = c;
        }
    }

    private static readonly (char Kind, string Name)[] PrimitiveNames =
        [('Z', "boolean"), ('B', "byte"), ('C', "char"), ('S', "short"), ('I', "int"), ('J', "long"), ('F', "float"), ('D', "double"), ('V', "void")];

    public JavaVmOptions Options { get; }
    public NativeRegistry Natives { get; }
    /// <summary>Referents of java.lang.ref objects and the pending list the ReferenceHandler thread drains.</summary>
    public References References { get; }
    /// <summary>The JIT this process has (the CoreCLR host installs it; the native binary has none).</summary>
    public static Compiled.IMethodCompiler? DefaultCompiler { get; set; }
    /// <summary>The JIT for this VM: none under -Xint.</summary>
    public Compiled.IMethodCompiler? Compiler { get; }

    /// <summary>java.vm.info: "mixed mode" also in a process that may hand its run to the JIT host (StartupGate).</summary>
    internal string InfoMode => Compiler is null && StartupGate.Current?.MayCompile != true ? "interpreted mode" : "mixed mode";

    /// <summary>Java handlers of OS signals (jdk.internal.misc.Signal).</summary>
    internal SignalDispatcher Signals => LazyInitializer.EnsureInitialized(ref _signals, () => new SignalDispatcher(this));
    private SignalDispatcher? _signals;
    /// <summary>Binds native methods of loaded JNI libraries (System.loadLibrary), when installed.</summary>
    public Natives.IJniBinder? Jni { get; }
    private readonly IClassSource _bootSource;
    private readonly IClassSource _appSource;
    private readonly LoaderData _boot;
    private readonly Dictionary<char, JClass> _primitives = [];

    /// <summary>The application class loader's Java object, once initPhase3 created it.</summary>
    public JObject? AppLoader { get; private set; }
    public JObject? PlatformLoader { get; private set; }

    /// <summary>Where System.out/err bytes go (fd 1 and 2, held while a <see cref="StartupGate"/> holds them, unless a test redirects them).</summary>
    public Stream StandardOutput { get; init; } = new GatedStream(1, new DescriptorStream(1));
    public Stream StandardError { get; init; } = new GatedStream(2, new DescriptorStream(2));
    public Stream StandardInput { get; init; } = new DescriptorStream(0, FileAccess.Read);

    /// <summary>Runtime.halt: the embedding decides how the process ends (the CLI exits, tests record the status).</summary>
    public Action<int> Halt { get; init; } = status =>
    {
        StartupGate.Current?.Finish(); // a run that may yet vanish exits only once it is kept
        Environment.Exit(status);
    };

    /// <summary>When the VM started (Runtime uptime, RuntimeMXBean).</summary>
    public DateTime StartTime { get; } = DateTime.UtcNow;

    public JClass Primitive(char kind) => _primitives[kind];

    private int _threadInterruptedSlot = -1, _threadStatusSlot = -1;
    internal int ThreadStatusSlot => _threadStatusSlot >= 0 ? _threadStatusSlot
        : _threadStatusSlot = FieldOf(BootClass("java/lang/Thread"), "threadStatus").Slot;
    internal int ThreadInterruptedSlot => _threadInterruptedSlot >= 0 ? _threadInterruptedSlot
        : _threadInterruptedSlot = FieldOf(BootClass("java/lang/Thread"), "interrupted").Slot;

    /// <summary>The class library's version (JAVA_RUNTIME_VERSION's number from the JDK's release file), for stack traces.</summary>
    public string JavaVersion => _javaVersion ??= JavaHome.Release(Options.JavaHome).GetValueOrDefault("JAVA_VERSION", "17");
    private string? _javaVersion;

    /// <summary>The mapped lib/modules the bootstrap loader reads, if it reads one.</summary>
    public JImage.JImageFile? BootImage => (_bootSource as JImage.JImageClassSource)?.Image;

    /// <summary>The module of a bootstrap package (java/lang → java.base), from the jimage.</summary>
    public string? ModuleOfPackageName(string package) => (_bootSource as IModuleLookup)?.ModuleOfPackage(package);

    // Well-known classes, set during boot.
    public JClass ObjectClass { get; private set; } = null!;
    public JClass StringClass { get; private set; } = null!;
    public JClass ClassClass { get; private set; } = null!;
    public JClass BooleanArray { get; private set; } = null!;

    public void Dispose()
    {
        (_bootSource as IDisposable)?.Dispose();
        (_appSource as IDisposable)?.Dispose();
    }
}
