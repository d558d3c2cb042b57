using System.Runtime.InteropServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>ClassLoader, java.lang.reflect.Array, reflective invocation, Reference and Console natives.</summary>
internal static class JavaLangReflectAndLoaders
{
    public static void Register(NativeRegistry r)
    {
        const string L = "java/lang/ClassLoader";
        r.AddAny(L, "registerNatives", static (t, a) => default);
        r.Add(L, "findBootstrapClass", "(Ljava/lang/String;)Ljava/lang/Class;", static (t, a) =>
        {
            var name = t.Vm.StringOf(a[0].R)!.Replace('.', '/');
            return Slot.OfRef(t.Vm.LoadClass(name, null) is { } c ? t.Vm.Mirror(c) : null);
        });
        r.Add(L, "findLoadedClass0", "(Ljava/lang/String;)Ljava/lang/Class;", static (t, a) =>
        {
            var vm = t.Vm;
            var name = vm.StringOf(a[1].R)?.Replace('.', '/');
            if (name is null) return default;
            var c = vm.FindLoaded(name, a[0].R);
            // The bootstrap source serves every image class, also those of modules Java maps to the platform or app
            // loader: those loaders find them "already loaded" instead of defining a second copy from the image.
            if (c is null && a[0].R is { } loader && Modules.IsBuiltin(loader) && vm.ModuleOfPackageName(name[..Math.Max(0, name.LastIndexOf('/'))]) is not null)
                c = vm.LoadClass(name, null);
            return Slot.OfRef(c is null ? null : vm.Mirror(c));
        });
        r.Add(L, "defineClass2", "(Ljava/lang/ClassLoader;Ljava/lang/String;Ljava/nio/ByteBuffer;IILjava/security/ProtectionDomain;Ljava/lang/String;)Ljava/lang/Class;", static (t, a) =>
        {
            var vm = t.Vm;
            var buffer = a[2].R!;
            var (offset, length) = (a[3].I, a[4].I);
            byte[] bytes;
            if (vm.GetField(buffer, "hb").R is JArray<sbyte> heap)
                bytes = MemoryMarshal.AsBytes(heap.Data.AsSpan(vm.GetField(buffer, "offset").I + offset, length)).ToArray();
            else unsafe { bytes = new ReadOnlySpan<byte>((byte*)vm.GetField(buffer, "address").J + offset, length).ToArray(); }
            var name = vm.StringOf(a[1].R)?.Replace('.', '/');
            return Slot.OfRef(vm.Mirror(vm.DefineClass(bytes, a[0].R, name, a[5].R)));
        });
        r.Add(L, "defineClass1", "(Ljava/lang/ClassLoader;Ljava/lang/String;[BIILjava/security/ProtectionDomain;Ljava/lang/String;)Ljava/lang/Class;", static (t, a) =>
        {
            var data = ((JArray<sbyte>)a[2].R!).Data.AsSpan(a[3].I, a[4].I);
            var name = t.Vm.StringOf(a[1].R)?.Replace('.', '/');
            return Slot.OfRef(t.Vm.Mirror(t.Vm.DefineClass(MemoryMarshal.AsBytes(data).ToArray(), a[0].R, name, a[5].R)));
        });
        // Lookup.defineHiddenClass and the LambdaForms java.lang.invoke spins: flags NESTMATE 1, HIDDEN 2.
        r.Add(L, "defineClass0", "(Ljava/lang/ClassLoader;Ljava/lang/Class;Ljava/lang/String;[BIILjava/security/ProtectionDomain;ZILjava/lang/Object;)Ljava/lang/Class;", static (t, a) =>
        {
            var vm = t.Vm;
            var lookup = JavaLangClass.Of(t, a[1]);
            var data = ((JArray<sbyte>)(a[3].R ?? throw vm.Throw("java/lang/NullPointerException", null))).Data.AsSpan(a[4].I, a[5].I);
            var flags = a[8].I;
            var hidden = (flags & 2) != 0;
            var name = vm.StringOf(a[2].R)?.Replace('.', '/');
            var c = vm.DefineClass(MemoryMarshal.AsBytes(data).ToArray(), a[0].R, name, a[6].R, hidden);
            if (hidden) c.NestHostClass = (flags & 1) != 0 ? JavaLangClass.NestHost(t, lookup) : c;
            var mirror = vm.Mirror(c);
            vm.SetField(mirror, mirror.Class, "classData", Slot.OfRef(a[9].R));
            if (a[7].I != 0) vm.EnsureInitialized(t, c);
            return Slot.OfRef(mirror);
        });
        r.Add(L, "retrieveDirectives", "()Ljava/lang/AssertionStatusDirectives;", static (t, a) =>
        {
            // -ea/-da as HotSpot hands them to ClassLoader: class and package switches in command-line order (a later
            // one wins), "p..." a package and its subpackages, "..." the unnamed package; plain -ea/-da the default.
            var vm = t.Vm;
            var c = vm.BootClass("java/lang/AssertionStatusDirectives");
            var o = vm.NewObject(c);
            var switches = vm.Options.Assertions;
            var classes = switches.Where(s => s.Target is { } n && !n.EndsWith("...", StringComparison.Ordinal)).ToArray();
            var packages = switches.Where(s => s.Target is { } n && n.EndsWith("...", StringComparison.Ordinal)).ToArray();
            vm.SetField(o, c, "classes", Slot.OfRef(Strings(classes.Select(s => s.Target!))));
            vm.SetField(o, c, "classEnabled", Slot.OfRef(Flags(classes)));
            vm.SetField(o, c, "packages", Slot.OfRef(Strings(packages.Select(s => s.Target![..^3]))));
            vm.SetField(o, c, "packageEnabled", Slot.OfRef(Flags(packages)));
            vm.SetField(o, c, "deflt", Slot.OfBool(switches.LastOrDefault(s => s.Target is null) is { Enable: true }));
            return Slot.OfRef(o);

            JObject Strings(IEnumerable<string> names)
            {
                var list = names.ToArray();
                var array = (JArray<JObject?>)vm.NewArray(vm.StringClass, list.Length);
                for (var i = 0; i < list.Length; i++) array.Data[i] = vm.NewString(list[i]);
                return array;
            }

            JObject Flags((bool Enable, string? Target)[] list)
            {
                var array = (JArray<sbyte>)vm.NewArray(vm.Primitive('Z'), list.Length);
                for (var i = 0; i < list.Length; i++) array.Data[i] = list[i].Enable ? (sbyte)1 : (sbyte)0;
                return array;
            }
        });
        const string A = "java/lang/reflect/Array";
        r.Add(A, "getLength", "(Ljava/lang/Object;)I", static (t, a) => Slot.OfInt(ArrayOf(t, a[0].R).Length));
        r.Add(A, "newArray", "(Ljava/lang/Class;I)Ljava/lang/Object;", static (t, a) =>
        {
            var c = t.Vm.ClassOf(a[0].R ?? throw t.Vm.Throw("java/lang/NullPointerException", null));
            if (c.PrimitiveKind == 'V') throw t.Vm.Throw("java/lang/IllegalArgumentException", null);
            return Slot.OfRef(t.Vm.NewArray(c, a[1].I));
        });
        r.Add(A, "multiNewArray", "(Ljava/lang/Class;[I)Ljava/lang/Object;", static (t, a) =>
        {
            var c = t.Vm.ClassOf(a[0].R!);
            var dims = ((JArray<int>)a[1].R!).Data;
            if (dims.Length == 0) throw t.Vm.Throw("java/lang/IllegalArgumentException", "Empty dimensions array");
            var type = c;
            for (var i = 0; i < dims.Length; i++) type = t.Vm.ArrayOf(type);
            return Slot.OfRef(t.Vm.NewMultiArray(type, dims));
        });
        r.Add(A, "get", "(Ljava/lang/Object;I)Ljava/lang/Object;", static (t, a) =>
        {
            var array = ArrayOf(t, a[0].R);
            var i = Index(t, array, a[1].I);
            return Slot.OfRef(array is JArray<JObject?> refs ? refs.Data[i] : Reflect.Box(t, array.Class.Component!.PrimitiveKind, Element(array, i)));
        });
        r.Add(A, "set", "(Ljava/lang/Object;ILjava/lang/Object;)V", static (t, a) =>
        {
            var array = ArrayOf(t, a[0].R);
            var i = Index(t, array, a[1].I);
            if (array is JArray<JObject?> refs)
            {
                if (a[2].R is { } v && !v.Class.IsSubtypeOf(array.Class.Component!)) throw t.Vm.Throw("java/lang/IllegalArgumentException", "array element type mismatch");
                refs.Data[i] = a[2].R;
            }
            else SetElement(array, i, Reflect.Unbox(t, array.Class.Component!.PrimitiveKind, a[2].R));
            return default;
        });
        foreach (var (name, kind) in new[] { ("Boolean", 'Z'), ("Byte", 'B'), ("Char", 'C'), ("Short", 'S'), ("Int", 'I'), ("Long", 'J'), ("Float", 'F'), ("Double", 'D') })
        {
            var k = kind;
            r.Add(A, "get" + name, $"(Ljava/lang/Object;I){kind}", (t, a) =>
            {
                var array = ArrayOf(t, a[0].R);
                var i = Index(t, array, a[1].I);
                var from = array.Class.Component!.PrimitiveKind;
                if (from == '\0') throw t.Vm.Throw("java/lang/IllegalArgumentException", "Argument is not an array of primitive type");
                return Reflect.Unbox(t, k, Reflect.Box(t, from, Element(array, i)));
            });
            r.Add(A, "set" + name, $"(Ljava/lang/Object;I{kind})V", (t, a) =>
            {
                var array = ArrayOf(t, a[0].R);
                var i = Index(t, array, a[1].I);
                var to = array.Class.Component!.PrimitiveKind;
                if (to == '\0') throw t.Vm.Throw("java/lang/IllegalArgumentException", "argument type mismatch");
                SetElement(array, i, Reflect.Unbox(t, to, Reflect.Box(t, k, a[2])));
                return default;
            });
        }
        r.Add("jdk/internal/reflect/NativeMethodAccessorImpl", "invoke0", "(Ljava/lang/reflect/Method;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;",
            static (t, a) => Slot.OfRef(ReflectiveCall.Invoke(t, Reflect.MethodOf(t, a[0].R!), a[1].R, a[2].R as JArray<JObject?>, constructor: false)));
        r.Add("jdk/internal/reflect/NativeConstructorAccessorImpl", "newInstance0", "(Ljava/lang/reflect/Constructor;[Ljava/lang/Object;)Ljava/lang/Object;",
            static (t, a) => Slot.OfRef(ReflectiveCall.Invoke(t, Reflect.MethodOf(t, a[0].R!), null, a[1].R as JArray<JObject?>, constructor: true)));
        r.Add("java/io/Console", "istty", "()Z", static (t, a) => Slot.OfBool(!Console.IsInputRedirected && !Console.IsOutputRedirected));
        r.Add("java/io/Console", "encoding", "()Ljava/lang/String;", static (t, a) => default);
        r.Add("java/io/Console", "echo", "(Z)Z", static (t, a) => Slot.OfBool(true));
    }

