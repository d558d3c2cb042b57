using Nido.Jvm.Runtime;

namespace Nido.Jvm;

internal static partial class MethodHandles
{
    /// <summary>
    /// asType's conversion of one value of a VarHandle call between the call site's type and the access mode's, as
    /// the JDK's invokers do it (sun.invoke.util.ValueConversions without the cast flag): a reference cast with
    /// Class.cast's message, boxing, widening, and unboxing of a reference that must be a wrapper whose value widens
    /// to the primitive ("x" for an int: the cast to Number fails; a Long for an int: "Cannot cast java.lang.Long to
    /// java.lang.Integer"; null: the NullPointerException of calling intValue on primitiveConversion's null result).
    /// </summary>
    private static Slot AsType(JThread t, JClass? caller, Slot v, string from, string to)
    {
        if (from == to) return v;
        var vm = t.Vm;
        var fromRef = from[0] is 'L' or '[';
        if (to[0] is 'L' or '[')
        {
            var o = fromRef ? v.R : Natives.Reflect.Box(t, from[0], v);
            if (o is not null && to != "Ljava/lang/Object;")
            {
                var target = vm.LoadClass(to[0] == 'L' ? to[1..^1] : to, caller?.Loader);
                if (target is null || !o.Class.IsSubtypeOf(target))
                    throw vm.Throw("java/lang/ClassCastException", $"Cannot cast {o.Class.JavaName} to {target?.JavaName ?? DescriptorText.Type(to)}");
            }
            return Slot.OfRef(o);
        }
        if (!fromRef) return from == "V" ? default : Natives.Reflect.Widen(from[0], to[0], v) ?? v;
        var kind = to[0];
        if (v.R is not { } value)
        {
            var unbox = kind switch { 'B' => "byteValue", 'S' => "shortValue", 'J' => "longValue", 'F' => "floatValue", 'D' => "doubleValue", _ => "intValue" };
            throw vm.Throw("java/lang/NullPointerException", $"Cannot invoke \"java.lang.Number.{unbox}()\" because the return value of " +
                "\"sun.invoke.util.ValueConversions.primitiveConversion(sun.invoke.util.Wrapper, Object, boolean)\" is null");
        }
        if (Natives.Reflect.UnboxWidened(vm, value, kind) is { } unboxed) return unboxed;
        // Neither a wrapper nor a Number: primitiveConversion's cast to Number fails first.
        if (Unboxed("L" + value.Class.Name + ";") is null && !value.Class.IsSubtypeOf(vm.BootClass("java/lang/Number")))
            throw Interpreter.ClassCast(t, value.Class, vm.BootClass("java/lang/Number"));
        throw vm.Throw("java/lang/ClassCastException", $"Cannot cast {value.Class.JavaName} to {Boxed(vm, kind)!.JavaName}");
    }
}
