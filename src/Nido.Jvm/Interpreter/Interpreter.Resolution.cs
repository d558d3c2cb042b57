using System.Runtime.CompilerServices;
using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm;

/// <summary>A resolved invoke instruction's constant: the method, the target when no selection is needed, and the call shape.</summary>
internal sealed class MethodSite(JMethod? method, string descriptor, int argSlots, char returnKind)
{
    public readonly JMethod? Method = method;
    /// <summary>invokespecial's target, or a final/private method that needs no selection.</summary>
    public JMethod? Direct;
    public readonly string Descriptor = descriptor;
    public readonly int ArgSlots = argSlots;
    public readonly char ReturnKind = returnKind;
    public byte Op;
    /// <summary>MethodHandle.invoke/invokeExact and VarHandle access modes (JVMS 2.9.3): typed by the call site.</summary>
    public bool Polymorphic;
    public string Name = "";
    /// <summary>A polymorphic site's class (MethodHandleNatives.linkMethod resolves types in its loader).</summary>
    public JClass? Caller;
    /// <summary>invokeExact/invoke: the invoker method and appendix linked on first execution.</summary>
    public (JMethod Invoker, JObject? Appendix)? Linked;
}

public static partial class Interpreter
{
    /// <summary>CONSTANT_Class resolution, cached in the class's resolution table.</summary>
    internal static JClass ResolveClass(JThread t, JClass cls, int index)
    {
        if (cls.Resolved[index] is JClass c) return c;
        c = ResolveOwner(t, cls, cls.File!.Pool.ClassName(index));
        t.Vm.CheckClassAccess(cls, c);
        cls.Resolved[index] = c;
        return c;
    }

