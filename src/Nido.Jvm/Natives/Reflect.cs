using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>java.lang.reflect objects for the VM's members and back: a Field/Method/Constructor's slot is the member's index in its class.</summary>
internal static class Reflect
{
    public static JField FieldOf(JThread t, JObject field)
    {
        var vm = t.Vm;
        var owner = vm.ClassOf(vm.GetField(field, "clazz").R!);
        return owner.DeclaredFields[vm.GetField(field, "slot").I];
    }

    public static JMethod MethodOf(JThread t, JObject method)
    {
        var vm = t.Vm;
        var owner = vm.ClassOf(vm.GetField(method, "clazz").R!);
        return owner.DeclaredMethods[vm.GetField(method, "slot").I];
    }

    public static JObject? Bytes(JavaVm vm, byte[]? data) => data is null ? null : vm.NewByteArray(data);

    public static JObject NewField(JThread t, JField f)
    {
        var vm = t.Vm;
        var c = vm.BootClass("java/lang/reflect/Field");
        var o = vm.NewObject(c);
        var type = vm.ClassForDescriptor(f.Descriptor, f.Owner.Loader) ?? throw vm.Throw("java/lang/NoClassDefFoundError", f.Descriptor);
        var trustedFinal = (f.Flags & AccessFlags.Final) != 0 && (f.IsStatic || f.Owner.File?.RecordComponents is not null || f.Owner.IsHidden);
        t.Invoke(c.DeclaredMethod("<init>", "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/Class;IZILjava/lang/String;[B)V")!,
            Slot.OfRef(o), Slot.OfRef(vm.Mirror(f.Owner)), Slot.OfRef(vm.Intern(f.Name)), Slot.OfRef(vm.Mirror(type)),
            Slot.OfInt((int)f.Flags & 0xFFFF), Slot.OfBool(trustedFinal), Slot.OfInt(f.Index),
            Slot.OfRef(f.Info.Signature is { } s ? vm.Intern(s) : null), Slot.OfRef(Bytes(vm, f.Info.VisibleAnnotations)));
        return o;
    }

    public static JArray ParameterTypes(JThread t, JMethod m)
    {
        var vm = t.Vm;
        var ps = Descriptors.Parameters(m.Descriptor);
        var array = (JArray<JObject?>)vm.NewArray(vm.ClassClass, ps.Count);
        for (var i = 0; i < ps.Count; i++) array.Data[i] = vm.Mirror(TypeOf(t, ps[i], m.Owner));
        return array;
    }

    public static JClass TypeOf(JThread t, string descriptor, JClass context) =>
        t.Vm.ClassForDescriptor(descriptor, context.Loader) ?? throw t.Vm.Throw("java/lang/NoClassDefFoundError", descriptor);

    private static JArray Exceptions(JThread t, JMethod m)
    {
        var vm = t.Vm;
        var array = (JArray<JObject?>)vm.NewArray(vm.ClassClass, m.Info.Exceptions.Length);
        for (var i = 0; i < array.Data.Length; i++) array.Data[i] = vm.Mirror(vm.ResolveClassName(m.Owner, m.Info.Exceptions[i]));
        return array;
    }

    public static JObject NewMethod(JThread t, JMethod m)
    {
        var vm = t.Vm;
        var c = vm.BootClass("java/lang/reflect/Method");
        var o = vm.NewObject(c);
        t.Invoke(c.DeclaredMethod("<init>", "(Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/Class;Ljava/lang/Class;[Ljava/lang/Class;IILjava/lang/String;[B[B[B)V")!,
            Slot.OfRef(o), Slot.OfRef(vm.Mirror(m.Owner)), Slot.OfRef(vm.Intern(m.Name)), Slot.OfRef(ParameterTypes(t, m)),
            Slot.OfRef(vm.Mirror(TypeOf(t, Descriptors.Return(m.Descriptor), m.Owner))), Slot.OfRef(Exceptions(t, m)),
            Slot.OfInt((int)m.Flags & 0xFFFF), Slot.OfInt(m.Index), Slot.OfRef(m.Info.Signature is { } s ? vm.Intern(s) : null),
            Slot.OfRef(Bytes(vm, m.Info.VisibleAnnotations)), Slot.OfRef(Bytes(vm, m.Info.VisibleParameterAnnotations)),
            Slot.OfRef(Bytes(vm, m.Info.AnnotationDefault)));
        return o;
    }

