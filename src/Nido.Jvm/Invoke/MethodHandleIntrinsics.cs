using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm;

/// <summary>
/// The VM's half of java.lang.invoke's method handles, as HotSpot's methodHandles.cpp: the signature-polymorphic
/// natives the JDK's LambdaForms are built from — <c>invokeBasic</c> (enter a handle's form: the method its
/// <c>form.vmentry</c> names, with the handle and the arguments as they are) and <c>linkToStatic/Special/Virtual/
/// Interface</c> (call the method a trailing MemberName names, selecting on the receiver for the last two) — and the
/// linkage of <c>invokeExact</c>/<c>invoke</c> call sites through <c>MethodHandleNatives.linkMethod</c>, which returns
/// an invoker method and an appendix (the call site's MethodType) that the call passes last. Everything between is the
/// JDK's own Java code: the pre-generated LambdaForm holders in the image, and forms it spins into hidden classes.
/// </summary>
internal static class MethodHandleIntrinsics
{
    private static readonly ConditionalWeakTable<JClass, ConcurrentDictionary<(string, string), JMethod>> Methods = new();
    private static readonly ConditionalWeakTable<JavaVm, FieldSlots> Slots = new();

    private sealed class FieldSlots(JavaVm vm)
    {
        public readonly int Form = vm.FieldOf(vm.BootClass("java/lang/invoke/MethodHandle"), "form").Slot;
        public readonly int VmEntry = vm.FieldOf(vm.BootClass("java/lang/invoke/LambdaForm"), "vmentry").Slot;
    }

    /// <summary>MethodHandle's natives that take any descriptor (JVMS 2.9.3) and are implemented here.</summary>
    public static bool IsIntrinsic(string name) => name is "invokeBasic" or "linkToStatic" or "linkToSpecial" or "linkToVirtual" or "linkToInterface";

    /// <summary>The method a MemberName resolves to for MethodHandle.name with this descriptor: one per signature, as HotSpot's method handle intrinsics.</summary>
    public static JMethod Polymorphic(JavaVm vm, string name, string descriptor)
    {
        var owner = vm.BootClass("java/lang/invoke/MethodHandle");
        return Methods.GetValue(owner, static _ => new()).GetOrAdd((name, descriptor), static (key, owner) =>
        {
            var (name, descriptor) = key;
            var isStatic = name.StartsWith("linkTo", StringComparison.Ordinal);
            var flags = AccessFlags.Final | AccessFlags.Native | AccessFlags.Varargs | (isStatic ? AccessFlags.Static : AccessFlags.Public);
            var m = new JMethod(owner, new MethodInfo(flags, name, descriptor), -1);
            var slots = m.ArgSlots;
            // Called as a native: the arguments end at t.Top (Interpreter.Call), where the target's frame can start.
            m.Native = name switch
            {
                "invokeBasic" => (t, a) => InvokeBasic(t, t.Top - slots),
                "linkToStatic" or "linkToSpecial" or "linkToVirtual" or "linkToInterface" => (t, a) => LinkTo(t, name, t.Top - slots, slots),
                _ => (t, a) => throw t.Vm.Throw("java/lang/UnsupportedOperationException", $"cannot reflectively invoke MethodHandle.{name}"),
            };
            return m;
        }, owner);
    }

    /// <summary>A signature-polymorphic call site of MethodHandle: the arguments (handle first) are at <paramref name="argBase"/>.</summary>
    public static Slot Invoke(JThread t, MethodSite site, int argBase)
    {
        switch (site.Name)
        {
            case "invokeBasic": return InvokeBasic(t, argBase);
            case "invokeExact" or "invoke":
            {
                if (t.Stack[argBase].R is null) throw t.Vm.Throw("java/lang/NullPointerException", null);
                var (invoker, appendix) = site.Linked ??= Link(t, site);
                t.Stack[argBase + site.ArgSlots] = Slot.OfRef(appendix);
                return Interpreter.Call(t, invoker, argBase);
            }
            default:
                if (IsIntrinsic(site.Name)) return LinkTo(t, site.Name, argBase, site.ArgSlots);
                throw t.Vm.Throw("java/lang/UnsupportedOperationException", $"MethodHandle.{site.Name}");
        }
    }

