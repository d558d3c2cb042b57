using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Runtime;

/// <summary>Loader constraints (<see cref="LoaderConstraints"/>): where they are added and checked, with HotSpot's errors.</summary>
public sealed partial class JavaVm
{
    private readonly LoaderConstraints _constraints = new();

    /// <summary>
    /// Records <paramref name="c"/> as <paramref name="data"/>'s class of its name (defined or initiated), unless a
    /// constraint requires another class there: then LinkageError, as HotSpot's check when a loader loads a class.
    /// </summary>
    /// <param name="defined">The loader defined it (it replaces what the loader had initiated under that name).</param>
    private void Record(LoaderData data, JClass c, bool defined = false)
    {
        if (_constraints.Record(data, c, replace: defined) is { } required)
            throw Throw("java/lang/LinkageError",
                $"loader constraint violation: loader {LoaderName(data.Loader)} wants to load {Kind(c)} {c.JavaName}. " +
                $"A different {Kind(required)} with the same name was previously loaded by {LoaderName(required.Loader)}. ({InModuleOf(required)})");
    }

    /// <summary>A field of another loader's class used from <paramref name="current"/> (JVMS 5.4.3.2): its type is one class in both.</summary>
    internal void CheckFieldConstraints(JClass current, JField f)
    {
        var defining = f.Owner;
        if (ReferenceEquals(current.Loader, defining.Loader)) return;
        if (TypeName(f.Descriptor) is not { } type || _constraints.Add(type, DataOf(current.Loader), DataOf(defining.Loader))) return;
        var external = type.Replace('/', '.');
        throw Throw("java/lang/LinkageError",
            $"loader constraint violation: when resolving field \"{f.Name}\" of type {external}, the class loader {LoaderName(current.Loader)} of the current class, {current.JavaName}, " +
            $"and the class loader {LoaderName(defining.Loader)} for the field's defining {Kind(defining)}, {defining.JavaName}, have different Class objects for type {external} " +
            $"({InModuleOf(current)}; {InModuleOf(defining)})");
    }

    /// <summary>A method of another loader's class resolved from <paramref name="current"/> (JVMS 5.4.3.3/4): every type its descriptor names is one class in both.</summary>
    internal void CheckMethodConstraints(JClass current, JClass resolved, JMethod m, string descriptor, bool interfaceMethod)
    {
        var defining = m.Owner;
        if (ReferenceEquals(current.Loader, defining.Loader)) return;
        if (FirstConflict(descriptor, current.Loader, defining.Loader) is not { } type) return;
        throw Throw("java/lang/LinkageError",
            $"loader constraint violation: when resolving {(interfaceMethod ? "interface method" : "method")} '{DescriptorText.Method(m.Name, descriptor, resolved.JavaName)}' " +
            $"the class loader {LoaderName(current.Loader)} of the current class, {current.Name}, and the class loader {LoaderName(defining.Loader)} for the method's defining class, {defining.Name}, " +
            $"have different Class objects for the type {type} used in the signature ({InModuleOf(current)}; {InModuleOf(defining)})");
    }

    /// <summary>A method of <paramref name="c"/> overriding one of another loader's class (JVMS 5.4.5): every type its descriptor names is one class in both.</summary>
    private void CheckOverrideConstraints(JClass c, JMethod m, JMethod overridden)
    {
        var super = overridden.Owner;
        if (ReferenceEquals(c.Loader, super.Loader)) return;
        if (FirstConflict(m.Descriptor, c.Loader, super.Loader) is not { } type) return;
        throw Throw("java/lang/LinkageError",
            $"loader constraint violation for class {c.JavaName}: when selecting overriding method '{DescriptorText.Method(m.Name, m.Descriptor, m.Owner.JavaName)}' " +
            $"the class loader {LoaderName(m.Owner.Loader)} of the selected method's type {m.Owner.JavaName}, and the class loader {LoaderName(super.Loader)} for its super type {super.JavaName} " +
            $"have different Class objects for the type {type.Replace('/', '.')} used in the signature ({InModuleOf(m.Owner)}; {InModuleOf(super)})");
    }

