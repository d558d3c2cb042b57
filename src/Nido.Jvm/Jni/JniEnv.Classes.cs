using System.Runtime.InteropServices;
using Nido.Jvm.Natives;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jni;

// Classes and objects: version, class definition and lookup, reflection bridges, allocation, type tests, native
// registration, monitors, the JavaVM, direct buffers and modules.
internal static unsafe partial class JniEnv
{
    private static void FillClasses(nint* t)
    {
        t[4] = (nint)(delegate* unmanaged<nint, int>)&GetVersion;
        t[5] = (nint)(delegate* unmanaged<nint, byte*, nint, byte*, int, nint>)&DefineClass;
        t[6] = (nint)(delegate* unmanaged<nint, byte*, nint>)&FindClass;
        t[7] = (nint)(delegate* unmanaged<nint, nint, nint>)&FromReflectedMethod;
        t[8] = (nint)(delegate* unmanaged<nint, nint, nint>)&FromReflectedField;
        t[9] = (nint)(delegate* unmanaged<nint, nint, nint, byte, nint>)&ToReflectedMethod;
        t[10] = (nint)(delegate* unmanaged<nint, nint, nint>)&GetSuperclass;
        t[11] = (nint)(delegate* unmanaged<nint, nint, nint, byte>)&IsAssignableFrom;
        t[12] = (nint)(delegate* unmanaged<nint, nint, nint, byte, nint>)&ToReflectedField;
        t[27] = (nint)(delegate* unmanaged<nint, nint, nint>)&AllocObject;
        t[31] = (nint)(delegate* unmanaged<nint, nint, nint>)&GetObjectClass;
        t[32] = (nint)(delegate* unmanaged<nint, nint, nint, byte>)&IsInstanceOf;
        t[215] = (nint)(delegate* unmanaged<nint, nint, NativeMethodEntry*, int, int>)&RegisterNatives;
        t[216] = (nint)(delegate* unmanaged<nint, nint, int>)&UnregisterNatives;
        t[217] = (nint)(delegate* unmanaged<nint, nint, int>)&MonitorEnter;
        t[218] = (nint)(delegate* unmanaged<nint, nint, int>)&MonitorExit;
        t[219] = (nint)(delegate* unmanaged<nint, nint*, int>)&GetJavaVM;
        t[229] = (nint)(delegate* unmanaged<nint, nint, long, nint>)&NewDirectByteBuffer;
        t[230] = (nint)(delegate* unmanaged<nint, nint, nint>)&GetDirectBufferAddress;
        t[231] = (nint)(delegate* unmanaged<nint, nint, long>)&GetDirectBufferCapacity;
        t[233] = (nint)(delegate* unmanaged<nint, nint, nint>)&GetModule;
    }

    /// <summary>jni.h's JNINativeMethod.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NativeMethodEntry
    {
        public byte* Name;
        public byte* Signature;
        public nint Function;
    }

    [UnmanagedCallersOnly]
    private static int GetVersion(nint env) => Version10;