    public static JObject NewConstructor(JThread t, JMethod m)
    {
        var vm = t.Vm;
        var c = vm.BootClass("java/lang/reflect/Constructor");
        var o = vm.NewObject(c);
        t.Invoke(c.DeclaredMethod("<init>", "(Ljava/lang/Class;[Ljava/lang/Class;[Ljava/lang/Class;IILjava/lang/String;[B[B)V")!,
            Slot.OfRef(o), Slot.OfRef(vm.Mirror(m.Owner)), Slot.OfRef(ParameterTypes(t, m)), Slot.OfRef(Exceptions(t, m)),
            Slot.OfInt((int)m.Flags & 0xFFFF), Slot.OfInt(m.Index), Slot.OfRef(m.Info.Signature is { } s ? vm.Intern(s) : null),
            Slot.OfRef(Bytes(vm, m.Info.VisibleAnnotations)), Slot.OfRef(Bytes(vm, m.Info.VisibleParameterAnnotations)));
        return o;
    }

    /// <summary>Boxes a primitive slot as its wrapper (Integer.valueOf …) or passes a reference through.</summary>
    public static JObject? Box(JThread t, char kind, Slot v)
    {
        if (kind is 'L' or '[') return v.R;
        if (kind == 'V') return null;
        var (cls, desc) = kind switch
        {
            'Z' => ("java/lang/Boolean", "(Z)Ljava/lang/Boolean;"), 'B' => ("java/lang/Byte", "(B)Ljava/lang/Byte;"),
            'C' => ("java/lang/Character", "(C)Ljava/lang/Character;"), 'S' => ("java/lang/Short", "(S)Ljava/lang/Short;"),
            'I' => ("java/lang/Integer", "(I)Ljava/lang/Integer;"), 'J' => ("java/lang/Long", "(J)Ljava/lang/Long;"),
            'F' => ("java/lang/Float", "(F)Ljava/lang/Float;"), _ => ("java/lang/Double", "(D)Ljava/lang/Double;"),
        };
        var c = t.Vm.BootClass(cls);
        t.Vm.EnsureInitialized(t, c);
        return kind is 'J' or 'D' ? t.Invoke(c.DeclaredMethod("valueOf", desc)!, v, default).R : t.Invoke(c.DeclaredMethod("valueOf", desc)!, v).R;
    }

    /// <summary>Unboxes a wrapper for a parameter of primitive <paramref name="kind"/> with widening (IllegalArgumentException otherwise).</summary>
    public static Slot Unbox(JThread t, char kind, JObject? o)
    {
        if (kind is 'L' or '[') return Slot.OfRef(o);
        var vm = t.Vm;
        if (o is null) throw vm.Throw("java/lang/IllegalArgumentException", null);
        return UnboxWidened(vm, o, kind) ?? throw vm.Throw("java/lang/IllegalArgumentException", "argument type mismatch");
    }

    /// <summary>
    /// The value of wrapper <paramref name="o"/> as primitive <paramref name="kind"/>, itself or widened (JLS 5.1.2);
    /// null when <paramref name="o"/> is no wrapper or its value does not widen to <paramref name="kind"/>.
    /// </summary>
    public static Slot? UnboxWidened(JavaVm vm, JObject o, char kind)
    {
        var from = o.Class.Name switch
        {
            "java/lang/Boolean" => 'Z', "java/lang/Byte" => 'B', "java/lang/Character" => 'C', "java/lang/Short" => 'S',
            "java/lang/Integer" => 'I', "java/lang/Long" => 'J', "java/lang/Float" => 'F', "java/lang/Double" => 'D',
            _ => '\0',
        };
        if (from == '\0') return null;
        var value = vm.GetField(o, "value");
        return from == kind ? value : Widen(from, kind, value);
    }

    /// <summary>A widening primitive conversion (JLS 5.1.2) of <paramref name="v"/>, or null when <paramref name="from"/> does not widen to <paramref name="to"/>.</summary>
    public static Slot? Widen(char from, char to, Slot v) => (from, to) switch
    {
        ('B' or 'S' or 'C' or 'I', 'J') => Slot.OfLong(v.I),
        ('B' or 'S' or 'C' or 'I', 'F') => Slot.OfFloat(v.I),
        ('B' or 'S' or 'C' or 'I', 'D') => Slot.OfDouble(v.I),
        ('J', 'F') => Slot.OfFloat(v.J),
        ('J', 'D') => Slot.OfDouble(v.J),
        ('F', 'D') => Slot.OfDouble(v.F),
        ('B', 'S' or 'I') or ('S' or 'C', 'I') => v,
        _ => null,
    };
}
