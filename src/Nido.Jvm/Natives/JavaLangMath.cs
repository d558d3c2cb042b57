using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.lang.Math's intrinsics: HotSpot on x86-64 replaces exp, log, log10, pow, sin, cos and tan with its own
/// near-correctly-rounded stubs instead of running StrictMath's fdlibm; the C library's functions behind .NET's Math
/// round the same way, so Math.exp(1) prints 2.718281828459045 as on HotSpot (fdlibm's is one ulp above); C's log10
/// does not (an ulp off for 7% of arguments), so log10 is <see cref="JavaMath.Log10"/>, correctly rounded. The JIT
/// compiles calls of these (and of the exact operations in <see cref="JavaMath"/>) inline.
/// </summary>
internal static class JavaLangMath
{
    private const string C = "java/lang/Math";

    public static void Register(NativeRegistry r)
    {
        r.Intrinsic(C, "exp", "(D)D", static (t, a) => Slot.OfDouble(Math.Exp(a[0].D)));
        r.Intrinsic(C, "log", "(D)D", static (t, a) => Slot.OfDouble(Math.Log(a[0].D)));
        r.Intrinsic(C, "log10", "(D)D", static (t, a) => Slot.OfDouble(JavaMath.Log10(a[0].D)));
        r.Intrinsic(C, "pow", "(DD)D", static (t, a) => Slot.OfDouble(JavaMath.Pow(a[0].D, a[2].D)));
        r.Intrinsic(C, "sin", "(D)D", static (t, a) => Slot.OfDouble(Math.Sin(a[0].D)));
        r.Intrinsic(C, "cos", "(D)D", static (t, a) => Slot.OfDouble(Math.Cos(a[0].D)));
        r.Intrinsic(C, "tan", "(D)D", static (t, a) => Slot.OfDouble(Math.Tan(a[0].D)));
        // HotSpot's interpreter has entries for these too: abs clears a NaN's sign, fma keeps a NaN operand's bits.
        r.Intrinsic(C, "abs", "(D)D", static (t, a) => Slot.OfDouble(JavaMath.Abs(a[0].D)));
        r.Intrinsic(C, "abs", "(F)F", static (t, a) => Slot.OfFloat(JavaMath.Abs(a[0].F)));
        r.Intrinsic(C, "fma", "(DDD)D", static (t, a) => Slot.OfDouble(Math.FusedMultiplyAdd(a[0].D, a[2].D, a[4].D)));
        r.Intrinsic(C, "fma", "(FFF)F", static (t, a) => Slot.OfFloat(MathF.FusedMultiplyAdd(a[0].F, a[1].F, a[2].F)));
    }
}
