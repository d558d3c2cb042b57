using System.Runtime.InteropServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jni;

// GetMethodID, GetStaticMethodID and the one place every Call…Method and NewObject form ends up.
internal static unsafe partial class JniEnv
{
    internal enum Dispatch { Virtual, Nonvirtual, Static, NewObject }

    private static void FillMethods(nint* t)
    {
        t[33] = (nint)(delegate* unmanaged<nint, nint, byte*, byte*, nint>)&GetMethodID;
        t[113] = (nint)(delegate* unmanaged<nint, nint, byte*, byte*, nint>)&GetStaticMethodID;
    }

    [UnmanagedCallersOnly]
    private static nint GetMethodID(nint env, nint clazz, byte* name, byte* sig)
    {
        try { return JniRefs.MethodId(FindMethod(ClassOf(clazz), Utf8(name, "name"), Utf8(sig, "signature"), isStatic: false)); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint GetStaticMethodID(nint env, nint clazz, byte* name, byte* sig)
    {
        try { return JniRefs.MethodId(FindMethod(ClassOf(clazz), Utf8(name, "name"), Utf8(sig, "signature"), isStatic: true)); }
        catch (Exception e) { Raise(e); return 0; }
    }

    /// <summary>As HotSpot: the class is initialised, then the method looked up in it, its superclasses and (for interfaces and abstract classes) superinterfaces.</summary>
    private static JMethod FindMethod(JClass c, string name, string sig, bool isStatic)
    {
        var t = Thread;
        t.Vm.EnsureInitialized(t, c);
        var m = name is "<init>" or "<clinit>" ? c.DeclaredMethod(name, sig)
            : c.FindMethod(name, sig) ?? (isStatic ? null : c.FindInterfaceMethod(name, sig));
        if (m is null || m.IsStatic != isStatic || (name == "<init>" && isStatic))
            throw t.Vm.Throw("java/lang/NoSuchMethodError", name);
        return m;
    }

    /// <summary>
    /// Runs a Call…Method or NewObject: selects the implementation (virtual calls by the receiver's class), reads the
    /// arguments, calls, and returns the result's raw bits as the native caller expects them; on a Java exception the
    /// exception is left pending and 0 returned.
    /// </summary>
    internal static long Invoke(Dispatch dispatch, nint target, nint clazz, nint mid, JniArgs args)
    {
        try
        {
            var t = Thread;
            var m = JniRefs.Method(mid);
            JObject? receiver = null;
            var selected = m;
            switch (dispatch)
            {
                case Dispatch.Static:
                    t.Vm.EnsureInitialized(t, m.Owner);
                    break;
                case Dispatch.NewObject:
                    var c = ClassOf(target);
                    if (c.IsAbstract || c.IsInterface) throw t.Vm.Throw("java/lang/InstantiationException", c.JavaName);
                    if (!m.IsConstructor) throw t.Vm.Throw("java/lang/NoSuchMethodError", $"{m.Name} is not a constructor");
                    t.Vm.EnsureInitialized(t, c);
                    receiver = t.Vm.NewObject(c);
                    break;
                default:
                    receiver = NonNull(target, "object");
                    if (dispatch == Dispatch.Virtual && !m.IsPrivate && !m.IsConstructor) selected = receiver.Class.Select(m) ?? m;
                    break;
            }
            var slots = args.Read(m, receiver);
            var result = t.Invoke(selected, slots);
            return dispatch == Dispatch.NewObject ? JniRefs.Local(receiver) : ToNative(m.ReturnKind, result);
        }
        catch (Exception e)
        {
            Raise(e);
            return 0;
        }
    }
}