    /// <summary>MethodHandleNatives.linkMethod: the invoker for the call site's type and its appendix.</summary>
    private static (JMethod, JObject?) Link(JThread t, MethodSite site)
    {
        var vm = t.Vm;
        var natives = vm.BootClass("java/lang/invoke/MethodHandleNatives");
        vm.EnsureInitialized(t, natives);
        var linkMethod = natives.DeclaredMethod("linkMethod",
            "(Ljava/lang/Class;ILjava/lang/Class;Ljava/lang/String;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/invoke/MemberName;")!;
        var appendix = (JArray<JObject?>)vm.NewArray(vm.ObjectClass, 1);
        var mn = t.Invoke(linkMethod, Slot.OfRef(vm.Mirror(site.Caller!)), Slot.OfInt(5 /* REF_invokeVirtual */),
            Slot.OfRef(vm.Mirror(vm.BootClass("java/lang/invoke/MethodHandle"))), Slot.OfRef(vm.Intern(site.Name)),
            Slot.OfRef(vm.NewString(site.Descriptor)), Slot.OfRef(appendix)).R;
        var invoker = mn?.Vm as JMethod ?? throw vm.Throw("java/lang/LinkageError", $"no invoker for MethodHandle.{site.Name}{site.Descriptor}");
        if (invoker.ArgSlots != site.ArgSlots + (appendix.Data[0] is null ? 0 : 1))
            throw vm.Throw("java/lang/InternalError", $"invoker {invoker} does not fit MethodHandle.{site.Name}{site.Descriptor}");
        if (invoker.Owner.State != ClassState.Initialized) vm.EnsureInitialized(t, invoker.Owner);
        return (invoker, appendix.Data[0]);
    }

    private static Slot InvokeBasic(JThread t, int argBase)
    {
        var vm = t.Vm;
        var slots = Slots.GetValue(vm, static vm => new FieldSlots(vm));
        var mh = t.Stack[argBase].R ?? throw vm.Throw("java/lang/NullPointerException", null);
        var form = mh.Fields[slots.Form].R ?? throw vm.Throw("java/lang/InternalError", "method handle without a form");
        var target = form.Fields[slots.VmEntry].R?.Vm as JMethod
            ?? throw vm.Throw("java/lang/InternalError", "lambda form without a resolved vmentry");
        return Interpreter.Call(t, target, argBase);
    }

    private static Slot LinkTo(JThread t, string name, int argBase, int argSlots)
    {
        var vm = t.Vm;
        var s = t.Stack;
        var mn = s[argBase + argSlots - 1].R ?? throw vm.Throw("java/lang/NullPointerException", null);
        var target = mn.Vm as JMethod ?? throw vm.Throw("java/lang/InternalError", "MemberName is not a resolved method");
        s[argBase + argSlots - 1] = default;
        if (name == "linkToStatic")
        {
            if (target.Owner.State != ClassState.Initialized) vm.EnsureInitialized(t, target.Owner);
            return Interpreter.Call(t, target, argBase);
        }
        var receiver = s[argBase].R ?? throw vm.Throw("java/lang/NullPointerException", null);
        if (name is "linkToVirtual" or "linkToInterface" && !target.IsPrivate && !target.IsStatic)
        {
            if (name == "linkToInterface" && !receiver.Class.IsSubtypeOf(target.Owner))
                throw vm.Throw("java/lang/IncompatibleClassChangeError", $"Class {receiver.Class.JavaName} does not implement the requested interface {target.Owner.JavaName}");
            target = receiver.Class.Select(target) ?? throw vm.Throw("java/lang/AbstractMethodError", target.ToString());
        }
        return Interpreter.Call(t, target, argBase);
    }
}
