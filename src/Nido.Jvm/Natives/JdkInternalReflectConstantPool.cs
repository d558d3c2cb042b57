using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// jdk.internal.reflect.ConstantPool: reflective reads of a class's constant pool (its constantPoolOop is the Class
/// mirror), which the annotation parser uses to decode element values. A wrong index or tag is an
/// IllegalArgumentException with HotSpot's texts.
/// </summary>
internal static class JdkInternalReflectConstantPool
{
    private const string C = "jdk/internal/reflect/ConstantPool";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "getSize0", "(Ljava/lang/Object;)I", static (t, a) => Slot.OfInt(Pool(t, a).Count));
        r.Add(C, "getTagAt0", "(Ljava/lang/Object;I)B", static (t, a) => Slot.OfInt((byte)Entry(t, a, null).Tag(a[2].I)));
        r.Add(C, "getUTF8At0", "(Ljava/lang/Object;I)Ljava/lang/String;", static (t, a) =>
            Slot.OfRef(t.Vm.Intern(t.Vm.NewString(Entry(t, a, ConstantTag.Utf8).Utf8(a[2].I)))));
        r.Add(C, "getStringAt0", "(Ljava/lang/Object;I)Ljava/lang/String;", static (t, a) =>
            Slot.OfRef(t.Vm.Intern(t.Vm.NewString(Entry(t, a, ConstantTag.String).String(a[2].I)))));
        r.Add(C, "getIntAt0", "(Ljava/lang/Object;I)I", static (t, a) => Slot.OfInt(Entry(t, a, ConstantTag.Integer).Integer(a[2].I)));
        r.Add(C, "getLongAt0", "(Ljava/lang/Object;I)J", static (t, a) => Slot.OfLong(Entry(t, a, ConstantTag.Long).Long(a[2].I)));
        r.Add(C, "getFloatAt0", "(Ljava/lang/Object;I)F", static (t, a) => Slot.OfFloat(Entry(t, a, ConstantTag.Float).Float(a[2].I)));
        r.Add(C, "getDoubleAt0", "(Ljava/lang/Object;I)D", static (t, a) => Slot.OfDouble(Entry(t, a, ConstantTag.Double).Double(a[2].I)));
        r.Add(C, "getClassAt0", "(Ljava/lang/Object;I)Ljava/lang/Class;", static (t, a) =>
        {
            var owner = Owner(t, a);
            var name = Entry(t, a, ConstantTag.Class).ClassName(a[2].I);
            return Slot.OfRef(t.Vm.Mirror(t.Vm.ResolveClassName(owner, name)));
        });
        r.Add(C, "getClassAtIfLoaded0", "(Ljava/lang/Object;I)Ljava/lang/Class;", static (t, a) =>
        {
            var owner = Owner(t, a);
            var name = Entry(t, a, ConstantTag.Class).ClassName(a[2].I);
            return Slot.OfRef(t.Vm.FindLoaded(name, owner.Loader) is { } c ? t.Vm.Mirror(c) : null);
        });
        r.Add(C, "getClassRefIndexAt0", "(Ljava/lang/Object;I)I", static (t, a) => Slot.OfInt(MemberRef(t, a).A(a[2].I)));
        r.Add(C, "getNameAndTypeRefIndexAt0", "(Ljava/lang/Object;I)I", static (t, a) => Slot.OfInt(MemberRef(t, a).B(a[2].I)));
        r.Add(C, "getMemberRefInfoAt0", "(Ljava/lang/Object;I)[Ljava/lang/String;", static (t, a) =>
        {
            var (cls, name, descriptor) = MemberRef(t, a).MemberRef(a[2].I);
            return Strings(t, cls, name, descriptor);
        });
        r.Add(C, "getNameAndTypeRefInfoAt0", "(Ljava/lang/Object;I)[Ljava/lang/String;", static (t, a) =>
        {
            var (name, descriptor) = Entry(t, a, ConstantTag.NameAndType).NameAndType(a[2].I);
            return Strings(t, name, descriptor);
        });
    }

    private static JClass Owner(JThread t, Span<Slot> a) =>
        t.Vm.ClassOf(a[1].R ?? throw t.Vm.Throw("java/lang/NullPointerException", null));

    private static ConstantPool Pool(JThread t, Span<Slot> a) =>
        Owner(t, a).File?.Pool ?? throw t.Vm.Throw("java/lang/IllegalArgumentException", "Constant pool index out of bounds");

    /// <summary>The pool, after checking the index (args: this, constantPoolOop, index) and, if given, the entry's tag.</summary>
    private static ConstantPool Entry(JThread t, Span<Slot> a, ConstantTag? tag)
    {
        var pool = Pool(t, a);
        var index = a[2].I;
        if (index <= 0 || index >= pool.Count) throw t.Vm.Throw("java/lang/IllegalArgumentException", "Constant pool index out of bounds");
        if (tag is { } expected && pool.Tag(index) != expected) throw t.Vm.Throw("java/lang/IllegalArgumentException", "Wrong type at constant pool index");
        return pool;
    }

    private static ConstantPool MemberRef(JThread t, Span<Slot> a)
    {
        var pool = Entry(t, a, null);
        if (pool.Tag(a[2].I) is not (ConstantTag.FieldRef or ConstantTag.MethodRef or ConstantTag.InterfaceMethodRef))
            throw t.Vm.Throw("java/lang/IllegalArgumentException", "Wrong type at constant pool index");
        return pool;
    }

    private static Slot Strings(JThread t, params string[] values)
    {
        var array = (JArray<JObject?>)t.Vm.NewArray(t.Vm.StringClass, values.Length);
        for (var i = 0; i < values.Length; i++) array.Data[i] = t.Vm.NewString(values[i]);
        return Slot.OfRef(array);
    }
}
