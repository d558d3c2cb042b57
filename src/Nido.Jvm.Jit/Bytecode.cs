using System.Reflection.Emit;
using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Jit;

/// <summary>Reading a method's bytecode: instruction lengths, operands and the value kinds of descriptors.</summary>
internal static class Bytecode
{
    public static int U1(byte[] bc, int at) => bc[at];
    public static int U2(byte[] bc, int at) => (bc[at] << 8) | bc[at + 1];
    public static int S2(byte[] bc, int at) => Instructions.S2(bc, at);
    public static int S4(byte[] bc, int at) => Instructions.S4(bc, at);

    /// <summary>The kind a value of this field descriptor has on the operand stack: I, J, F, D or R.</summary>
    public static char Kind(string descriptor) => Kind(descriptor[0]);

    public static char Kind(char c) => c switch
    {
        'J' => 'J',
        'F' => 'F',
        'D' => 'D',
        'L' or '[' => 'R',
        'V' => 'V',
        _ => 'I',
    };

    public static bool Wide(char kind) => kind is 'J' or 'D';

    /// <summary>Narrows the int on the CIL stack to a boolean, byte, char or short descriptor (Conversions.Narrow).</summary>
    public static void Narrow(ILGenerator il, char descriptor)
    {
        switch (descriptor)
        {
            case 'Z': il.Emit(OpCodes.Ldc_I4_1); il.Emit(OpCodes.And); break;
            case 'B': il.Emit(OpCodes.Conv_I1); break;
            case 'C': il.Emit(OpCodes.Conv_U2); break;
            case 'S': il.Emit(OpCodes.Conv_I2); break;
        }
    }

    /// <summary>The parameter kinds of a method descriptor, in order.</summary>
    public static List<char> Parameters(string descriptor) => Descriptors.Parameters(descriptor).ConvertAll(Kind);

    /// <summary>The kinds a method receives: its parameters, the receiver first for instance methods.</summary>
    public static List<char> Arguments(Runtime.JMethod method)
    {
        var kinds = Parameters(method.Descriptor);
        if (!method.IsStatic) kinds.Insert(0, 'R');
        return kinds;
    }

    public static char ReturnKind(string descriptor) => Kind(Descriptors.Return(descriptor));

    public static Type ClrType(char kind) => kind switch
    {
        'I' => typeof(int),
        'J' => typeof(long),
        'F' => typeof(float),
        'D' => typeof(double),
        'R' => typeof(Runtime.JObject),
        'V' => typeof(void),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a value kind"),
    };
}
