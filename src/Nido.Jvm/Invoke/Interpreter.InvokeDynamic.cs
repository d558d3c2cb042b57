using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm;

public static partial class Interpreter
{
    /// <summary>
    /// invokedynamic: the call site is linked once per constant (JVMS 5.4.3.6) by the VM's own implementation of the
    /// JDK bootstrap methods javac emits — string concatenation, lambdas and method references, record methods —
    /// then invoked with the operands on the stack.
    /// </summary>
    internal static int InvokeDynamic(JThread t, JClass cls, int index, Slot[] s, int sp)
    {
        if (cls.Resolved[index] is not CallSiteTarget target)
        {
            target = Bootstraps.Link(t, cls, index);
            cls.Resolved[index] = target;
        }
        return target(t, s, sp);
    }
}

/// <summary>The bootstrap methods the VM implements itself, chosen by the bootstrap method handle's owner and name.</summary>
internal static partial class Bootstraps
{
    public static CallSiteTarget Link(JThread t, JClass cls, int index)
    {
        var file = cls.File!;
        var pool = file.Pool;
        var bootstrap = file.BootstrapMethods[pool.A(index)];
        var (name, descriptor) = pool.NameAndType(pool.B(index));
        var (owner, method, _) = pool.MemberRef(pool.B(bootstrap.MethodHandle));
        return (owner, method) switch
        {
            ("java/lang/invoke/StringConcatFactory", "makeConcatWithConstants") => StringConcat(t, cls, descriptor, pool.String(bootstrap.Arguments[0]), bootstrap.Arguments[1..]),
            ("java/lang/invoke/StringConcatFactory", "makeConcat") => StringConcat(t, cls, descriptor, new string('\u0001', Descriptors.Parameters(descriptor).Count), []),
            ("java/lang/invoke/LambdaMetafactory", "metafactory" or "altMetafactory") => Lambda(t, cls, name, descriptor, bootstrap, method == "altMetafactory"),
            ("java/lang/runtime/ObjectMethods", "bootstrap") => RecordMethod(t, cls, name, bootstrap),
            _ => throw t.Vm.Throw("java/lang/BootstrapMethodError", $"nido: bootstrap method {owner.Replace('/', '.')}.{method} is not supported (call site {name}{descriptor} in {cls.JavaName})"),
        };
    }

    /// <summary>Arguments in JVM slot layout → one slot per parameter.</summary>
    public static Slot[] Compact(Slot[] s, int from, List<string> parameters)
    {
        var values = new Slot[parameters.Count];
        var p = from;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = s[p];
            p += parameters[i] is "J" or "D" ? 2 : 1;
        }
        return values;
    }

    public static int SlotCount(List<string> parameters) => parameters.Sum(p => p is "J" or "D" ? 2 : 1);
}
