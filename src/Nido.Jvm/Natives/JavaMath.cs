namespace Nido.Jvm.Natives;

/// <summary>
/// java.lang.Math operations with Java's exact results, down to which NaN comes back: the interpreter's intrinsics
/// and the JIT's inline calls use these, so a value does not change bits when its method gets compiled.
/// </summary>
public static class JavaMath
{
    /// <summary>HotSpot's abs intrinsic (interpreted and compiled alike) clears the sign bit, NaNs included.</summary>
    public static double Abs(double x) => Math.Abs(x);

    public static float Abs(float x) => MathF.Abs(x);

    // min and max as the JDK's code: a NaN first argument is returned as it is, then -0.0 is below +0.0.
    public static double Min(double a, double b)
    {
        if (double.IsNaN(a)) return a;
        if (a == 0.0 && b == 0.0 && double.IsNegative(b)) return b;
        return a <= b ? a : b;
    }

    public static double Max(double a, double b)
    {
        if (double.IsNaN(a)) return a;
        if (a == 0.0 && b == 0.0 && double.IsNegative(a)) return b;
        return a >= b ? a : b;
    }

    public static float Min(float a, float b)
    {
        if (float.IsNaN(a)) return a;
        if (a == 0.0f && b == 0.0f && float.IsNegative(b)) return b;
        return a <= b ? a : b;
    }

    public static float Max(float a, float b)
    {
        if (float.IsNaN(a)) return a;
        if (a == 0.0f && b == 0.0f && float.IsNegative(a)) return b;
        return a >= b ? a : b;
    }

    /// <summary>StrictMath.rint: half to even; the JDK's code takes the absolute value first, so a NaN loses its sign.</summary>
    public static double Rint(double x) => double.IsNaN(x) ? Math.Abs(x) : Math.Round(x);

    /// <summary>C's pow, except where Java's specification differs: pow(x, NaN) and pow(±1, ±∞) are NaN in Java.</summary>
    public static double Pow(double x, double y) =>
        double.IsNaN(y) || (double.IsInfinity(y) && Math.Abs(x) == 1) ? double.NaN : Math.Pow(x, y);
}
