using System.Runtime.CompilerServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>java.lang.Object: identity hash, class, clone, and the monitor methods on .NET's Monitor.</summary>
internal static class JavaLangObject
{
    private const string C = "java/lang/Object";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "hashCode", "()I", static (t, a) => Slot.OfInt(RuntimeHelpers.GetHashCode(a[0].R)));
        r.Add(C, "getClass", "()Ljava/lang/Class;", static (t, a) => Slot.OfRef(t.Vm.Mirror(a[0].R!.Class)));
        r.Add(C, "clone", "()Ljava/lang/Object;", static (t, a) => Slot.OfRef(Clone(t, a[0].R!)));
        r.Add(C, "notify", "()V", static (t, a) => { Owned(t, a[0].R!); Threads.Notify(a[0].R!, all: false); return default; });
        r.Add(C, "notifyAll", "()V", static (t, a) => { Owned(t, a[0].R!); Threads.Notify(a[0].R!, all: true); return default; });
        r.Add(C, "wait", "(J)V", static (t, a) => { Threads.Wait(t, a[0].R!, a[1].J); return default; });
    }

    private static void Owned(JThread t, JObject o)
    {
        if (!Monitor.IsEntered(o)) throw t.Vm.Throw("java/lang/IllegalMonitorStateException", "current thread is not owner");
    }

    /// <summary>Arrays copy their elements; other objects must be Cloneable (shallow field copy).</summary>
    public static JObject Clone(JThread t, JObject o)
    {
        var vm = t.Vm;
        if (o is JArray a)
        {
            var copy = vm.NewArray(a.Class.Component!, a.Length);
            Array.Copy(a.Raw, copy.Raw, a.Length);
            return copy;
        }
        if (!o.Class.IsSubtypeOf(vm.BootClass("java/lang/Cloneable"))) throw vm.Throw("java/lang/CloneNotSupportedException", o.Class.JavaName);
        var clone = vm.NewObject(o.Class);
        // The hidden slot (JObject.Vm) is copied with the rest, as HotSpot's clone copies injected fields: a cloned
        // MemberName has its target, a cloned ClassLoader subclass shares the original's classes (vm-data program).
        o.Fields.CopyTo(clone.Fields);
        return clone;
    }
}
