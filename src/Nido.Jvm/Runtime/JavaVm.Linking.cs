using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Runtime;

public sealed partial class JavaVm
{
    [ThreadStatic] private static HashSet<(LoaderData, string)>? _beingDefined;

    /// <summary>
    /// Links a freshly parsed class (JVMS 5.4): loads the superclass and interfaces (ClassCircularityError when one is
    /// this class itself), checks inheritance rules, lays out instance and static field slots, builds the vtable.
    /// </summary>
    private void Link(JClass c, ClassFile.ClassFile file)
    {
        var key = (DataOf(c.Loader), c.Name);
        _beingDefined ??= [];
        if (!_beingDefined.Add(key)) throw Throw("java/lang/ClassCircularityError", c.JavaName);
        try
        {
            if (file.SuperName is { } superName)
            {
                var super = LoadClass(superName, c.Loader) ?? throw Throw("java/lang/NoClassDefFoundError", superName);
                if (super.IsInterface) throw Throw("java/lang/IncompatibleClassChangeError", $"class {c.JavaName} has interface {super.JavaName} as super class");
                if ((super.Flags & AccessFlags.Final) != 0) throw Throw("java/lang/VerifyError", $"Cannot inherit from final class {super.JavaName}");
                c.Super = super; // before the access check: reflection's accessors may reach their package-private superclass
                CheckSuperAccess(c, super, isInterface: false);
            }
            var interfaces = new JClass[file.Interfaces.Length];
            for (var i = 0; i < interfaces.Length; i++)
            {
                var itf = LoadClass(file.Interfaces[i], c.Loader) ?? throw Throw("java/lang/NoClassDefFoundError", file.Interfaces[i]);
                if (!itf.IsInterface) throw Throw("java/lang/IncompatibleClassChangeError", $"class {c.JavaName} can not implement {itf.JavaName}, because it is not an interface ({itf.JavaName})");
                CheckSuperAccess(c, itf, isInterface: true);
                interfaces[i] = itf;
            }
            c.Interfaces = interfaces;
        }
        finally
        {
            _beingDefined.Remove(key);
        }
        LayOutFields(c, file);
        if (c.InstanceSlots > FieldStorage.MaxSlots)
            throw Throw("java/lang/ClassFormatError", $"{c.JavaName} has {c.InstanceSlots} instance fields with its superclasses; the limit is {FieldStorage.MaxSlots}");
        CreateMethods(c, file);
        CheckInterfaceConstraints(c);
        foreach (var m in c.DeclaredMethods)
            if (!m.IsNative && Natives.IntrinsicFor(m) is { } intrinsic) m.Native = intrinsic;
        c.HasFinalizer = HasFinalizer(c);
        c.Resolved = new object?[file.Pool.Count];
    }

    private static bool HasFinalizer(JClass c)
    {
        if (c.IsInterface) return false;
        foreach (var m in c.VTable)
            if (m.Name == "finalize" && m.Descriptor == "()V")
                return m.Owner.Name != "java/lang/Object" && m.Code is not { Code: [0xb1] };
        return false;
    }

    private static void LayOutFields(JClass c, ClassFile.ClassFile file)
    {
        var instance = c.Super?.InstanceSlots ?? 0;
        var statics = 0;
        var fields = new JField[file.Fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var f = file.Fields[i];
            var slot = (f.Flags & AccessFlags.Static) != 0 ? statics++ : instance++;
            fields[i] = new JField(c, f, slot) { Index = i };
        }
        c.DeclaredFields = fields;
        c.VmSlot = c.Super?.VmSlot ?? -1;
        if (c.VmSlot < 0 && c.Loader is null && CarriesVmData(c.Name)) c.VmSlot = instance++;
        c.InstanceSlots = instance;
        c.Statics = new Slot[statics];
    }

    /// <summary>The boot classes whose instances (and their subclasses') carry VM-side data (JObject.Vm).</summary>
    private static bool CarriesVmData(string name) =>
        name is "java/lang/Class" or "java/lang/Thread" or "java/lang/ClassLoader" or "java/lang/ref/Reference" or "java/lang/invoke/MemberName";

    private void CreateMethods(JClass c, ClassFile.ClassFile file)
    {
        var methods = new JMethod[file.Methods.Length];
        for (var i = 0; i < methods.Length; i++) methods[i] = new JMethod(c, file.Methods[i], i);
        c.DeclaredMethods = methods;
        if (c.IsInterface)
        {
            c.VTable = c.Super?.VTable ?? [];
            return;
        }
        // vtable: the superclass's entries, overridden in place by same name+descriptor, new virtual methods appended.
        var vtable = new List<JMethod>(c.Super?.VTable ?? []);
        foreach (var m in methods)
        {
            if (m.IsStatic || m.IsPrivate || m.IsConstructor || m.Name == "<clinit>") continue;
            // Every inherited entry m can override takes m: a superclass may hold two, a package-private method and a
            // public one of the same name from another package, and a class in the first package overrides both.
            var slot = -1;
            for (var k = 0; k < vtable.Count; k++)
            {
                var inherited = vtable[k];
                if (inherited.Name != m.Name || inherited.Descriptor != m.Descriptor) continue;
                // A package-private method is overridden only from its own package (JVMS 5.4.5).
                if ((inherited.Flags & (AccessFlags.Public | AccessFlags.Protected)) == 0 && (inherited.Owner.Package != c.Package
                    || !ReferenceEquals(inherited.Owner.Loader, c.Loader))) continue;
                CheckOverrideConstraints(c, m, inherited);
                vtable[k] = m;
                if (slot < 0) slot = k;
            }
            if (slot < 0) { slot = vtable.Count; vtable.Add(m); }
            m.VTableIndex = slot;
        }
        c.VTable = [.. vtable];
    }