    private static JArray ArrayOf(JThread t, JObject? o) => o switch
    {
        null => throw t.Vm.Throw("java/lang/NullPointerException", null),
        JArray a => a,
        _ => throw t.Vm.Throw("java/lang/IllegalArgumentException", "Argument is not an array"),
    };

    private static int Index(JThread t, JArray a, int i) =>
        (uint)i < (uint)a.Length ? i : throw t.Vm.Throw("java/lang/ArrayIndexOutOfBoundsException", null); // HotSpot's reflect.Array gives no message

    private static Slot Element(JArray a, int i) => a switch
    {
        JArray<sbyte> b => Slot.OfInt(b.Data[i]),
        JArray<char> c => Slot.OfInt(c.Data[i]),
        JArray<short> s => Slot.OfInt(s.Data[i]),
        JArray<int> n => Slot.OfInt(n.Data[i]),
        JArray<long> l => Slot.OfLong(l.Data[i]),
        JArray<float> f => Slot.OfFloat(f.Data[i]),
        JArray<double> d => Slot.OfDouble(d.Data[i]),
        _ => throw new InvalidOperationException(),
    };

    private static void SetElement(JArray a, int i, Slot v)
    {
        switch (a)
        {
            case JArray<sbyte> b: b.Data[i] = (sbyte)v.P; break;
            case JArray<char> c: c.Data[i] = (char)v.P; break;
            case JArray<short> s: s.Data[i] = (short)v.P; break;
            case JArray<int> n: n.Data[i] = v.I; break;
            case JArray<long> l: l.Data[i] = v.J; break;
            case JArray<float> f: f.Data[i] = v.F; break;
            case JArray<double> d: d.Data[i] = v.D; break;
        }
    }
}
