using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm;

/// <summary>
/// What HotSpot's VarHandle linkage checks before an access mode runs on the VM's memory: the call site's type must
/// convert to the access mode's type as MethodHandle.asType allows (else WrongMethodTypeException), write modes need
/// a writable variable and the numeric and bitwise modes a type that has them (else UnsupportedOperationException),
/// and the receiver, array and reference values must have the handle's types (else ClassCastException, or
/// ArrayStoreException for an element the actual array cannot hold).
/// </summary>
internal static partial class MethodHandles
{
    private enum Values { None, One, Two }

    private static Values ValuesOf(string mode) =>
        mode.StartsWith("get", StringComparison.Ordinal) && !mode.StartsWith("getAnd", StringComparison.Ordinal) ? Values.None
        : mode.Contains("ompareAnd", StringComparison.Ordinal) ? Values.Two
        : Values.One;

    /// <summary>
    /// Checks a direct VarHandle call (kind is the variable's type as a descriptor letter, 'L' for references;
    /// <paramref name="first"/> the number of coordinates). Throws what HotSpot throws; returns normally when the call may run.
    /// </summary>
    private static void CheckAccess(JThread t, JObject handle, string shape, char kind, string mode, string descriptor,
        List<string> parameters, ReadOnlySpan<Slot> args, int first)
    {
        var vm = t.Vm;
        var values = ValuesOf(mode);
        var count = values switch { Values.None => 0, Values.One => 1, _ => 2 };
        var isArray = shape == "Array";
        var isInstance = shape.StartsWith("FieldInstance", StringComparison.Ordinal);
        var variable = kind == 'L'
            ? vm.ClassOf(vm.GetField(handle, isArray ? "componentType" : "fieldType").R!)
            : vm.Primitive(kind);
        var coordinates = new List<JClass>();
        if (isInstance) coordinates.Add(vm.ClassOf(vm.GetField(handle, "receiverType").R!));
        if (isArray)
        {
            coordinates.Add(kind == 'L' ? vm.ClassOf(vm.GetField(handle, "arrayType").R!) : vm.ArrayOf(variable));
            coordinates.Add(vm.Primitive('I'));
        }
        var returns = mode.StartsWith("set", StringComparison.Ordinal) ? "void"
            : values == Values.Two && !mode.StartsWith("compareAndExchange", StringComparison.Ordinal) ? "boolean"
            : Simple(variable);
        var siteReturn = Descriptors.Return(descriptor);
        var accessReturn = returns == "void" ? null : returns == "boolean" ? vm.Primitive('Z') : variable;
        if (parameters.Count != first + count || !ParametersConvert(vm, parameters, first, coordinates, variable)
            || (accessReturn is not null && siteReturn != "V" && !ReturnConverts(vm, accessReturn, siteReturn)))
        {
            var target = string.Join(",", ["VarHandle", .. coordinates.Select(Simple), .. Enumerable.Repeat(Simple(variable), count)]);
            var site = string.Join(",", ["VarHandle", .. parameters.Select(p => Simple(vm, p))]);
            throw vm.Throw("java/lang/invoke/WrongMethodTypeException",
                $"cannot convert MethodHandle({target}){returns} to ({site}){Simple(vm, siteReturn)}");
        }
        var writes = !mode.StartsWith("get", StringComparison.Ordinal) || mode.StartsWith("getAnd", StringComparison.Ordinal);
        if (writes && shape.EndsWith("ReadOnly", StringComparison.Ordinal)) throw vm.Throw("java/lang/UnsupportedOperationException", null);
        if (mode.StartsWith("getAndAdd", StringComparison.Ordinal) && kind is 'L' or 'Z')
            throw vm.Throw("java/lang/UnsupportedOperationException", null);
        if (mode.StartsWith("getAndBitwise", StringComparison.Ordinal) && kind is 'L' or 'F' or 'D')
            throw vm.Throw("java/lang/UnsupportedOperationException", null);
        // A null receiver or array: the NullPointerException the JDK's own access code would raise.
        if (isInstance && args[0].R is null) throw PlainNullPointer(t);
        if (isArray && args[0].R is null)
        {
            var element = kind == 'L' ? "object" : variable.Name;
            throw vm.Throw("java/lang/NullPointerException", mode.StartsWith("set", StringComparison.Ordinal)
                ? $"Cannot store to {element} array because \"array\" is null"
                : values == Values.None ? $"Cannot load from {element} array because \"array\" is null"
                : "Cannot read the array length because \"array\" is null");
        }
        // Coordinates: the receiver is cast (Class.cast's message), the array checkcast (the VM's message).
        if (isInstance && args[0].R is { } receiver && !receiver.Class.IsSubtypeOf(coordinates[0]))
            throw vm.Throw("java/lang/ClassCastException", $"Cannot cast {receiver.Class.JavaName} to {coordinates[0].JavaName}");
        if (isArray && args[0].R is { } array && !array.Class.IsSubtypeOf(coordinates[0]))
            throw Interpreter.ClassCast(t, array.Class, coordinates[0]);
        if (kind != 'L') return;
        for (var i = first; i < parameters.Count; i++)
        {
            if (args[i].R is not { } value) continue;
            if (!value.Class.IsSubtypeOf(variable))
                throw vm.Throw("java/lang/ClassCastException", $"Cannot cast {value.Class.JavaName} to {variable.JavaName}");
            if (isArray && args[0].R is { } a && !value.Class.IsSubtypeOf(a.Class.Component!))
                // set stores with aastore (its message names the class); the other modes fail the JDK's runtimeTypeCheck, silently.
                throw vm.Throw("java/lang/ArrayStoreException", mode.StartsWith("set", StringComparison.Ordinal) ? value.Class.JavaName : null);
        }
    }

