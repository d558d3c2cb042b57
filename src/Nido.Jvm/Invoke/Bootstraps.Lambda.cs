using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm;

internal static partial class Bootstraps
{
    private const int RefGetField = 1, RefGetStatic = 2, RefInvokeVirtual = 5, RefInvokeStatic = 6, RefInvokeSpecial = 7, RefNewInvokeSpecial = 8, RefInvokeInterface = 9;

    /// <summary>A CONSTANT_MethodHandle's kind and member, resolved like the instruction it stands for.</summary>
    public static (int Kind, JMethod? Method, JField? Field) ResolveHandle(JThread t, JClass cls, int index)
    {
        var pool = cls.File!.Pool;
        var kind = pool.A(index);
        var reference = pool.B(index);
        var (className, name, descriptor) = pool.MemberRef(reference);
        var owner = t.Vm.ResolveClassName(cls, className);
        if (kind <= 4) return (kind, null, owner.FindField(name, descriptor) ?? throw t.Vm.Throw("java/lang/NoSuchFieldError", name));
        var m = (owner.IsInterface ? owner.FindInterfaceMethod(name, descriptor) : owner.FindMethod(name, descriptor))
            ?? throw t.Vm.Throw("java/lang/NoSuchMethodError", $"'{DescriptorText.Method(name, descriptor, owner.JavaName)}'");
        return (kind, m, null);
    }

    /// <summary>
    /// LambdaMetafactory: a hidden proxy class implementing the functional interface (plus markers and bridges of
    /// altMetafactory), its fields the captured values, its method adapting the interface's erased signature to the
    /// implementation (boxing, unboxing, widening) and invoking it as the handle's kind says.
    /// </summary>
    private static CallSiteTarget Lambda(JThread t, JClass cls, string methodName, string factoryDescriptor, BootstrapMethod bootstrap, bool alt)
    {
        var vm = t.Vm;
        var pool = cls.File!.Pool;
        var args = bootstrap.Arguments;
        var samDescriptor = pool.Utf8(pool.A(args[0]));
        var (kind, impl, _) = ResolveHandle(t, cls, args[1]);
        var captured = Descriptors.Parameters(factoryDescriptor);
        var iface = vm.ResolveClassName(cls, Descriptors.Return(factoryDescriptor)[1..^1]);
        var interfaces = new List<JClass> { iface };
        var descriptors = new List<string> { samDescriptor };
        if (alt)
        {
            var flags = pool.Integer(args[3]);
            var k = 4;
            if ((flags & 2) != 0)
            {
                var markers = pool.Integer(args[k++]);
                for (var i = 0; i < markers; i++) interfaces.Add(vm.ResolveClassName(cls, pool.ClassName(args[k++])));
            }
            if ((flags & 4) != 0)
            {
                var bridges = pool.Integer(args[k++]);
                for (var i = 0; i < bridges; i++) descriptors.Add(pool.Utf8(pool.A(args[k++])));
            }
            if ((flags & 1) != 0 && !interfaces.Any(i => i.Name == "java/io/Serializable")) interfaces.Add(vm.BootClass("java/io/Serializable"));
        }
        var target = impl!;
        var targetParameters = Descriptors.Parameters(target.Descriptor);
        if (kind is RefInvokeVirtual or RefInvokeInterface or RefInvokeSpecial) targetParameters.Insert(0, JavaVm.Descriptor(target.Owner));
        // The proxy casts each argument to the instantiated type (raw callers may pass anything), as LambdaMetafactory's.
        var instantiated = Descriptors.Parameters(pool.Utf8(pool.A(args[2])));
        var casts = instantiated.Select(d => d is "Ljava/lang/Object;" || d[0] is not ('L' or '[') ? null
            : vm.ResolveClassName(cls, d[0] == 'L' ? d[1..^1] : d)).ToArray();
        var distinct = new List<string>(descriptors.Count);
        foreach (var d in descriptors)
            if (!distinct.Contains(d)) distinct.Add(d);
        var methods = new (string, string, NativeMethod)[distinct.Count];
        for (var i = 0; i < methods.Length; i++) methods[i] = (methodName, distinct[i], Adapter(captured, distinct[i], casts, kind, target, targetParameters));
        var proxy = vm.DefineSynthetic(cls.FileName, cls.Loader, [.. interfaces], [.. captured], methods);
        proxy.NestHostClass = Natives.JavaLangClass.NestHost(t, cls); // LambdaMetafactory defines it as a nestmate of its caller
        var width = SlotCount(captured);
        JObject? singleton = captured.Count == 0 ? vm.NewObject(proxy) : null;
        return (t, s, sp) =>
        {
            sp -= width;
            var o = singleton ?? t.Vm.NewObject(proxy);
            if (singleton is null)
            {
                var values = Compact(s, sp, captured);
                for (var i = 0; i < values.Length; i++) o.Fields[i] = values[i];
            }
            s[sp].R = o;
            return sp + 1;
        };
    }

