using System.Runtime.InteropServices;

namespace Nido.Jvm.Jni;

/// <summary>
/// The register and stack image of one call under the System V AMD64 ABI (Linux x86-64): integer-class arguments
/// (ints, longs, pointers, references) fill six general registers, float and double fill eight vector registers,
/// and what does not fit goes to the stack, one 8-byte word each, in argument order.
/// </summary>
internal unsafe struct AbiArguments
{
    public const int MaxStackWords = 32;

    public fixed long Gpr[6];
    public fixed double Xmm[8];
    public fixed long Stack[MaxStackWords];
    public int GprCount, XmmCount, StackCount;

    public void Integer(long value)
    {
        if (GprCount < 6) Gpr[GprCount++] = value;
        else Push(value);
    }

    /// <summary>A float travels in the low 32 bits of its register or stack word.</summary>
    public void Single(float value) => Vector(BitConverter.SingleToUInt32Bits(value));

    public void Double(double value) => Vector(BitConverter.DoubleToInt64Bits(value));

    private void Vector(long bits)
    {
        if (XmmCount < 8) Xmm[XmmCount++] = BitConverter.Int64BitsToDouble(bits);
        else Push(bits);
    }

    private void Push(long value)
    {
        if (StackCount == MaxStackWords) throw new ArgumentException($"more than {MaxStackWords} stack words of arguments");
        Stack[StackCount++] = value;
    }
}

/// <summary>Calls native functions of any prototype made of JNI types (see NativeAbi.Calls.cs for how).</summary>
internal static unsafe partial class NativeAbi
{
    /// <summary>Calls <paramref name="function"/>; the result's raw bits by return class (<paramref name="returnKind"/> a JVM descriptor letter).</summary>
    public static long Call(nint function, ref AbiArguments arguments, char returnKind)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            throw new PlatformNotSupportedException("JNI calls are implemented for Linux x86-64 (System V AMD64 ABI)");
        fixed (AbiArguments* a = &arguments)
        {
            return returnKind switch
            {
                'F' => BitConverter.SingleToInt32Bits(CallSingle(function, a)),
                'D' => BitConverter.DoubleToInt64Bits(CallDouble(function, a)),
                _ => CallInteger(function, a),
            };
        }
    }
}
