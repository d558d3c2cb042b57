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

    /// <summary>
    /// What a stack instruction (pop … swap) does, by the kinds on the stack (<paramref name="kindAt"/>(0) is the top):
    /// it takes the top <paramref name="take"/> values and pushes back the ones <c>order</c> names (indexes into the
    /// taken values, bottom first).
    /// </summary>
    public static int[] Shuffle(byte op, Func<int, char> kindAt, out int take)
    {
        switch (op)
        {
            case 0x57: take = 1; return [];
            case 0x58: take = Wide(kindAt(0)) ? 1 : 2; return [];
            case 0x59: take = 1; return [0, 0];
            case 0x5a: take = 2; return [1, 0, 1];
            case 0x5b: take = Wide(kindAt(1)) ? 2 : 3; return take == 2 ? [1, 0, 1] : [2, 0, 1, 2];
            case 0x5c: take = Wide(kindAt(0)) ? 1 : 2; return take == 1 ? [0, 0] : [0, 1, 0, 1];
            case 0x5d: take = Wide(kindAt(0)) ? 2 : 3; return take == 2 ? [1, 0, 1] : [1, 2, 0, 1, 2];
            case 0x5e:
            {
                var top = Wide(kindAt(0)) ? 1 : 2;
                var below = Wide(kindAt(top)) ? 1 : 2;
                take = top + below;
                int[] topIdx = [.. Enumerable.Range(below, top)], belowIdx = [.. Enumerable.Range(0, below)];
                return [.. topIdx, .. belowIdx, .. topIdx];
            }
            case 0x5f: take = 2; return [1, 0];
            default: throw new NotCompilableException($"shuffle {op:x2}");
        }
    }
}
