using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>java.lang.Class: type queries, names, reflection data (fields, methods, constructors, nest, records), forName.</summary>
internal static class JavaLangClass
{
    private const string C = "java/lang/Class";

    public static void Register(NativeRegistry r)
    {
        r.AddAny(C, "registerNatives", static (t, a) => default);
        // Asked for bootstrap classes (and before the system loader exists): HotSpot's JavaAssertions::enabled.
        r.Add(C, "desiredAssertionStatus0", "(Ljava/lang/Class;)Z", static (t, a) =>
        {
            var c = t.Vm.ClassOf(a[0].R!);
            var name = c.JavaName;
            var options = t.Vm.Options;
            // Index loops, not LINQ: this runs in every class library boot, and LINQ over these tuples has no
            // precompiled code in the CoreCLR host.
            bool? general = null;
            for (var i = options.Assertions.Length - 1; i >= 0; i--)
            {
                var (enable, target) = options.Assertions[i];
                if (target is null)
                {
                    general ??= enable;
                    continue;
                }
                if (!target.EndsWith("...", StringComparison.Ordinal) ? target == name
                    : target == "..." ? !name.Contains('.')
                    : name.StartsWith(target[..^3] + ".", StringComparison.Ordinal))
                    return Slot.OfBool(enable);
            }
            return Slot.OfBool(c.Loader is null ? options.SystemAssertions : general ?? false);
        });
        r.Add(C, "getPrimitiveClass", "(Ljava/lang/String;)Ljava/lang/Class;", static (t, a) =>
        {
            var name = t.Vm.StringOf(a[0].R);
            var kind = name switch
            {
                "boolean" => 'Z', "byte" => 'B', "char" => 'C', "short" => 'S', "int" => 'I', "long" => 'J', "float" => 'F',
                "double" => 'D', "void" => 'V', _ => throw t.Vm.Throw("java/lang/ClassNotFoundException", name),
            };
            return Slot.OfRef(t.Vm.Mirror(t.Vm.Primitive(kind)));
        });
        r.Add(C, "isInstance", "(Ljava/lang/Object;)Z", static (t, a) => Slot.OfBool(a[1].R is { } o && o.Class.IsSubtypeOf(Of(t, a[0]))));
        r.Add(C, "isAssignableFrom", "(Ljava/lang/Class;)Z", static (t, a) =>
        {
            var other = a[1].R ?? throw t.Vm.Throw("java/lang/NullPointerException", null);
            return Slot.OfBool(t.Vm.ClassOf(other).IsSubtypeOf(Of(t, a[0])));
        });
        r.Add(C, "isInterface", "()Z", static (t, a) => Slot.OfBool(Of(t, a[0]).IsInterface));
        r.Add(C, "isArray", "()Z", static (t, a) => Slot.OfBool(Of(t, a[0]).IsArray));
        r.Add(C, "isPrimitive", "()Z", static (t, a) => Slot.OfBool(Of(t, a[0]).IsPrimitive));
        r.Add(C, "isHidden", "()Z", static (t, a) => Slot.OfBool(Of(t, a[0]).IsHidden));
        r.Add(C, "isRecord0", "()Z", static (t, a) => Slot.OfBool(Of(t, a[0]) is { File.RecordComponents: not null, Super.Name: "java/lang/Record" }));
        r.Add(C, "initClassName", "()Ljava/lang/String;", static (t, a) =>
        {
            var name = t.Vm.Intern(Of(t, a[0]).JavaName);
            t.Vm.SetField(a[0].R!, t.Vm.ClassClass, "name", Slot.OfRef(name));
            return Slot.OfRef(name);
        });
        r.Add(C, "getSuperclass", "()Ljava/lang/Class;", static (t, a) =>
        {
            var c = Of(t, a[0]);
            return Slot.OfRef(c.IsInterface || c.IsPrimitive || c.Super is null ? null : t.Vm.Mirror(c.Super));
        });
        r.Add(C, "getInterfaces0", "()[Ljava/lang/Class;", static (t, a) => Slot.OfRef(Mirrors(t, Of(t, a[0]).Interfaces)));
        r.Add(C, "getModifiers", "()I", static (t, a) => Slot.OfInt(Modifiers(Of(t, a[0]))));
        r.Add(C, "getSigners", "()[Ljava/lang/Object;", static (t, a) => Slot.OfRef(null));
        r.Add(C, "setSigners", "([Ljava/lang/Object;)V", static (t, a) => default);
        r.Add(C, "getProtectionDomain0", "()Ljava/security/ProtectionDomain;", static (t, a) => Slot.OfRef(Of(t, a[0]).ProtectionDomain));
        r.Add(C, "getGenericSignature0", "()Ljava/lang/String;", static (t, a) => Slot.OfRef(Of(t, a[0]).File?.Signature is { } s ? t.Vm.Intern(s) : null));
        r.Add(C, "getRawAnnotations", "()[B", static (t, a) => Slot.OfRef(Reflect.Bytes(t.Vm, Of(t, a[0]).File?.VisibleAnnotations)));
        r.Add(C, "getRawTypeAnnotations", "()[B", static (t, a) => Slot.OfRef(null));
        r.Add(C, "getConstantPool", "()Ljdk/internal/reflect/ConstantPool;", static (t, a) =>
        {
            var cp = t.Vm.NewObject(t.Vm.BootClass("jdk/internal/reflect/ConstantPool"));
            t.Vm.SetField(cp, cp.Class, "constantPoolOop", Slot.OfRef(a[0].R));
            return Slot.OfRef(cp);
        });
        r.Add(C, "getDeclaredFields0", "(Z)[Ljava/lang/reflect/Field;", static (t, a) =>
        {
            var c = Of(t, a[0]);
            t.Vm.Link(c);
            var publicOnly = a[1].I != 0;
            var fields = c.DeclaredFields.Where(f => !publicOnly || (f.Flags & AccessFlags.Public) != 0).ToArray();
            var array = (JArray<JObject?>)t.Vm.NewArray(t.Vm.BootClass("java/lang/reflect/Field"), fields.Length);
            for (var i = 0; i < fields.Length; i++) array.Data[i] = Reflect.NewField(t, fields[i]);
            return Slot.OfRef(array);
        });
        r.Add(C, "getDeclaredMethods0", "(Z)[Ljava/lang/reflect/Method;", static (t, a) =>
        {
            var c = Of(t, a[0]);
            t.Vm.Link(c);
            var publicOnly = a[1].I != 0;
            var methods = c.DeclaredMethods.Where(m => m.Name is not ("<init>" or "<clinit>") && (!publicOnly || (m.Flags & AccessFlags.Public) != 0)).ToArray();
            var array = (JArray<JObject?>)t.Vm.NewArray(t.Vm.BootClass("java/lang/reflect/Method"), methods.Length);
            for (var i = 0; i < methods.Length; i++) array.Data[i] = Reflect.NewMethod(t, methods[i]);
            return Slot.OfRef(array);
        });
        r.Add(C, "getDeclaredConstructors0", "(Z)[Ljava/lang/reflect/Constructor;", static (t, a) =>
        {
            var c = Of(t, a[0]);
            t.Vm.Link(c);
            var publicOnly = a[1].I != 0;
            var ctors = c.DeclaredMethods.Where(m => m.Name == "<init>" && (!publicOnly || (m.Flags & AccessFlags.Public) != 0)).ToArray();
            var array = (JArray<JObject?>)t.Vm.NewArray(t.Vm.BootClass("java/lang/reflect/Constructor"), ctors.Length);
            for (var i = 0; i < ctors.Length; i++) array.Data[i] = Reflect.NewConstructor(t, ctors[i]);
            return Slot.OfRef(array);
        });
        r.Add(C, "getDeclaredClasses0", "()[Ljava/lang/Class;", static (t, a) =>
        {
            var c = Of(t, a[0]);
            var result = new List<JClass>();
            if (c.File is { } f)
                foreach (var e in f.InnerClasses)
                    if (e.Outer != 0 && f.Pool.ClassName(e.Outer) == c.FileName) result.Add(t.Vm.ResolveClassName(c, f.Pool.ClassName(e.Inner)));
            return Slot.OfRef(Mirrors(t, [.. result]));
        });
        r.Add(C, "getDeclaringClass0", "()Ljava/lang/Class;", static (t, a) =>
        {
            // HotSpot's compute_enclosing_class: the class's own InnerClasses entry names its outer class (a member
            // class) or, with none, EnclosingMethod names it (a local or anonymous class, which has no declaring
            // class); either way the outer class must list this very class too, or the two disagree.
            var c = Of(t, a[0]);
            if (c.File is not { } f) return default;
            foreach (var e in f.InnerClasses)
            {
                if (e.Inner == 0 || f.Pool.ClassName(e.Inner) != c.FileName) continue;
                var member = e.Outer != 0;
                var outer = member ? t.Vm.ResolveClassName(c, f.Pool.ClassName(e.Outer))
                    : f.EnclosingMethod is { } em ? t.Vm.ResolveClassName(c, em.Class) : null;
                if (outer is null) return default;
                CheckInnerClass(t, outer, c, member);
                return member ? Slot.OfRef(t.Vm.Mirror(outer)) : default;
            }
            return default;
        });
        r.Add(C, "getSimpleBinaryName0", "()Ljava/lang/String;", static (t, a) =>
        {
            var c = Of(t, a[0]);
            if (c.File is not { } f) return default;
            foreach (var e in f.InnerClasses)
                if (f.Pool.ClassName(e.Inner) == c.FileName) return Slot.OfRef(e.Name == 0 ? null : t.Vm.Intern(f.Pool.Utf8(e.Name)));
            return default;
        });
        r.Add(C, "getEnclosingMethod0", "()[Ljava/lang/Object;", static (t, a) =>
        {
            var c = Of(t, a[0]);
            if (c.File?.EnclosingMethod is not { } em) return default;
            var vm = t.Vm;
            var array = (JArray<JObject?>)vm.NewArray(vm.ObjectClass, 3);
            array.Data[0] = vm.Mirror(vm.ResolveClassName(c, em.Class));
            array.Data[1] = em.Name is null ? null : vm.Intern(em.Name);
            array.Data[2] = em.Descriptor is null ? null : vm.Intern(em.Descriptor);
            return Slot.OfRef(array);
        });
        r.Add(C, "getNestHost0", "()Ljava/lang/Class;", static (t, a) => Slot.OfRef(t.Vm.Mirror(NestHost(t, Of(t, a[0])))));
        r.Add(C, "getNestMembers0", "()[Ljava/lang/Class;", static (t, a) =>
        {
            var host = NestHost(t, Of(t, a[0]));
            var members = new List<JClass> { host };
            foreach (var n in host.File?.NestMembers ?? []) members.Add(t.Vm.ResolveClassName(host, n));
            return Slot.OfRef(Mirrors(t, [.. members]));
        });
        r.Add(C, "getPermittedSubclasses0", "()[Ljava/lang/Class;", static (t, a) =>
        {
            var c = Of(t, a[0]);
            if (c.File is not { PermittedSubclasses.Length: > 0 } f) return default;
            return Slot.OfRef(Mirrors(t, [.. f.PermittedSubclasses.Select(n => t.Vm.ResolveClassName(c, n))]));
        });
        r.Add(C, "getRecordComponents0", "()[Ljava/lang/reflect/RecordComponent;", static (t, a) => Slot.OfRef(RecordComponents(t, Of(t, a[0]))));
        r.Add(C, "forName0", "(Ljava/lang/String;ZLjava/lang/ClassLoader;Ljava/lang/Class;)Ljava/lang/Class;", static (t, a) =>
        {
            var vm = t.Vm;
            var name = vm.StringOf(a[0].R) ?? throw vm.Throw("java/lang/NullPointerException", null);
            if (name.Contains('/') || name.Length == 0) throw vm.Throw("java/lang/ClassNotFoundException", name);
            var c = vm.LoadClass(name.Replace('.', '/'), a[2].R, javaThrows: true) ?? NotFound(vm, name, a[2].R);
            if (a[1].I != 0) vm.EnsureInitialized(t, c);
            return Slot.OfRef(vm.Mirror(c));
        });
        // Class.getModule reads the module field, which boot leaves unset: every class is in its loader's unnamed module.
        r.Intrinsic(C, "getModule", "()Ljava/lang/Module;", static (t, a) => Slot.OfRef(Modules.Of(t, Of(t, a[0]), a[0].R!)));
    }