    /// <summary>Array classes by descriptor ([I, [[Ljava/lang/String;): the element class is loaded through <paramref name="loader"/>.</summary>
    private JClass? ArrayClassByName(string name, JObject? loader, bool javaThrows)
    {
        JClass? component;
        var rest = name[1..];
        if (rest.Length == 1 && _primitives.TryGetValue(rest[0], out var p) && rest[0] != 'V') component = p;
        else if (rest.StartsWith('[')) component = LoadClass(rest, loader, javaThrows);
        else if (rest.StartsWith('L') && rest.EndsWith(';') && rest.Length > 2) component = LoadClass(rest[1..^1], loader, javaThrows);
        else return null;
        if (component is null) return null;
        var array = ArrayOf(component);
        DataOf(loader).Classes.TryAdd(name, array);
        return array;
    }

    /// <summary>The array class whose component is <paramref name="component"/> (one per component, created on first use).</summary>
    public JClass ArrayOf(JClass component)
    {
        if (component.ArrayClass is { } known) return known;
        var name = "[" + Descriptor(component);
        var obj = ObjectClass;
        var array = new JClass(this, name, component.Loader)
        {
            Component = component,
            Super = obj,
            Interfaces = [BootClass("java/lang/Cloneable"), BootClass("java/io/Serializable")],
            Flags = (component.IsPrimitive ? AccessFlags.Public : component.Flags & (AccessFlags.Public | AccessFlags.Private | AccessFlags.Protected)) | AccessFlags.Final | AccessFlags.Abstract,
            VTable = obj.VTable,
            State = ClassState.Initialized,
        };
        Interlocked.CompareExchange(ref component.ArrayClass, array, null);
        return component.ArrayClass!;
    }

    /// <summary>The field descriptor of a class: I, Ljava/lang/String;, [J.</summary>
    public static string Descriptor(JClass c) => c.IsPrimitive ? c.PrimitiveKind.ToString() : c.IsArray ? c.Name : $"L{c.Name};";

    /// <summary>A class named by a field descriptor, loaded through <paramref name="loader"/>.</summary>
    public JClass? ClassForDescriptor(string descriptor, JObject? loader) => descriptor[0] switch
    {
        'L' => LoadClass(descriptor[1..^1], loader),
        '[' => LoadClass(descriptor, loader),
        _ => _primitives.GetValueOrDefault(descriptor[0]),
    };
}

public sealed partial class JavaVm
{
    private int _syntheticCount;

    /// <summary>
    /// What makes a hidden class's name unique, as HotSpot's "+0x" and an address: Class.getName shows it after a '/'
    /// (<see cref="JClass.JavaName"/>), which no other class name can contain.
    /// </summary>
    internal static string HiddenSuffix() => $"+0x{Random.Shared.NextInt64(0x800000000, 0x900000000):x16}";

    /// <summary>
    /// A class the VM makes without a class file (lambda proxies): hidden, final, fields for captured values, and
    /// methods implemented in C#. It is linked like any other class so selection and subtype checks just work.
    /// </summary>
    internal JClass DefineSynthetic(string baseName, JObject? loader, JClass[] interfaces, string[] fieldDescriptors,
        (string Name, string Descriptor, NativeMethod Code)[] methods)
    {
        var name = $"{baseName}$$Lambda${Interlocked.Increment(ref _syntheticCount)}{HiddenSuffix()}";
        var c = new JClass(this, name, loader)
        {
            Flags = AccessFlags.Final | AccessFlags.Synthetic | AccessFlags.Super,
            Super = ObjectClass,
            Interfaces = interfaces,
            IsHidden = true,
            State = ClassState.Initialized,
        };
        // Loops, not LINQ: the host's precompiled image has no code for Select over these tuples, and JIT-compiling
        // it cost the first lambda of every run ~1 ms.
        var fields = new JField[fieldDescriptors.Length];
        for (var i = 0; i < fields.Length; i++)
            fields[i] = new JField(c, new FieldInfo(AccessFlags.Private | AccessFlags.Final, $"arg${i + 1}", fieldDescriptors[i]), i) { Index = i };
        c.DeclaredFields = fields;
        c.InstanceSlots = fieldDescriptors.Length;
        var declared = new JMethod[methods.Length];
        for (var i = 0; i < declared.Length; i++)
            declared[i] = new JMethod(c, new MethodInfo(AccessFlags.Public, methods[i].Name, methods[i].Descriptor), i) { Native = methods[i].Code };
        c.DeclaredMethods = declared;
        c.VTable = ObjectClass.VTable;
        return c;
    }
}