    /// <summary>
    /// A class named by <paramref name="cls"/>'s constant pool (a Class entry, or a member reference's class): a
    /// LinkageError of a first attempt is thrown again at every later one, as JVMS 5.4.3 asks and HotSpot does.
    /// </summary>
    private static JClass ResolveOwner(JThread t, JClass cls, string name)
    {
        var vm = t.Vm;
        if (cls.ResolutionErrors is { } known)
            lock (known)
                if (known.TryGetValue(name, out var again)) throw again.Throw(vm);
        try
        {
            return vm.ResolveClassName(cls, name);
        }
        catch (JavaThrow e) when (e.Throwable.Class.IsSubtypeOf(vm.BootClass("java/lang/LinkageError")))
        {
            var errors = LazyInitializer.EnsureInitialized(ref cls.ResolutionErrors, static () => []);
            lock (errors) errors.TryAdd(name, ResolutionError.Of(vm, e.Throwable));
            throw;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static JField StaticField(JThread t, JClass cls, int index)
    {
        if (cls.Resolved[index] is JField f && f.Owner.State == ClassState.Initialized) return f;
        return StaticFieldSlow(t, cls, index);
    }

    private static JField StaticFieldSlow(JThread t, JClass cls, int index)
    {
        var f = ResolveField(t, cls, index);
        if (!f.IsStatic) throw t.Vm.Throw("java/lang/IncompatibleClassChangeError", $"Expected static field {f.Owner.JavaName}.{f.Name}");
        t.Vm.EnsureInitialized(t, f.Owner);
        return f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static JField InstanceField(JThread t, JClass cls, int index)
    {
        if (cls.Resolved[index] is JField f) return f;
        f = ResolveField(t, cls, index);
        if (f.IsStatic) throw t.Vm.Throw("java/lang/IncompatibleClassChangeError", $"Expected non-static field {f.Owner.JavaName}.{f.Name}");
        return f;
    }

    internal static JField ResolveField(JThread t, JClass cls, int index)
    {
        if (cls.Resolved[index] is JField f) return f;
        var (className, name, descriptor) = cls.File!.Pool.MemberRef(index);
        var owner = ResolveOwner(t, cls, className);
        t.Vm.CheckClassAccess(cls, owner);
        f = owner.FindField(name, descriptor) ?? throw t.Vm.Throw("java/lang/NoSuchFieldError", name);
        t.Vm.CheckFieldAccess(t, cls, owner, f);
        t.Vm.CheckFieldConstraints(cls, f);
        cls.Resolved[index] = f;
        return f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static MethodSite MethodSite(JThread t, JClass cls, byte op, int index)
    {
        if (cls.Resolved[index] is MethodSite site && site.Op == op) return site;
        return ResolveMethodSite(t, cls, op, index);
    }

    private static MethodSite ResolveMethodSite(JThread t, JClass cls, byte op, int index)
    {
        var vm = t.Vm;
        var pool = cls.File!.Pool;
        var (className, name, descriptor) = pool.MemberRef(index);
        var owner = ResolveOwner(t, cls, className);
        vm.CheckClassAccess(cls, owner);
        var isInterfaceRef = pool.Tag(index) == ConstantTag.InterfaceMethodRef;
        if (isInterfaceRef != owner.IsInterface && !owner.IsArray)
            throw vm.Throw("java/lang/IncompatibleClassChangeError",
                $"Method '{name}{descriptor}' must be {(isInterfaceRef ? "Methodref" : "InterfaceMethodref")} constant");
        var argSlots = Descriptors.ArgumentSlots(descriptor) + (op == 0xb8 ? 0 : 1);
        var returnKind = Descriptors.Return(descriptor)[0];
        if ((op == 0xb6 && owner.Name is "java/lang/invoke/MethodHandle" or "java/lang/invoke/VarHandle"
                || op == 0xb8 && owner.Name == "java/lang/invoke/MethodHandle")
            && owner.DeclaredMethods.FirstOrDefault(x => x.Name == name) is { IsNative: true, Flags: var pf } polymorphic && (pf & AccessFlags.Varargs) != 0)
        {
            // invokeBasic and linkTo* are package-private: only java.lang.invoke's own code (LambdaForms) may call
            // them. From elsewhere they would pass arguments of any type past every check, to code that trusts them.
            // HotSpot names the intrinsic it links, whose signature is the call site's in basic types.
            vm.CheckMethodAccess(t, cls, owner, polymorphic, MethodHandleIntrinsics.IsIntrinsic(name) ? BasicDescriptor(descriptor, keepLast: name != "invokeBasic") : descriptor);
            if (polymorphic.IsStatic != (op == 0xb8))
                throw vm.Throw("java/lang/NoSuchMethodError", $"'{DescriptorText.Method(name, descriptor, owner.JavaName)}'");
            return Cache(cls, index, new MethodSite(null, descriptor, argSlots, returnKind) { Op = op, Polymorphic = true, Name = name, Caller = cls });
        }
        var method = (owner.IsInterface ? owner.FindInterfaceMethod(name, descriptor) : owner.FindMethod(name, descriptor))
            ?? throw vm.Throw("java/lang/NoSuchMethodError", $"'{DescriptorText.Method(name, descriptor, owner.JavaName)}'");
        vm.CheckMethodAccess(t, cls, owner, method);
        vm.CheckMethodConstraints(cls, owner, method, descriptor, isInterfaceRef);
        if (method.IsStatic != (op == 0xb8))
            throw vm.Throw("java/lang/IncompatibleClassChangeError",
                $"Expected {(op == 0xb8 ? "static" : "non-static")} method '{DescriptorText.Method(name, descriptor, method.Owner.JavaName)}'");
        var site = new MethodSite(method, descriptor, argSlots, returnKind) { Op = op, Name = name };
        if (op == 0xb7)
        {
            // invokespecial of a superclass method from an ACC_SUPER class selects from the direct superclass (JVMS 6.5).
            var target = method;
            if (!method.IsConstructor && !method.IsPrivate && !owner.IsInterface && cls.Super is { } super
                && !ReferenceEquals(owner, cls) && cls.IsSubtypeOf(owner))
                target = super.FindMethod(name, descriptor) ?? method;
            site.Direct = target;
        }
        else if (op == 0xb6 && (method.IsPrivate || (method.Flags & AccessFlags.Final) != 0 || (method.Owner.Flags & AccessFlags.Final) != 0) && !method.Owner.IsInterface)
            site.Direct = method;
        return Cache(cls, index, site);
    }

    /// <summary>
    /// A descriptor in basic types, as HotSpot's method handle intrinsics have it: references become Object and
    /// boolean/byte/char/short int; <paramref name="keepLast"/> keeps the last parameter (linkTo*'s MemberName).
    /// </summary>
    private static string BasicDescriptor(string descriptor, bool keepLast)
    {
        static string Basic(string type) => type[0] switch { 'L' or '[' => "Ljava/lang/Object;", 'Z' or 'B' or 'C' or 'S' => "I", _ => type };
        var parameters = Descriptors.Parameters(descriptor);
        var text = new System.Text.StringBuilder("(");
        for (var i = 0; i < parameters.Count; i++)
            text.Append(keepLast && i == parameters.Count - 1 ? parameters[i] : Basic(parameters[i]));
        return text.Append(')').Append(Basic(Descriptors.Return(descriptor))).ToString();
    }

    private static MethodSite Cache(JClass cls, int index, MethodSite site)
    {
        cls.Resolved[index] = site;
        return site;
    }

    /// <summary>Selection and the call for the four invoke instructions.</summary>
    internal static Slot Invoke(JThread t, MethodSite site, int argBase)
    {
        var s = t.Stack;
        switch (site.Op)
        {
            case 0xb8:
                if (site.Polymorphic) return MethodHandleIntrinsics.Invoke(t, site, argBase);
                var m = site.Method!;
                if (m.Owner.State != ClassState.Initialized) t.Vm.EnsureInitialized(t, m.Owner);
                return Call(t, m, argBase);
            case 0xb7:
                if (s[argBase].R is null) throw t.Vm.Throw("java/lang/NullPointerException", null);
                return Call(t, site.Direct!, argBase);
            default:
                if (site.Polymorphic) return MethodHandles.InvokePolymorphic(t, site, argBase);
                var receiver = s[argBase].R ?? throw t.Vm.Throw("java/lang/NullPointerException", null);
                var target = site.Direct ?? receiver.Class.Select(site.Method!)
                    ?? throw t.Vm.Throw("java/lang/AbstractMethodError", site.Method!.ToString());
                return Call(t, target, argBase);
        }
    }

    internal static JObject New(JThread t, JClass cls, int index)
    {
        var c = ResolveClass(t, cls, index);
        if (c.IsInterface || c.IsAbstract) throw t.Vm.Throw("java/lang/InstantiationError", c.JavaName);
        if (c.State != ClassState.Initialized) t.Vm.EnsureInitialized(t, c);
        return JavaVm.NewObject(t, c);
    }
}