    /// <summary>
    /// Class.forName of a class the loader does not have: what is missing is an array's element class, as HotSpot asks
    /// the loader for it ("[Lp.Nope;" → "p.Nope"); a Java loader throws its own ClassNotFoundException (with its
    /// frames), or finds the class after all.
    /// </summary>
    private static JClass NotFound(JavaVm vm, string name, JObject? loader)
    {
        var element = name.TrimStart('[');
        var isArray = element.Length < name.Length;
        var missing = !isArray ? name : element.Length > 2 && element[0] == 'L' && element[^1] == ';' ? element[1..^1] : null;
        if (missing is null) throw vm.Throw("java/lang/ClassNotFoundException", name);
        // The bootstrap loader's exception is the VM's own, naming the class in internal form, as HotSpot's.
        if (loader is null) throw vm.Throw("java/lang/ClassNotFoundException", name.Replace('.', '/'));
        var c = vm.NotFoundThroughJava(missing.Replace('.', '/'), loader);
        return isArray ? vm.LoadClass(name.Replace('.', '/'), loader) ?? throw vm.Throw("java/lang/ClassNotFoundException", missing) : c;
    }

    internal static JClass Of(JThread t, Slot s) => t.Vm.ClassOf(s.R ?? throw t.Vm.Throw("java/lang/NullPointerException", null));

