using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.lang.Math's intrinsics: HotSpot on x86-64 replaces exp, log, log10, pow, sin, cos and tan with its own
/// near-correctly-rounded stubs instead of running StrictMath's fdlibm; the C library's functions behind .NET's Math
/// round the same way, so Math.exp(1) prints 2.718281828459045 as on HotSpot (fdlibm's is one ulp above).
/// </summary>
internal static class JavaLangMath
{
    private const string C = "java/lang/Math";

    public static void Register(NativeRegistry r)
    {
        r.Intrinsic(C, "exp", "(D)D", static (t, a) => Slot.OfDouble(Math.Exp(a[0].D)));
        r.Intrinsic(C, "log", "(D)D", static (t, a) => Slot.OfDouble(Math.Log(a[0].D)));
        r.Intrinsic(C, "log10", "(D)D", static (t, a) => Slot.OfDouble(Math.Log10(a[0].D)));
        r.Intrinsic(C, "pow", "(DD)D", static (t, a) => Slot.OfDouble(Pow(a[0].D, a[2].D)));
        r.Intrinsic(C, "sin", "(D)D", static (t, a) => Slot.OfDouble(Math.Sin(a[0].D)));
        r.Intrinsic(C, "cos", "(D)D", static (t, a) => Slot.OfDouble(Math.Cos(a[0].D)));
        r.Intrinsic(C, "tan", "(D)D", static (t, a) => Slot.OfDouble(Math.Tan(a[0].D)));
    }

    /// <summary>C's pow, except where Java's specification differs: pow(x, NaN) and pow(±1, ±∞) are NaN in Java.</summary>
    private static double Pow(double x, double y) =>
        double.IsNaN(y) || (double.IsInfinity(y) && Math.Abs(x) == 1) ? double.NaN : Math.Pow(x, y);
}
