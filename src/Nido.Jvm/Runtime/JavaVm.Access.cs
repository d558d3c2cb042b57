using Nido.Jvm.ClassFile;
using Nido.Jvm.Natives;

namespace Nido.Jvm.Runtime;

/// <summary>
/// Access control (JVMS 5.4.4) for what bytecode resolves: classes, fields and methods named by a class's constant
/// pool, and a class's own superclass and superinterfaces. Failures are IllegalAccessErrors worded as HotSpot's
/// LinkResolver words them. Module boundaries are not checked (the module graph lives on the Java side).
/// </summary>
public sealed partial class JavaVm
{
    /// <summary>Classes in one runtime package: same package name, same defining loader.</summary>
    public static bool SameRuntimePackage(JClass a, JClass b) => ReferenceEquals(a.Loader, b.Loader) && a.Package == b.Package;

    /// <summary>Is <paramref name="target"/> (an array: its element class) accessible from <paramref name="from"/>?</summary>
    public bool CanAccessClass(JClass from, JClass target)
    {
        target = ElementClass(target);
        if (target.IsPrimitive || ReferenceEquals(from, target) || (target.Flags & AccessFlags.Public) != 0) return true;
        return SameRuntimePackage(from, target) || IsMagicAccessor(from);
    }

    /// <summary>An array class's innermost element class; any other class itself.</summary>
    private static JClass ElementClass(JClass c)
    {
        while (c.Component is { } element) c = element;
        return c;
    }

    /// <summary>
    /// Reflection.verify_member_access: may <paramref name="from"/> use a member with <paramref name="flags"/>
    /// declared in <paramref name="declaring"/> and found through <paramref name="resolved"/>?
    /// </summary>
    public bool CanAccessMember(JThread t, JClass from, JClass resolved, JClass declaring, AccessFlags flags)
    {
        if (ReferenceEquals(from, declaring) || (flags & AccessFlags.Public) != 0) return true;
        if ((flags & AccessFlags.Protected) != 0 && !from.IsInterface && from.IsSubtypeOf(declaring)
            && ((flags & AccessFlags.Static) != 0 || ReferenceEquals(from, resolved) || ReferenceEquals(declaring, resolved)
                || resolved.IsSubtypeOf(from) || from.IsSubtypeOf(resolved)))
            return true;
        if ((flags & AccessFlags.Private) == 0 && SameRuntimePackage(from, declaring)) return true;
        if ((flags & AccessFlags.Private) != 0 && ReferenceEquals(JavaLangClass.NestHost(t, from), JavaLangClass.NestHost(t, declaring))) return true;
        return IsMagicAccessor(from);
    }

    /// <summary>
    /// Reflection's generated accessors (MagicAccessorImpl's subclasses) may use any member, as in HotSpot; only
    /// those the JDK itself defines count (bootstrap or reflection's DelegatingClassLoader), not any class that
    /// names such a superclass.
    /// </summary>
    internal static bool IsMagicAccessor(JClass c)
    {
        if (c.Loader is { } loader && loader.Class.Name != "jdk/internal/reflect/DelegatingClassLoader") return false;
        for (var s = c.Super; s is not null; s = s.Super)
            if (s.Loader is null && s.Name == "jdk/internal/reflect/MagicAccessorImpl") return true;
        return false;
    }

    /// <summary>HotSpot's "(A and B are in …)" or "(A is in …; B is in …)" for a pair of classes.</summary>
    private string Modules(JClass first, JClass second) => $"({Describe(first, second)})";

    public void CheckClassAccess(JClass from, JClass target)
    {
        target = ElementClass(target);
        if (CanAccessClass(from, target)) return;
        throw Throw("java/lang/IllegalAccessError", $"failed to access class {target.JavaName} from class {from.JavaName} {Modules(target, from)}");
    }

    public void CheckFieldAccess(JThread t, JClass from, JClass resolved, JField f)
    {
        if (CanAccessMember(t, from, resolved, f.Owner, f.Flags)) return;
        var kind = ((f.Flags & AccessFlags.Protected) != 0 ? "protected " : "") + ((f.Flags & AccessFlags.Private) != 0 ? "private " : "");
        throw Throw("java/lang/IllegalAccessError", $"class {from.JavaName} tried to access {kind}field {f.Owner.JavaName}.{f.Name} {Modules(from, f.Owner)}");
    }

    /// <param name="descriptor">The descriptor the error names, when not the method's own (a method handle intrinsic's call site).</param>
    public void CheckMethodAccess(JThread t, JClass from, JClass resolved, JMethod m, string? descriptor = null)
    {
        var flags = m.Flags;
        // Arrays override clone publicly (JVMS 2.15): Object.clone found through an array class is public.
        if (resolved.IsArray && m.Name == "clone" && m.Owner.Loader is null && m.Owner.Name == "java/lang/Object") flags = (flags & ~AccessFlags.Protected) | AccessFlags.Public;
        if (CanAccessMember(t, from, resolved, m.Owner, flags)) return;
        var kind = (m.IsAbstract ? "abstract " : "") + ((flags & AccessFlags.Protected) != 0 ? "protected " : "") + (m.IsPrivate ? "private " : "");
        throw Throw("java/lang/IllegalAccessError",
            $"class {from.JavaName} tried to access {kind}method '{DescriptorText.Method(m.Name, descriptor ?? m.Descriptor, m.Owner.JavaName)}' {Modules(from, m.Owner)}");
    }

    /// <summary>A class must be able to access its superclass and superinterfaces (checked as it is defined).</summary>
    private void CheckSuperAccess(JClass c, JClass super, bool isInterface)
    {
        if (CanAccessClass(c, super)) return;
        var what = isInterface ? "superinterface" : super.IsAbstract ? "abstract superclass" : "superclass";
        throw Throw("java/lang/IllegalAccessError", $"class {c.JavaName} cannot access its {what} {super.JavaName} {Modules(c, super)}");
    }
}