    public static JArray Mirrors(JThread t, JClass[] classes)
    {
        var array = (JArray<JObject?>)t.Vm.NewArray(t.Vm.ClassClass, classes.Length);
        for (var i = 0; i < classes.Length; i++) array.Data[i] = t.Vm.Mirror(classes[i]);
        return array;
    }

    /// <summary>Class.getModifiers: inner classes report their InnerClasses flags; arrays are public/final/abstract per component.</summary>
    public static int Modifiers(JClass c)
    {
        if (c.IsPrimitive || c.IsArray || c.File is null) return (int)c.Flags & 0x1FFF & ~(int)AccessFlags.Super;
        var f = c.File;
        foreach (var e in f.InnerClasses)
            if (f.Pool.ClassName(e.Inner) == c.FileName) return (int)e.Flags & 0x761F;
        return (int)c.Flags & 0x7611 & ~(int)AccessFlags.Super;
    }

    /// <summary>
    /// HotSpot's Reflection::check_for_inner_class: <paramref name="outer"/>'s InnerClasses must have an entry that
    /// resolves, from the outer class, to <paramref name="inner"/> (with the outer class as its outer, for a member
    /// class): a class of the same name defined by another loader is not its inner class.
    /// </summary>
    private static void CheckInnerClass(JThread t, JClass outer, JClass inner, bool member)
    {
        if (outer.File is { } f)
            foreach (var e in f.InnerClasses)
            {
                if (e.Inner == 0 || f.Pool.ClassName(e.Inner) != inner.FileName) continue;
                if (member && e.Outer != 0 && f.Pool.ClassName(e.Outer) == outer.FileName
                    && t.Vm.ResolveClassName(outer, f.Pool.ClassName(e.Outer)) == outer
                    && t.Vm.ResolveClassName(outer, f.Pool.ClassName(e.Inner)) == inner) return;
                if (!member && e.Outer == 0 && t.Vm.ResolveClassName(outer, f.Pool.ClassName(e.Inner)) == inner) return;
            }
        throw t.Vm.Throw("java/lang/IncompatibleClassChangeError", $"{outer.JavaName} and {inner.JavaName} disagree on InnerClasses attribute");
    }

