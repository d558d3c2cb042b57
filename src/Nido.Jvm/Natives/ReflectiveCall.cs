using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>Method.invoke / Constructor.newInstance: unboxes the arguments, selects virtually, boxes the result, wraps exceptions.</summary>
internal static class ReflectiveCall
{
    public static JObject? Invoke(JThread t, JMethod m, JObject? receiver, JArray<JObject?>? args, bool constructor)
    {
        var vm = t.Vm;
        var parameters = Descriptors.Parameters(m.Descriptor);
        var count = args?.Length ?? 0;
        if (count != parameters.Count) throw vm.Throw("java/lang/IllegalArgumentException", "wrong number of arguments");
        var slots = new List<Slot>();
        JMethod target = m;
        if (constructor)
        {
            if (m.Owner.IsAbstract) throw vm.Throw("java/lang/InstantiationException", null);
            vm.EnsureInitialized(t, m.Owner);
            receiver = vm.NewObject(m.Owner);
            slots.Add(Slot.OfRef(receiver));
        }
        else if (!m.IsStatic)
        {
            if (receiver is null) throw vm.Throw("java/lang/NullPointerException", null);
            if (!receiver.Class.IsSubtypeOf(m.Owner)) throw vm.Throw("java/lang/IllegalArgumentException", "object is not an instance of declaring class");
            slots.Add(Slot.OfRef(receiver));
            if (!m.IsPrivate) target = receiver.Class.Select(m) ?? m;
        }
        else vm.EnsureInitialized(t, m.Owner);
        for (var i = 0; i < count; i++)
        {
            var kind = parameters[i][0];
            var value = Reflect.Unbox(t, kind, args!.Data[i]);
            if (kind is 'L' or '[' && value.R is { } o && !o.Class.IsSubtypeOf(Reflect.TypeOf(t, parameters[i], m.Owner)))
                throw vm.Throw("java/lang/IllegalArgumentException", "argument type mismatch");
            slots.Add(value);
            if (kind is 'J' or 'D') slots.Add(default);
        }
        Slot result;
        try
        {
            result = t.Invoke(target, [.. slots]);
        }
        catch (JavaThrow e)
        {
            throw vm.Throw("java/lang/reflect/InvocationTargetException", null, cause: e.Throwable).WithTarget(vm, e.Throwable);
        }
        return constructor ? receiver : Reflect.Box(t, m.ReturnKind, result);
    }

    /// <summary>InvocationTargetException keeps the cause in its own "target" field too.</summary>
    private static JavaThrow WithTarget(this JavaThrow ite, JavaVm vm, JObject target)
    {
        vm.SetField(ite.Throwable, ite.Throwable.Class, "target", Slot.OfRef(target));
        return ite;
    }
}
