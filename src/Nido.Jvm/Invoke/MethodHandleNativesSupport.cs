using Nido.Jvm.ClassFile;
using Nido.Jvm.Natives;
using Nido.Jvm.Runtime;

namespace Nido.Jvm;

/// <summary>
/// java.lang.invoke.MethodHandleNatives: MemberName resolution and field offsets, enough for Lookup.findVarHandle,
/// findStatic/findVirtual lookups and reflection's unreflect. The resolved JField/JMethod rides in the MemberName's
/// VM slot, where HotSpot keeps its injected vmindex/vmtarget.
/// </summary>
internal static class MethodHandleNativesSupport
{
    private const string C = "java/lang/invoke/MethodHandleNatives";
    private const int IsMethod = 0x00010000, IsConstructor = 0x00020000, IsField = 0x00040000, TrustedFinal = 0x00200000, KindShift = 24;

    public static void Register(NativeRegistry r)
    {
        r.AddAny(C, "registerNatives", static (t, a) => default);
        r.Add(C, "getNamedCon", "(I[Ljava/lang/Object;)I", static (t, a) => Slot.OfInt(0));
        r.Add(C, "resolve", "(Ljava/lang/invoke/MemberName;Ljava/lang/Class;IZ)Ljava/lang/invoke/MemberName;", static (t, a) =>
        {
            var (error, message) = Resolve(t, a[0].R!, a[1].R is { } caller ? t.Vm.ClassOf(caller) : null);
            if (error is null) return Slot.OfRef(a[0].R);
            if (a[3].I != 0) return default;
            throw t.Vm.Throw(error, message);
        });
        r.Add(C, "init", "(Ljava/lang/invoke/MemberName;Ljava/lang/Object;)V", static (t, a) =>
        {
            var vm = t.Vm;
            var mn = a[0].R!;
            var target = a[1].R!;
            switch (target.Class.Name)
            {
                case "java/lang/reflect/Field":
                    var f = Reflect.FieldOf(t, target);
                    Fill(t, mn, f.Owner, f.Name, vm.Mirror(Reflect.TypeOf(t, f.Descriptor, f.Owner)), FieldFlags(f, setter: false));
                    mn.Vm = f;
                    break;
                case "java/lang/reflect/Method" or "java/lang/reflect/Constructor":
                    var m = Reflect.MethodOf(t, target);
                    Fill(t, mn, m.Owner, m.Name, null, MethodFlags(m));
                    mn.Vm = m;
                    break;
            }
            return default;
        });
        r.Add(C, "expand", "(Ljava/lang/invoke/MemberName;)V", static (t, a) => default);
        r.Add(C, "objectFieldOffset", "(Ljava/lang/invoke/MemberName;)J", static (t, a) => Slot.OfLong(FieldOf(t, a[0].R!).Slot));
        r.Add(C, "staticFieldOffset", "(Ljava/lang/invoke/MemberName;)J", static (t, a) => Slot.OfLong((long)FieldOf(t, a[0].R!).Slot | UnsafeMemory.StaticBit));
        r.Add(C, "staticFieldBase", "(Ljava/lang/invoke/MemberName;)Ljava/lang/Object;", static (t, a) => Slot.OfRef(t.Vm.Mirror(FieldOf(t, a[0].R!).Owner)));
        r.Add(C, "getMemberVMInfo", "(Ljava/lang/invoke/MemberName;)Ljava/lang/Object;", static (t, a) => default);
        r.Add(C, "setCallSiteTargetNormal", "(Ljava/lang/invoke/CallSite;Ljava/lang/invoke/MethodHandle;)V", static (t, a) => SetTarget(t, a));
        r.Add(C, "setCallSiteTargetVolatile", "(Ljava/lang/invoke/CallSite;Ljava/lang/invoke/MethodHandle;)V", static (t, a) => SetTarget(t, a));
    }

    private static Slot SetTarget(JThread t, Span<Slot> a)
    {
        t.Vm.SetField(a[0].R!, a[0].R!.Class, "target", Slot.OfRef(a[1].R));
        return default;
    }

    private static JField FieldOf(JThread t, JObject mn) =>
        mn.Vm as JField ?? throw t.Vm.Throw("java/lang/InternalError", "MemberName is not a resolved field");

    private static int FieldFlags(JField f, bool setter)
    {
        var kind = f.IsStatic ? (setter ? 4 : 2) : (setter ? 3 : 1);
        var trusted = (f.Flags & AccessFlags.Final) != 0 && (f.IsStatic || f.Owner.IsHidden || f.Owner.File?.RecordComponents is not null) ? TrustedFinal : 0;
        return ((int)f.Flags & 0xFFFF) | IsField | trusted | (kind << KindShift);
    }

    private static int MethodFlags(JMethod m)
    {
        var kind = m.IsConstructor ? 8 : m.IsStatic ? 6 : m.Owner.IsInterface ? 9 : m.IsPrivate ? 7 : 5;
        return ((int)m.Flags & 0xFFFF) | (m.IsConstructor ? IsConstructor : IsMethod) | (kind << KindShift);
    }

    /// <summary>A MemberName for <paramref name="m"/> (a stack frame's method, for StackWalker), its type as the descriptor string.</summary>
    public static void InitFromMethod(JThread t, JObject mn, JMethod m)
    {
        Fill(t, mn, m.Owner, m.Name, t.Vm.Intern(m.Descriptor), MethodFlags(m));
        mn.Vm = m;
    }