    [UnmanagedCallersOnly]
    private static nint DefineClass(nint env, byte* name, nint loader, byte* buf, int length)
    {
        try
        {
            var vm = Thread.Vm;
            if (buf is null || length < 0) throw vm.Throw("java/lang/ClassFormatError", "no class bytes");
            var bytes = new ReadOnlySpan<byte>(buf, length).ToArray();
            var expected = name is null ? null : Utf8(name, "name").Replace('.', '/');
            return LocalClass(vm.DefineClass(bytes, JniRefs.Resolve(loader), expected, null));
        }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint FindClass(nint env, byte* name)
    {
        try
        {
            var t = Thread;
            var vm = t.Vm;
            var className = Utf8(name, "name");
            var c = (className.Length > 0 && !className.Contains('.') ? vm.LoadClass(className, ContextLoader(t)) : null)
                ?? throw vm.Throw("java/lang/NoClassDefFoundError", className);
            vm.EnsureInitialized(t, c);
            return LocalClass(c);
        }
        catch (Exception e) { Raise(e); return 0; }
    }

    /// <summary>
    /// The loader FindClass uses, as HotSpot picks it: the loader of the class whose native method is running; the
    /// loader of the class that called System.loadLibrary while its JNI_OnLoad/OnUnload runs; else the system loader.
    /// </summary>
    private static JObject? ContextLoader(JThread t)
    {
        if (t.Depth == 0) return t.Vm.AppLoader;
        var top = t.FrameMethod(t.Depth - 1);
        if (top.Owner.Name == "jdk/internal/loader/NativeLibraries" && JniThread.Current.LibraryContext is { } library) return library.Loader;
        return top.Owner.Loader;
    }

    [UnmanagedCallersOnly]
    private static nint FromReflectedMethod(nint env, nint method)
    {
        try { return JniRefs.MethodId(Reflect.MethodOf(Thread, NonNull(method, "method"))); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint FromReflectedField(nint env, nint field)
    {
        try { return JniRefs.FieldId(Reflect.FieldOf(Thread, NonNull(field, "field"))); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint ToReflectedMethod(nint env, nint clazz, nint mid, byte isStatic)
    {
        try
        {
            var m = JniRefs.Method(mid);
            return JniRefs.Local(m.IsConstructor ? Reflect.NewConstructor(Thread, m) : Reflect.NewMethod(Thread, m));
        }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint ToReflectedField(nint env, nint clazz, nint fid, byte isStatic)
    {
        try { return JniRefs.Local(Reflect.NewField(Thread, JniRefs.Field(fid))); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint GetSuperclass(nint env, nint clazz)
    {
        try
        {
            var c = ClassOf(clazz);
            return c.IsInterface || c.Super is null ? 0 : LocalClass(c.Super);
        }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static byte IsAssignableFrom(nint env, nint from, nint to)
    {
        try { return (byte)(ClassOf(from).IsSubtypeOf(ClassOf(to)) ? 1 : 0); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint AllocObject(nint env, nint clazz)
    {
        try
        {
            var t = Thread;
            var c = ClassOf(clazz);
            if (c.IsAbstract || c.IsInterface || c.IsArray || c.IsPrimitive) throw t.Vm.Throw("java/lang/InstantiationException", c.JavaName);
            t.Vm.EnsureInitialized(t, c);
            return JniRefs.Local(t.Vm.NewObject(c));
        }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint GetObjectClass(nint env, nint obj)
    {
        try { return LocalClass(NonNull(obj, "object").Class); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static byte IsInstanceOf(nint env, nint obj, nint clazz)
    {
        try { return (byte)(JniRefs.Resolve(obj) is not { } o || o.Class.IsSubtypeOf(ClassOf(clazz)) ? 1 : 0); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int RegisterNatives(nint env, nint clazz, NativeMethodEntry* methods, int count)
    {
        try
        {
            var c = ClassOf(clazz);
            for (var i = 0; i < count; i++)
            {
                var name = Utf8(methods[i].Name, "name");
                var sig = Utf8(methods[i].Signature, "signature");
                var m = c.DeclaredMethod(name, sig);
                if (m is not { IsNative: true } || methods[i].Function == 0)
                    throw Thread.Vm.Throw("java/lang/NoSuchMethodError", $"Method '{DescriptorText.Method(name, sig, c.JavaName)}' name or signature does not match");
                m.Native = JniBinder.Stub(m, methods[i].Function);
            }
            return 0;
        }
        catch (Exception e) { Raise(e); return -1; }
    }

    [UnmanagedCallersOnly]
    private static int UnregisterNatives(nint env, nint clazz)
    {
        try
        {
            foreach (var m in ClassOf(clazz).DeclaredMethods)
                if (m.IsNative) m.Native = null; // bound again by name on the next call
            return 0;
        }
        catch (Exception e) { Raise(e); return -1; }
    }

    [UnmanagedCallersOnly]
    private static int MonitorEnter(nint env, nint obj)
    {
        try
        {
            var o = NonNull(obj, "object");
            if (JThread.Current is { } t) Threads.EnterMonitor(t, o);
            else Monitor.Enter(o);
            return 0;
        }
        catch (Exception e) { Raise(e); return -1; }
    }

    [UnmanagedCallersOnly]
    private static int MonitorExit(nint env, nint obj)
    {
        try
        {
            var o = NonNull(obj, "object");
            if (!Monitor.IsEntered(o)) throw Thread.Vm.Throw("java/lang/IllegalMonitorStateException", "current thread is not owner");
            Monitor.Exit(o);
            return 0;
        }
        catch (Exception e) { Raise(e); return -1; }
    }

    [UnmanagedCallersOnly]
    private static int GetJavaVM(nint env, nint* vm)
    {
        try
        {
            *vm = ((JniBinder)Thread.Vm.Jni!).JavaVmPointer;
            return 0;
        }
        catch (Exception e) { Raise(e); return -1; }
    }

    [UnmanagedCallersOnly]
    private static nint NewDirectByteBuffer(nint env, nint address, long capacity)
    {
        try
        {
            var t = Thread;
            var vm = t.Vm;
            if (capacity is < 0 or > int.MaxValue) throw vm.Throw("java/lang/IllegalArgumentException", $"capacity {capacity} out of range");
            return JniRefs.Local(vm.NewDirectByteBuffer(t, address, (int)capacity));
        }
        catch (Exception e) { Raise(e); return 0; }
    }

    /// <summary>The buffer if it is a direct java.nio.Buffer, else null.</summary>
    private static JObject? DirectBuffer(nint buf)
    {
        var vm = Thread.Vm;
        return JniRefs.Resolve(buf) is { } o && o.Class.IsSubtypeOf(vm.BootClass("java/nio/Buffer"))
            && o.Class.IsSubtypeOf(vm.BootClass("sun/nio/ch/DirectBuffer")) ? o : null;
    }

    [UnmanagedCallersOnly]
    private static nint GetDirectBufferAddress(nint env, nint buf)
    {
        try { return DirectBuffer(buf) is { } o ? (nint)Thread.Vm.GetField(o, "address").J : 0; }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static long GetDirectBufferCapacity(nint env, nint buf)
    {
        try { return DirectBuffer(buf) is { } o ? Thread.Vm.GetField(o, "capacity").I : -1; }
        catch (Exception e) { Raise(e); return -1; }
    }

    [UnmanagedCallersOnly]
    private static nint GetModule(nint env, nint clazz)
    {
        try { return JniRefs.Local(Modules.Of(Thread, ClassOf(clazz), NonNull(clazz, "class"))); }
        catch (Exception e) { Raise(e); return 0; }
    }
}
