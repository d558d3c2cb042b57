using Nido.Jvm.Jni;
using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// jdk.internal.loader.NativeLibraries: opening a library for System.load/loadLibrary (dlopen, then JNI_OnLoad with
/// the JavaVM and its JNI version check), symbol lookup for native-method linking, and unloading (JNI_OnUnload,
/// dlclose). The JDK's own libraries (libjava, libnio, libzip, ...) are built in, as in a static HotSpot build: their
/// natives are this folder's C# (the .so files in java.home/lib need libjvm.so and are never opened).
/// </summary>
internal static class JdkInternalLoaderNativeLibraries
{
    private const string N = "jdk/internal/loader/NativeLibraries";
    private const string Impl = "jdk/internal/loader/NativeLibraries$NativeLibraryImpl";

    public static void Register(NativeRegistry r)
    {
        r.Add(N, "findBuiltinLib", "(Ljava/lang/String;)Ljava/lang/String;", static (t, a) =>
            Slot.OfRef(BuiltinName(t.Vm.StringOf(a[0].R)!) is { } name ? t.Vm.NewString(name) : null));
        r.Add(N, "load", $"(L{Impl};Ljava/lang/String;ZZZ)Z", static (t, a) =>
            Slot.OfBool(a[2].I != 0 || Load(t, a[0].R!, t.Vm.StringOf(a[1].R)!, isJni: a[3].I != 0, throwIfFail: a[4].I != 0)));
        r.Add(N, "unload", "(Ljava/lang/String;ZZJ)V", static (t, a) =>
        {
            Unload(t, t.Vm.StringOf(a[0].R)!, isJni: a[2].I != 0, handle: (nint)a[3].J);
            return default;
        });
        r.Add(N, "findEntry0", $"(L{Impl};Ljava/lang/String;)J", static (t, a) =>
            Slot.OfLong(DynamicLibraries.Symbol((nint)t.Vm.GetField(a[0].R!, "handle").J, t.Vm.StringOf(a[1].R)!)));
    }

    private static readonly HashSet<string> Builtin = ["java", "net", "nio", "zip", "jimage", "verify", "prefs", "extnet", "management"];

    /// <summary>"libnio.so" → "nio" when that library is built in, else null (HotSpot's findBuiltinLib on a file name).</summary>
    private static string? BuiltinName(string fileName) =>
        fileName.StartsWith("lib", StringComparison.Ordinal) && fileName.EndsWith(".so", StringComparison.Ordinal)
        && Builtin.Contains(fileName[3..^3]) ? fileName[3..^3] : null;

    private static bool Load(JThread t, JObject impl, string name, bool isJni, bool throwIfFail)
    {
        var vm = t.Vm;
        StartupGate.Current?.Need("System.load"); // a library's constructors run on dlopen
        var handle = DynamicLibraries.Open(name, out var error);
        if (handle == 0)
        {
            if (throwIfFail) throw vm.Throw("java/lang/UnsatisfiedLinkError", $"{name}: {error}");
            return false;
        }
        if (isJni)
        {
            var binder = (JniBinder)vm.Jni!;
            var fromClass = vm.ClassOf(vm.GetField(impl, "fromClass").R!);
            var version = 0x00010001; // JNI 1.1 when the library has no JNI_OnLoad
            try
            {
                var onLoad = DynamicLibraries.Symbol(handle, "JNI_OnLoad");
                if (onLoad != 0) version = (int)CallLifecycle(t, onLoad, binder, fromClass);
            }
            catch (JavaThrow)
            {
                DynamicLibraries.Close(handle);
                throw;
            }
            if (!JavaVmInterface.IsSupported(version))
            {
                DynamicLibraries.Close(handle);
                throw vm.Throw("java/lang/UnsatisfiedLinkError", $"unsupported JNI version 0x{version:X} required by {name}");
            }
            vm.SetField(impl, impl.Class, "jniVersion", Slot.OfInt(version));
            binder.AnyLibrary = true;
        }
        vm.SetField(impl, impl.Class, "handle", Slot.OfLong(handle));
        return true;
    }

    private static void Unload(JThread t, string name, bool isJni, nint handle)
    {
        if (isJni && DynamicLibraries.Symbol(handle, "JNI_OnUnload") is var onUnload and not 0)
            CallLifecycle(t, onUnload, (JniBinder)t.Vm.Jni!, null);
        DynamicLibraries.Close(handle);
    }

    /// <summary>JNI_OnLoad/JNI_OnUnload(JavaVM*, NULL), with FindClass seeing the loading class's loader.</summary>
    private static long CallLifecycle(JThread t, nint function, JniBinder binder, JClass? fromClass)
    {
        var jni = JniThread.Current;
        var mark = jni.Mark();
        var saved = jni.LibraryContext;
        jni.LibraryContext = fromClass;
        try
        {
            var args = new AbiArguments();
            args.Integer(binder.JavaVmPointer);
            args.Integer(0);
            var result = NativeAbi.Call(function, ref args, 'I');
            jni.ThrowPending();
            return (int)result;
        }
        finally
        {
            jni.LibraryContext = saved;
            jni.Release(mark);
        }
    }
}
