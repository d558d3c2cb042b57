using System.Reflection.Emit;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jit;

/// <summary>
/// A method's compiled form: a DynamicMethod with a typed signature — (object[] k, JThread, Java arguments as int,
/// long, float, double or JObject) returning the Java result — so compiled callers call it directly, and its
/// constants <see cref="K"/> (k[0] is the method itself), which every call passes first.
/// </summary>
internal sealed class CompiledMethod
{
    public CompiledMethod(JMethod method)
    {
        Method = method;
        Parameters = Bytecode.Arguments(method);
        Return = Bytecode.ReturnKind(method.Descriptor);
        var types = new List<Type> { typeof(object[]), typeof(JThread) };
        types.AddRange(Parameters.Select(Bytecode.ClrType));
        Typed = new DynamicMethod($"{method.Owner.Name}.{method.Name}", Bytecode.ClrType(Return), [.. types],
            typeof(JObject).Module, skipVisibility: true);
    }

    public JMethod Method { get; }
    /// <summary>Parameter kinds, the receiver first for instance methods.</summary>
    public List<char> Parameters { get; }
    public char Return { get; }
    public DynamicMethod Typed { get; }
    public object[] K = [];
}