    /// <summary>The nest host (JVMS 5.4.4): the NestHost attribute's class when it lists this class, else the class itself.</summary>
    public static JClass NestHost(JThread t, JClass c)
    {
        if (c.NestHostClass is { } known) return known;
        var host = c;
        if (c.File?.NestHost is { } name)
        {
            try
            {
                var candidate = t.Vm.ResolveClassName(c, name);
                if (candidate.Package == c.Package && candidate.File?.NestMembers.Contains(c.Name) == true) host = candidate;
            }
            catch (JavaThrow)
            {
            }
        }
        c.NestHostClass = host;
        return host;
    }

    private static JArray? RecordComponents(JThread t, JClass c)
    {
        if (c.File?.RecordComponents is not { } components) return null;
        var vm = t.Vm;
        var rc = vm.BootClass("java/lang/reflect/RecordComponent");
        var array = (JArray<JObject?>)vm.NewArray(rc, components.Length);
        for (var i = 0; i < components.Length; i++)
        {
            var component = components[i];
            var o = vm.NewObject(rc);
            vm.SetField(o, rc, "clazz", Slot.OfRef(vm.Mirror(c)));
            vm.SetField(o, rc, "name", Slot.OfRef(vm.Intern(component.Name)));
            vm.SetField(o, rc, "type", Slot.OfRef(vm.Mirror(Reflect.TypeOf(t, component.Descriptor, c))));
            if (c.DeclaredMethod(component.Name, "()" + component.Descriptor) is { } accessor)
                vm.SetField(o, rc, "accessor", Slot.OfRef(Reflect.NewMethod(t, accessor)));
            if (component.Signature is { } s) vm.SetField(o, rc, "signature", Slot.OfRef(vm.Intern(s)));
            array.Data[i] = o;
        }
        return array;
    }
}
