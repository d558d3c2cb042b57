using Nido.Jvm.Runtime;

namespace Nido.Jvm;

public static partial class Interpreter
{
    /// <summary>The handler pc for an exception of <paramref name="type"/> thrown at <paramref name="pc"/>, or -1.</summary>
    internal static int FindHandler(JThread t, JMethod m, int pc, JClass type)
    {
        foreach (var h in m.Code!.Handlers)
        {
            if (pc < h.Start || pc >= h.End) continue;
            if (h.CatchType == 0 || type.IsSubtypeOf(ResolveClass(t, m.Owner, h.CatchType))) return h.Handler;
        }
        return -1;
    }

    private static JavaThrow NullPointer(JThread t, JMethod m, int pc)
    {
        t.FramePcs[t.Depth - 1] = pc;
        return t.Vm.Throw("java/lang/NullPointerException", null);
    }

    internal static JavaThrow ClassCast(JThread t, JClass from, JClass to) =>
        t.Vm.Throw("java/lang/ClassCastException", $"class {from.JavaName} cannot be cast to class {to.JavaName} ({t.Vm.Describe(from, to)})");

    internal static void MonitorExit(JThread t, JObject o)
    {
        if (!Monitor.IsEntered(o)) throw t.Vm.Throw("java/lang/IllegalMonitorStateException", null);
        Monitor.Exit(o);
    }

    /// <summary>aastore: null and bounds checks, then the array store check (ArrayStoreException names the value's class).</summary>
    internal static void StoreReference(JThread t, JObject? array, int index, JObject? value)
    {
        var a = Arr<JObject?>(t, array, index);
        if (value is not null && !value.Class.IsSubtypeOf(array!.Class.Component!))
            throw t.Vm.Throw("java/lang/ArrayStoreException", value.Class.JavaName);
        a[index] = value;
    }
}
