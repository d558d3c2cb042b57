using System.Buffers.Binary;
using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Jit;

/// <summary>Reading a method's bytecode: instruction lengths, operands and the value kinds of descriptors.</summary>
internal static class Bytecode
{
    public static int U1(byte[] bc, int at) => bc[at];
    public static int U2(byte[] bc, int at) => (bc[at] << 8) | bc[at + 1];
    public static int S2(byte[] bc, int at) => (short)U2(bc, at);
    public static int S4(byte[] bc, int at) => BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(at));

    /// <summary>The instruction's length in bytes (switches are padded to a 4-byte boundary of the code).</summary>
    public static int Length(byte[] bc, int pc)
    {
        var op = bc[pc];
        switch (op)
        {
            case 0x10 or 0x12 or (>= 0x15 and <= 0x19) or (>= 0x36 and <= 0x3a) or 0xa9 or 0xbc: return 2;
            case 0x11 or 0x13 or 0x14 or 0x84 or (>= 0x99 and <= 0xa8) or (>= 0xb2 and <= 0xb8) or 0xbb or 0xbd or 0xc0 or 0xc1 or 0xc6 or 0xc7: return 3;
            case 0xb9 or 0xba or 0xc8 or 0xc9: return 5;
            case 0xc5: return 4;
            case 0xc4: return bc[pc + 1] == 0x84 ? 6 : 4;
            case 0xaa:
            {
                var p = (pc + 4) & ~3;
                var low = S4(bc, p + 4);
                var high = S4(bc, p + 8);
                return p - pc + 12 + (high - low + 1) * 4;
            }
            case 0xab:
            {
                var p = (pc + 4) & ~3;
                return p - pc + 8 + S4(bc, p + 4) * 8;
            }
            default: return 1;
        }
    }

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
