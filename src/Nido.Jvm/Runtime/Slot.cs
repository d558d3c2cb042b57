using System.Runtime.InteropServices;

namespace Nido.Jvm.Runtime;

/// <summary>
/// One JVM value cell: locals, operand stack, fields and statics all use it. Primitives live in <see cref="P"/>
/// (int/short/char/byte/boolean sign- or zero-extended as Java widens them, float and double as raw bits, long as
/// is); references in <see cref="R"/>. Bytecode always knows which half it reads, so no tag is needed.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public struct Slot
{
    public long P;
    public JObject? R;

    public int I { readonly get => (int)P; set => P = value; }
    public long J { readonly get => P; set => P = value; }
    public float F { readonly get => BitConverter.Int32BitsToSingle((int)P); set => P = BitConverter.SingleToInt32Bits(value); }
    public double D { readonly get => BitConverter.Int64BitsToDouble(P); set => P = BitConverter.DoubleToInt64Bits(value); }

    public static Slot OfInt(int v) => new() { P = v };
    public static Slot OfLong(long v) => new() { P = v };
    public static Slot OfFloat(float v) => new() { P = BitConverter.SingleToInt32Bits(v) };
    public static Slot OfDouble(double v) => new() { P = BitConverter.DoubleToInt64Bits(v) };
    public static Slot OfRef(JObject? o) => new() { R = o };
    public static Slot OfBool(bool b) => new() { P = b ? 1 : 0 };
}