    /// <summary>
    /// Each method of its interfaces that <paramref name="c"/> selects from a class of another loader than the
    /// interface's: every type the method's descriptor names is one class in both (HotSpot checks this as it fills
    /// the class's itable; without it a call through the interface would pass the implementation another loader's
    /// objects).
    /// </summary>
    private void CheckInterfaceConstraints(JClass c)
    {
        if (c.Loader is null || c.IsInterface) return;
        // Nothing to check when the class, its superclasses but Object and its interfaces have one loader: a method
        // selected from Object (an interface's equals or toString) names only java.* classes, the same in every loader.
        var loaders = new HashSet<JObject?>(ReferenceEqualityComparer.Instance);
        for (var k = c; k?.Super is not null; k = k.Super) loaders.Add(k.Loader);
        var interfaces = c.AllInterfaces().ToList();
        foreach (var i in interfaces) loaders.Add(i.Loader);
        if (loaders.Count == 1) return;
        foreach (var itf in interfaces)
        {
            foreach (var m in itf.DeclaredMethods)
            {
                if (m.IsStatic || m.IsPrivate || m.IsConstructor || m.Name == "<clinit>") continue;
                // As HotSpot: an entry that selects nothing callable stays for AbstractMethodError, unchecked.
                if (c.Select(m) is not { IsAbstract: false } target || (target.Flags & AccessFlags.Public) == 0) continue;
                var holder = target.Owner;
                if (ReferenceEquals(holder.Loader, itf.Loader) || FirstConflict(m.Descriptor, holder.Loader, itf.Loader) is not { } type) continue;
                throw Throw("java/lang/LinkageError",
                    $"loader constraint violation in interface itable initialization for class {c.JavaName}: when selecting method '{DescriptorText.Method(m.Name, m.Descriptor, itf.JavaName)}' " +
                    $"the class loader {LoaderName(itf.Loader)} for super interface {itf.JavaName}, and the class loader {LoaderName(holder.Loader)} of the selected method's {Kind(holder)}, {holder.JavaName} " +
                    $"have different Class objects for the type {type.Replace('/', '.')} used in the signature ({InModuleOf(itf)}; {InModuleOf(holder)})");
            }
        }
    }

    /// <summary>Adds the constraints for every class a method descriptor names; the first that fails, or null.</summary>
    private string? FirstConflict(string descriptor, JObject? a, JObject? b)
    {
        var da = DataOf(a);
        var db = DataOf(b);
        foreach (var p in Descriptors.Parameters(descriptor))
            if (TypeName(p) is { } name && !_constraints.Add(name, da, db)) return name;
        return TypeName(Descriptors.Return(descriptor)) is { } r && !_constraints.Add(r, da, db) ? r : null;
    }

    /// <summary>The class a field descriptor names (an array's element class); null for primitives and their arrays.</summary>
    private static string? TypeName(string descriptor)
    {
        var element = descriptor.TrimStart('[');
        return element.Length > 2 && element[0] == 'L' && element[^1] == ';' ? element[1..^1] : null;
    }

    private static string Kind(JClass c) => c.IsInterface ? "interface" : "class";

    /// <summary>
    /// "X is in unnamed module of loader L, parent loader P" (HotSpot's class_in_module_of_loader with the parent,
    /// which it names only for loaders other than the built-in ones).
    /// </summary>
    private string InModuleOf(JClass c)
    {
        if (c.Loader is null) return $"{c.JavaName} is in module {ModuleOf(c) ?? "java.base"} of loader 'bootstrap'";
        var text = $"{c.JavaName} is in unnamed module of loader {LoaderName(c.Loader)}";
        if (ReferenceEquals(c.Loader, AppLoader) || ReferenceEquals(c.Loader, PlatformLoader)) return text;
        var parent = BootClass("java/lang/ClassLoader").FindField("parent", "Ljava/lang/ClassLoader;") is { } f ? c.Loader.Fields[f.Slot].R : null;
        return $"{text}, parent loader {LoaderName(parent)}";
    }
}
