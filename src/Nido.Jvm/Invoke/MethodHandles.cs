using Nido.Jvm.Runtime;

namespace Nido.Jvm;

/// <summary>java.lang.invoke support: method handle and method type constants, signature-polymorphic calls, dynamic constants.</summary>
internal static partial class MethodHandles
{
    public static Slot InvokePolymorphic(JThread t, string name, string descriptor, int argBase) =>
        throw t.Vm.Throw("java/lang/UnsupportedOperationException", $"nido: MethodHandle/VarHandle.{name}{descriptor} is not supported yet");

    public static JObject ResolveConstant(JThread t, JClass cls, int index) =>
        throw t.Vm.Throw("java/lang/UnsupportedOperationException", $"nido: method handle constants are not supported yet ({cls.JavaName} #{index})");

    public static Slot ResolveDynamicConstant(JThread t, JClass cls, int index) =>
        throw t.Vm.Throw("java/lang/UnsupportedOperationException", $"nido: dynamic constants are not supported yet ({cls.JavaName} #{index})");
}