    /// <summary>The proxy method for one erased interface descriptor.</summary>
    private static NativeMethod Adapter(List<string> captured, string samDescriptor, JClass?[] casts, int kind, JMethod target, List<string> targetParameters)
    {
        var samParameters = Descriptors.Parameters(samDescriptor);
        var samReturn = Descriptors.Return(samDescriptor);
        var targetReturn = kind == RefNewInvokeSpecial ? JavaVm.Descriptor(target.Owner) : Descriptors.Return(target.Descriptor);
        var sources = captured.Concat(samParameters).ToList();
        return (t, a) =>
        {
            var vm = t.Vm;
            var self = a[0].R!;
            var values = new Slot[sources.Count];
            for (var i = 0; i < captured.Count; i++) values[i] = self.Fields[i];
            var p = 1;
            for (var i = 0; i < samParameters.Count; i++)
            {
                values[captured.Count + i] = a[p];
                if (i < casts.Length && casts[i] is { } cast && samParameters[i][0] is 'L' or '[' && a[p].R is { } arg && !arg.Class.IsSubtypeOf(cast))
                    throw Interpreter.ClassCast(t, arg.Class, cast);
                p += samParameters[i] is "J" or "D" ? 2 : 1;
            }
            if (values.Length != targetParameters.Count)
                throw vm.Throw("java/lang/invoke/LambdaConversionException", $"{target}: {values.Length} arguments for {targetParameters.Count} parameters");
            var call = new List<Slot>();
            JObject? created = null;
            if (kind == RefNewInvokeSpecial)
            {
                vm.EnsureInitialized(t, target.Owner);
                created = vm.NewObject(target.Owner);
                call.Add(Slot.OfRef(created));
            }
            for (var i = 0; i < values.Length; i++)
            {
                var v = Convert(t, values[i], sources[i], targetParameters[i]);
                call.Add(v);
                if (targetParameters[i] is "J" or "D") call.Add(default);
            }
            var method = target;
            if (kind is RefInvokeVirtual or RefInvokeInterface)
            {
                var receiver = call[0].R ?? throw MethodHandles.PlainNullPointer(t); // the proxy's invokevirtual, in a hidden class: no helpful text
                method = receiver.Class.Select(target) ?? target;
            }
            else if (kind == RefInvokeStatic) vm.EnsureInitialized(t, target.Owner);
            var result = t.Invoke(method, [.. call]);
            if (created is not null) result = Slot.OfRef(created);
            return samReturn == "V" ? default : Convert(t, result, targetReturn, samReturn);
        };
    }

    /// <summary>The method-type adaptations LambdaMetafactory allows: reference casts, boxing, unboxing, primitive widening.</summary>
    public static Slot Convert(JThread t, Slot v, string from, string to)
    {
        if (from == to) return v;
        var fromRef = from[0] is 'L' or '[';
        var toRef = to[0] is 'L' or '[';
        if (fromRef && toRef) return v;
        if (toRef) return Slot.OfRef(Natives.Reflect.Box(t, from[0], v));
        if (fromRef)
        {
            // The proxy's checkcast to the wrapper and its xxxValue() call: a plain NullPointerException for null.
            if (v.R is not { } o) throw MethodHandles.PlainNullPointer(t);
            return Natives.Reflect.UnboxWidened(t.Vm, o, to[0]) ?? throw Interpreter.ClassCast(t, o.Class, MethodHandles.Boxed(t.Vm, to[0])!);
        }
        if (from == "V") return default;
        return Natives.Reflect.Widen(from[0], to[0], v) ?? v;
    }
}
