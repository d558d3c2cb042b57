using System.Collections.Concurrent;
using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Runtime;

/// <summary>
/// A loaded and linked class, interface, array class or primitive type: its members with slots assigned, the vtable
/// for invokevirtual, caches for interface dispatch and subtype checks, static storage, initialization state, and
/// the per-class resolution cache of its constant pool.
/// </summary>
public sealed partial class JClass
{
    internal JClass(JavaVm vm, string name, JObject? loader)
    {
        Vm = vm;
        Name = name;
        Loader = loader;
    }

    public JavaVm Vm { get; }
    /// <summary>Internal name (java/lang/String, [I, [Ljava/lang/Object;) or the primitive's keyword (int).</summary>
    public string Name { get; }
    /// <summary>The defining loader's Java object; null is the bootstrap loader.</summary>
    public JObject? Loader { get; }
    public ClassFile.ClassFile? File { get; internal set; }
    public AccessFlags Flags { get; internal set; }
    public JClass? Super { get; internal set; }
    public JClass[] Interfaces { get; internal set; } = [];
    public JField[] DeclaredFields { get; internal set; } = [];
    public JMethod[] DeclaredMethods { get; internal set; } = [];
    /// <summary>Slots an instance needs (this class's fields plus every superclass's).</summary>
    public int InstanceSlots { get; internal set; }
    /// <summary>Which field storage its instances use (FieldStorage), found at the first allocation; -1 before.</summary>
    internal int StorageBucket = -1;
    /// <summary>The hidden instance slot that holds <see cref="JObject.Vm"/>, or -1 (the class carries no VM data).</summary>
    public int VmSlot { get; internal set; } = -1;
    /// <summary>
    /// Instances must be finalized: the class's finalize() is not Object's and not an empty body (HotSpot's
    /// has_finalizer), so each new instance is registered with java.lang.ref.Finalizer.
    /// </summary>
    public bool HasFinalizer { get; internal set; }
    public Slot[] Statics { get; internal set; } = [];
    public JMethod[] VTable { get; internal set; } = [];

    /// <summary>Array classes: the component type; primitive classes: their descriptor character in <see cref="PrimitiveKind"/>.</summary>
    public JClass? Component { get; internal set; }
    public char PrimitiveKind { get; internal set; }
    public bool IsArray => Component is not null;
    public bool IsPrimitive => PrimitiveKind != '\0';
    public bool IsInterface => (Flags & AccessFlags.Interface) != 0;
    public bool IsAbstract => (Flags & AccessFlags.Abstract) != 0;

    /// <summary>The source file for stack traces.</summary>
    public string? SourceFile => File?.SourceFile;

    /// <summary>The binary name Java code sees (java.lang.String, [I, [Ljava.lang.Object;, int).</summary>
    /// <summary>The name the class file gives itself (a hidden class's <see cref="Name"/> has its unique suffix too).</summary>
    public string FileName => File?.Name ?? Name;

    public string JavaName => IsHidden ? Name.Replace('/', '.').Replace('+', '/') : Name.Replace('/', '.');

    /// <summary>Package in internal form (java/lang), "" for the unnamed package.</summary>
    public string Package
    {
        get
        {
            var n = Name;
            while (n.StartsWith('[')) n = n[1..];
            if (n.StartsWith('L')) n = n[1..^1];
            var slash = n.LastIndexOf('/');
            return slash < 0 ? "" : n[..slash];
        }
    }

    /// <summary>Passed linking's verification (or needs none); a class that fails stays unverified and fails again.</summary>
    internal volatile bool Verified;

    // Initialization (JVMS 5.5): the lock guards State and InitThread.
    internal readonly object InitLock = new();
    public volatile ClassState State;
    /// <summary>Why initialisation failed, for the NoClassDefFoundErrors that follow (see JavaVm.InitializationError).</summary>
    public JObject? InitError;
    internal JThread? InitThread;

    /// <summary>The java.lang.Class instance; created on first use once java.lang.Class is loaded.</summary>
    internal JObject? MirrorObject;

    /// <summary>Resolved constant-pool entries (JClass, JField, JMethod, interned String, call sites …), by index.</summary>
    internal object?[] Resolved = [];

    /// <summary>Classes this class's constant pool failed to resolve, by name, with the error to throw again (JVMS 5.4.3).</summary>
    internal Dictionary<string, ResolutionError>? ResolutionErrors;

    /// <summary>The Java object for a protection domain, the module, and the signers, as set by the loader.</summary>
    public JObject? ProtectionDomain { get; internal set; }

    /// <summary>The array class with this component, created on first use.</summary>
    internal JClass? ArrayClass;

    /// <summary>Hidden classes (Lookup.defineHiddenClass) are not found by name.</summary>
    public bool IsHidden { get; internal set; }
    /// <summary>Nest host, resolved lazily (this class when the class file names none).</summary>
    internal JClass? NestHostClass;

    private readonly ConcurrentDictionary<JMethod, JMethod?> _selected = new();
    private readonly ConcurrentDictionary<JClass, bool> _assignable = new();

    public override string ToString() => Name;

    /// <summary>Is this class a subtype of <paramref name="other"/> (JVMS checkcast/instanceof rules, arrays included)?</summary>
    public bool IsSubtypeOf(JClass other)
    {
        if (ReferenceEquals(this, other)) return true;
        return _assignable.GetOrAdd(other, ComputeSubtype, this);
    }

