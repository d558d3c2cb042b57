using System.Runtime.InteropServices;
using System.Text;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jni;

// Exceptions: native code raises or inspects the thread's pending exception; the native method's caller throws it
// once the native method returns (JniBinder).
internal static unsafe partial class JniEnv
{
    private static void FillExceptions(nint* t)
    {
        t[13] = (nint)(delegate* unmanaged<nint, nint, int>)&Throw;
        t[14] = (nint)(delegate* unmanaged<nint, nint, byte*, int>)&ThrowNew;
        t[15] = (nint)(delegate* unmanaged<nint, nint>)&ExceptionOccurred;
        t[16] = (nint)(delegate* unmanaged<nint, void>)&ExceptionDescribe;
        t[17] = (nint)(delegate* unmanaged<nint, void>)&ExceptionClear;
        t[18] = (nint)(delegate* unmanaged<nint, byte*, void>)&FatalError;
        t[228] = (nint)(delegate* unmanaged<nint, byte>)&ExceptionCheck;
    }

    [UnmanagedCallersOnly]
    private static int Throw(nint env, nint throwable)
    {
        try
        {
            var o = NonNull(throwable, "throwable");
            if (!o.Class.IsSubtypeOf(Thread.Vm.BootClass("java/lang/Throwable")))
                throw Thread.Vm.Throw("java/lang/ClassCastException", $"{o.Class.JavaName} is not a Throwable");
            JniThread.Current.Pending = o;
            return 0;
        }
        catch (Exception e) { Raise(e); return -1; }
    }

    [UnmanagedCallersOnly]
    private static int ThrowNew(nint env, nint clazz, byte* message)
    {
        try
        {
            var t = Thread;
            var vm = t.Vm;
            var c = ClassOf(clazz);
            if (!c.IsSubtypeOf(vm.BootClass("java/lang/Throwable")) || c.IsAbstract || c.IsInterface)
                throw vm.Throw("java/lang/InstantiationException", c.JavaName);
            vm.EnsureInitialized(t, c);
            var ctor = c.DeclaredMethod("<init>", "(Ljava/lang/String;)V") ?? throw vm.Throw("java/lang/NoSuchMethodError", "<init>");
            var o = vm.NewObject(c);
            t.Invoke(ctor, Slot.OfRef(o), Slot.OfRef(message is null ? null : vm.NewString(Utf8(message, "message"))));
            JniThread.Current.Pending = o;
            return 0;
        }
        catch (Exception e) { Raise(e); return -1; }
    }

    [UnmanagedCallersOnly]
    private static nint ExceptionOccurred(nint env) => JniRefs.Local(JniThread.Current.Pending);

    [UnmanagedCallersOnly]
    private static byte ExceptionCheck(nint env) => (byte)(JniThread.Current.Pending is null ? 0 : 1);

    [UnmanagedCallersOnly]
    private static void ExceptionClear(nint env) => JniThread.Current.Pending = null;

    /// <summary>As HotSpot: "Exception in thread "name" " on stderr, then the throwable's printStackTrace(); the exception is cleared.</summary>
    [UnmanagedCallersOnly]
    private static void ExceptionDescribe(nint env)
    {
        var state = JniThread.Current;
        if (state.Pending is not { } ex) return;
        state.Pending = null;
        try
        {
            var t = Thread;
            var vm = t.Vm;
            if (ex.Class.IsSubtypeOf(vm.BootClass("java/lang/ThreadDeath"))) return;
            var name = t.JavaThread is { } thread ? vm.StringOf(vm.GetField(thread, "name").R) : null;
            vm.StandardError.Write(Encoding.UTF8.GetBytes(name is null ? "Exception " : $"Exception in thread \"{name}\" "));
            vm.StandardError.Flush();
            var print = ex.Class.FindMethod("printStackTrace", "()V")!;
            t.Invoke(ex.Class.Select(print) ?? print, Slot.OfRef(ex));
        }
        catch (Exception)
        {
            // An exception while describing one is dropped, as in HotSpot.
        }
    }

    /// <summary>As HotSpot: the message on stderr, then the process aborts (status 134, SIGABRT's).</summary>
    [UnmanagedCallersOnly]
    private static void FatalError(nint env, byte* message)
    {
        var text = message is null ? "" : DecodeUtf(new ReadOnlySpan<byte>(message, Strlen(message)));
        var t = JThread.Current;
        var err = t?.Vm.StandardError ?? Console.OpenStandardError();
        err.Write(Encoding.UTF8.GetBytes($"FATAL ERROR in native method: {text}\n"));
        err.Flush();
        if (t is not null) t.Vm.Halt(134);
        else Environment.Exit(134);
    }
}