    /// <summary>A NullPointerException without a message (Objects.requireNonNull's): no helpful text is derived for it.</summary>
    internal static JavaThrow PlainNullPointer(JThread t)
    {
        var e = t.Vm.Throw("java/lang/NullPointerException", null);
        t.Vm.SetField(e.Throwable, e.Throwable.Class, "extendedMessageState", Slot.OfInt(2));
        return e;
    }

    /// <summary>Whether each argument's static type converts to the access mode's, as asType allows.</summary>
    private static bool ParametersConvert(JavaVm vm, List<string> parameters, int first, List<JClass> coordinates, JClass variable)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            var target = i < first ? coordinates[i] : variable;
            var p = parameters[i];
            var fromPrimitive = p.Length == 1;
            if (target.IsPrimitive)
            {
                if (fromPrimitive) { if (!Widens(p[0], target.PrimitiveKind)) return false; }
                else if (Unboxed(p) is { } w) { if (!Widens(w, target.PrimitiveKind)) return false; }
            // Another reference type unboxes only if the wrapper is one (Object, Number, Comparable …).
            else if (vm.LoadClass(p.TrimStart('[') == p ? p[1..^1] : p, null) is not { } source
                     || !Boxed(vm, target.PrimitiveKind)!.IsSubtypeOf(source)) return false;
            }
            else if (fromPrimitive && Boxed(vm, p[0]) is { } box && !box.IsSubtypeOf(target)) return false;
        }
        return true;
    }

    /// <summary>Whether the access mode's result converts to the call site's return type (<paramref name="to"/>, a descriptor).</summary>
    private static bool ReturnConverts(JavaVm vm, JClass from, string to)
    {
        if (from.IsPrimitive)
        {
            if (to.Length == 1) return Widens(from.PrimitiveKind, to[0]);
            return vm.LoadClass(to.StartsWith('[') ? to : to[1..^1], null) is not { } target || Boxed(vm, from.PrimitiveKind)!.IsSubtypeOf(target);
        }
        if (to.Length != 1) return true; // reference to reference: a cast when the value comes back
        return Unboxed("L" + from.Name + ";") is not { } w || Widens(w, to[0]);
    }

    private static bool Widens(char from, char to) => from == to || (from, to) switch
    {
        ('B', 'S' or 'I' or 'J' or 'F' or 'D') => true,
        ('S' or 'C', 'I' or 'J' or 'F' or 'D') => true,
        ('I', 'J' or 'F' or 'D') => true,
        ('J', 'F' or 'D') => true,
        ('F', 'D') => true,
        _ => false,
    };

    private static readonly string[] Wrappers =
        ["Ljava/lang/Boolean;", "Ljava/lang/Byte;", "Ljava/lang/Short;", "Ljava/lang/Character;", "Ljava/lang/Integer;",
         "Ljava/lang/Long;", "Ljava/lang/Float;", "Ljava/lang/Double;"];
    private const string WrapperKinds = "ZBSCIJFD";

    private static char? Unboxed(string descriptor) => Array.IndexOf(Wrappers, descriptor) is var i and >= 0 ? WrapperKinds[i] : null;

    internal static JClass? Boxed(JavaVm vm, char kind) =>
        WrapperKinds.IndexOf(kind) is var i and >= 0 ? vm.BootClass(Wrappers[i][1..^1]) : null;

    /// <summary>MethodType.toString's names: Class.getSimpleName.</summary>
    private static string Simple(JClass c) => c.IsPrimitive ? c.Name
        : c.IsArray ? Simple(c.Component!) + "[]"
        : c.JavaName[(c.JavaName.LastIndexOfAny(['.', '$']) + 1)..];

    private static string Simple(JavaVm vm, string descriptor) => descriptor switch
    {
        "V" => "void",
        ['[', .. var rest] => Simple(vm, rest) + "[]",
        ['L', .. var name] => name[(name.LastIndexOfAny(['/', '$']) + 1)..^1],
        _ => vm.Primitive(descriptor[0]).Name,
    };
}