    private static bool ComputeSubtype(JClass other, JClass self)
    {
        if (self.IsPrimitive || other.IsPrimitive) return false;
        if (self.IsArray)
        {
            if (other.IsArray)
            {
                var (a, b) = (self.Component!, other.Component!);
                return a.IsPrimitive || b.IsPrimitive ? ReferenceEquals(a, b) : a.IsSubtypeOf(b);
            }
            return other.Name is "java/lang/Object" or "java/lang/Cloneable" or "java/io/Serializable";
        }
        if (other.IsInterface)
        {
            for (var c = self; c is not null; c = c.Super)
                foreach (var i in c.Interfaces)
                    if (ReferenceEquals(i, other) || i.IsSubtypeOf(other)) return true;
            return false;
        }
        for (var c = self.Super; c is not null; c = c.Super)
            if (ReferenceEquals(c, other)) return true;
        return false;
    }

    /// <summary>A declared method by name and descriptor, or null.</summary>
    public JMethod? DeclaredMethod(string name, string descriptor)
    {
        foreach (var m in DeclaredMethods)
            if (m.Name == name && m.Descriptor == descriptor) return m;
        return null;
    }

    public JField? DeclaredField(string name, string descriptor)
    {
        foreach (var f in DeclaredFields)
            if (f.Name == name && f.Descriptor == descriptor) return f;
        return null;
    }

    /// <summary>The storage of this class's own static field <paramref name="name"/> (for the VM's reads and writes of known JDK statics).</summary>
    public ref Slot Static(string name) => ref Statics[DeclaredFields.First(f => f.Name == name && f.IsStatic).Slot];

    /// <summary>Field resolution (JVMS 5.4.3.2): this class, then superinterfaces, then the superclass.</summary>
    public JField? FindField(string name, string descriptor)
    {
        if (DeclaredField(name, descriptor) is { } f) return f;
        foreach (var i in Interfaces)
            if (i.FindField(name, descriptor) is { } g) return g;
        return Super?.FindField(name, descriptor);
    }

    /// <summary>Method resolution (JVMS 5.4.3.3): the class and its superclasses, then maximally-specific superinterface methods.</summary>
    public JMethod? FindMethod(string name, string descriptor) =>
        FindMethodInClasses(name, descriptor) ?? FindInSuperinterfaces(name, descriptor);

    /// <summary>The method this class or a superclass declares, interfaces aside.</summary>
    public JMethod? FindMethodInClasses(string name, string descriptor)
    {
        for (var c = this; c is not null; c = c.Super)
            if (c.DeclaredMethod(name, descriptor) is { } m) return m;
        return null;
    }

    /// <summary>Interface method resolution (JVMS 5.4.3.4): the interface, Object's public methods, then superinterfaces.</summary>
    public JMethod? FindInterfaceMethod(string name, string descriptor)
    {
        if (DeclaredMethod(name, descriptor) is { } m) return m;
        var obj = Super; // interfaces have java/lang/Object as superclass
        if (obj?.DeclaredMethod(name, descriptor) is { IsStatic: false, Flags: var f } om && (f & AccessFlags.Public) != 0) return om;
        return FindInSuperinterfaces(name, descriptor);
    }

    /// <summary>The maximally-specific non-abstract superinterface method if there is one, else any abstract one.</summary>
    private JMethod? FindInSuperinterfaces(string name, string descriptor)
    {
        JMethod? best = null;
        foreach (var i in AllInterfaces())
        {
            var m = i.DeclaredMethod(name, descriptor);
            if (m is null || m.IsStatic || m.IsPrivate) continue;
            if (best is null) { best = m; continue; }
            if (m.Owner.IsSubtypeOf(best.Owner) || (best.IsAbstract && !m.IsAbstract)) best = m;
        }
        return best;
    }

    /// <summary>Every superinterface, transitively, of this class and its superclasses.</summary>
    public IEnumerable<JClass> AllInterfaces()
    {
        var seen = new HashSet<JClass>();
        var work = new Stack<JClass>();
        for (var c = this; c is not null; c = c.Super)
            for (var k = c.Interfaces.Length - 1; k >= 0; k--) work.Push(c.Interfaces[k]);
        while (work.Count > 0)
        {
            var i = work.Pop();
            if (!seen.Add(i)) continue;
            yield return i;
            for (var k = i.Interfaces.Length - 1; k >= 0; k--) work.Push(i.Interfaces[k]);
        }
    }

    /// <summary>
    /// Method selection for invokevirtual/invokeinterface (JVMS 5.4.6) on a receiver of this class: the vtable when the
    /// resolved method has a slot, else a search (cached per class) through superclasses and default methods.
    /// </summary>
    public JMethod? Select(JMethod resolved)
    {
        var v = resolved.VTableIndex;
        if (v >= 0 && !resolved.Owner.IsInterface && v < VTable.Length) return VTable[v];
        if (resolved.IsPrivate) return resolved;
        return _selected.GetOrAdd(resolved, static (r, self) => self.SelectSlow(r), this);
    }

    private JMethod? SelectSlow(JMethod resolved)
    {
        for (var c = this; c is not null; c = c.Super)
        {
            var m = c.DeclaredMethod(resolved.Name, resolved.Descriptor);
            if (m is not null && !m.IsStatic && !m.IsPrivate) return m;
        }
        return FindInSuperinterfaces(resolved.Name, resolved.Descriptor);
    }
}