    private static void Fill(JThread t, JObject mn, JClass owner, string name, JObject? type, int flags)
    {
        var vm = t.Vm;
        vm.SetField(mn, mn.Class, "clazz", Slot.OfRef(vm.Mirror(owner)));
        vm.SetField(mn, mn.Class, "name", Slot.OfRef(vm.Intern(name)));
        if (type is not null) vm.SetField(mn, mn.Class, "type", Slot.OfRef(type));
        vm.SetField(mn, mn.Class, "flags", Slot.OfInt(flags));
    }

    /// <summary>
    /// Finds the member a MemberName names (class, name, type as Class/MethodType/String, reference kind in flags);
    /// with a caller (a lookup without full privilege) the member must also be accessible from it. Returns the
    /// LinkageError HotSpot would throw when it is not found or not accessible.
    /// </summary>
    private static (string? Error, string? Message) Resolve(JThread t, JObject mn, JClass? caller)
    {
        var vm = t.Vm;
        var owner = vm.ClassOf(vm.GetField(mn, "clazz").R!);
        var name = vm.StringOf(vm.GetField(mn, "name").R)!;
        var type = vm.GetField(mn, "type").R;
        var flags = vm.GetField(mn, "flags").I;
        var kind = (flags >> KindShift) & 0xF;
        if ((flags & IsField) != 0)
        {
            var descriptor = type is null ? null : type.Class == vm.StringClass ? vm.StringOf(type) : JavaVm.Descriptor(vm.ClassOf(type));
            var f = descriptor is null ? null : owner.FindField(name, descriptor);
            if (f is null) return ("java/lang/NoSuchFieldError", name);
            if (caller is not null && !Accessible(t, caller, f.Owner, f.Flags))
                return ("java/lang/IllegalAccessError", $"class {caller.JavaName} tried to access {Access(f.Flags)}field {f.Owner.JavaName}.{f.Name}");
            vm.SetField(mn, mn.Class, "flags", Slot.OfInt(FieldFlags(f, kind is 3 or 4)));
            vm.SetField(mn, mn.Class, "clazz", Slot.OfRef(vm.Mirror(f.Owner)));
            mn.Vm = f;
            return default;
        }
        var methodDescriptor = type is null ? null : type.Class == vm.StringClass ? vm.StringOf(type) : MethodTypeDescriptor(vm, type);
        if (methodDescriptor is null) return ("java/lang/NoSuchMethodError", name);
        var m = owner.Name == "java/lang/invoke/MethodHandle" && MethodHandleIntrinsics.IsIntrinsic(name)
            ? MethodHandleIntrinsics.Polymorphic(vm, name, methodDescriptor)
            : owner.IsInterface ? owner.FindInterfaceMethod(name, methodDescriptor) : owner.FindMethod(name, methodDescriptor);
        if (m is null) return ("java/lang/NoSuchMethodError", $"'{DescriptorText.Method(name, methodDescriptor, owner.JavaName)}'");
        // The reference kind must fit the method (LinkResolver's check): the lookup then reports "no such method".
        if (kind == 6 && !m.IsStatic)
            return ("java/lang/IncompatibleClassChangeError", $"Expected static method '{DescriptorText.Method(name, methodDescriptor, m.Owner.JavaName)}'");
        if (kind is 5 or 7 or 8 or 9 && m.IsStatic && MethodHandleIntrinsics.IsIntrinsic(name) is false)
            return ("java/lang/IncompatibleClassChangeError", $"Expecting non-static method '{DescriptorText.Method(name, methodDescriptor, m.Owner.JavaName)}'");
        if (caller is not null && !Accessible(t, caller, m.Owner, m.Flags))
            return ("java/lang/IllegalAccessError",
                $"class {caller.JavaName} tried to access {Access(m.Flags)}method '{DescriptorText.Method(name, methodDescriptor, m.Owner.JavaName)}'");
        var mflags = MethodFlags(m);
        if (kind != 0) mflags = (mflags & ~(0xF << KindShift)) | (kind << KindShift);
        vm.SetField(mn, mn.Class, "flags", Slot.OfInt(mflags));
        vm.SetField(mn, mn.Class, "clazz", Slot.OfRef(vm.Mirror(m.Owner)));
        mn.Vm = m;
        return default;
    }

    private static string Access(AccessFlags flags) =>
        (flags & AccessFlags.Private) != 0 ? "private " : (flags & AccessFlags.Protected) != 0 ? "protected " : (flags & AccessFlags.Public) != 0 ? "" : "package-private ";

    /// <summary>JVMS 5.4.4 member access (the member's class itself is checked by the Java side of the lookup).</summary>
    private static bool Accessible(JThread t, JClass caller, JClass owner, AccessFlags flags) => t.Vm.CanAccessMember(t, caller, owner, owner, flags);

    /// <summary>A java.lang.invoke.MethodType's descriptor from its rtype and ptypes.</summary>
    public static string MethodTypeDescriptor(JavaVm vm, JObject methodType)
    {
        var r = vm.ClassOf(vm.GetField(methodType, "rtype").R!);
        var ps = (JArray<JObject?>)vm.GetField(methodType, "ptypes").R!;
        return "(" + string.Concat(ps.Data.Select(p => JavaVm.Descriptor(vm.ClassOf(p!)))) + ")" + JavaVm.Descriptor(r);
    }
}
