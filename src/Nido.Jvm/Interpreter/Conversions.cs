namespace Nido.Jvm;

/// <summary>Java's floating-point to integer conversions (JLS 5.1.3): NaN becomes 0, out-of-range values saturate.</summary>
public static class Conversions
{
    public static int F2I(float f) => float.IsNaN(f) ? 0 : f >= 2147483647f ? int.MaxValue : f <= -2147483648f ? int.MinValue : (int)f;
    public static long F2L(float f) => float.IsNaN(f) ? 0 : f >= 9.223372E18f ? long.MaxValue : f <= -9.223372E18f ? long.MinValue : (long)f;
    public static int D2I(double d) => double.IsNaN(d) ? 0 : d >= 2147483647.0 ? int.MaxValue : d <= -2147483648.0 ? int.MinValue : (int)d;
    public static long D2L(double d) => double.IsNaN(d) ? 0 : d >= 9.2233720368547758E18 ? long.MaxValue : d <= -9.2233720368547758E18 ? long.MinValue : (long)d;

    /// <summary>
    /// An int stored to a boolean, byte, char or short field, or returned from a method of that result (JVMS 17
    /// putfield, putstatic, ireturn): boolean keeps the low bit, the others the low bits of their width. javac always
    /// narrows first; other compilers' bytecode need not.
    /// </summary>
    public static int Narrow(char descriptor, int v) => descriptor switch
    {
        'Z' => v & 1,
        'B' => (sbyte)v,
        'C' => (char)v,
        'S' => (short)v,
        _ => v,
    };
}
