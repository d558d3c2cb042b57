using Nido.Jvm.Runtime;

namespace Nido.Jvm;

public static partial class Interpreter
{
    private static int InvokeDynamic(JThread t, JClass cls, int index, Slot[] s, int sp) =>
        throw t.Vm.Throw("java/lang/UnsupportedOperationException", $"nido: invokedynamic is not supported yet ({cls.JavaName} #{index})");
}
