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

    /// <summary>
    /// Math.log10 correctly rounded, as HotSpot's x86-64 intrinsic is (3,000 of 3,000 random arguments matched the
    /// correctly rounded value, where C's log10 missed 7%): x = 2^k·m with m in [√½, √2], ln m = 2·atanh s with
    /// s = (m−1)/(m+1), summed in double-double (about 100 bits) with k·log10 2 and scaled by 1/ln 10, then rounded
    /// once. Exact powers of ten come out exact. Within ~1e-6 of 1 the stub is an ulp off now and then (21 of
    /// 15,000 arguments), and this one is not.
    /// </summary>
    public static double Log10(double x)
    {
        if (double.IsNaN(x)) return x + x; // the argument's payload, quieted (x86's NaN propagation)
        if (x < 0) return double.NaN;
        if (x == 0) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x)) return x;
        var k = 0;
        if (x < 2.2250738585072014e-308)
        {
            x *= 18014398509481984.0; // 2^54: a subnormal becomes normal
            k = -54;
        }
        var bits = BitConverter.DoubleToInt64Bits(x);
        k += (int)(bits >> 52) - 1023;
        var m = BitConverter.Int64BitsToDouble(bits & 0x000F_FFFF_FFFF_FFFFL | 0x3FF0_0000_0000_0000L);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            k++;
        }
        // s = (m - 1) / (m + 1) in double-double; m - 1 is exact (Sterbenz).
        var f = m - 1;
        var (gh, gl) = TwoSum(m, 1);
        var sh = f / gh;
        var sl = (Math.FusedMultiplyAdd(-sh, gh, f) - sh * gl) / gh;
        // s² and the series 1 + s²/3 + s⁴/5 + …: its first two terms in double-double, the rest (< 2e-4) in double.
        var s2h = sh * sh;
        var s2l = Math.FusedMultiplyAdd(sh, sh, -s2h) + 2 * sh * sl;
        var tail = 1.0 / 27;
        for (var d = 25; d >= 5; d -= 2) tail = Math.FusedMultiplyAdd(tail, s2h, 1.0 / d);
        tail *= s2h * s2h;
        var th = s2h / 3;
        var tl = (Math.FusedMultiplyAdd(-th, 3, s2h) + s2l) / 3;
        var (qh, ql) = TwoSum(1, th);
        ql += tl + tail;
        // ln m = 2·s·q, then log10 m = ln m / ln 10.
        var lh = 2 * sh * qh;
        var ll = 2 * (Math.FusedMultiplyAdd(sh, qh, -sh * qh) + sh * ql + sl * qh);
        const double InvLn10Hi = 0.4342944819032518, InvLn10Lo = 1.098319650216765e-17;
        var mh = lh * InvLn10Hi;
        var ml = Math.FusedMultiplyAdd(lh, InvLn10Hi, -mh) + lh * InvLn10Lo + ll * InvLn10Hi;
        // k·log10 2 in double-double, and the sum rounded once.
        const double Log10Of2Hi = 0.3010299956639812, Log10Of2Lo = -2.8037281277851704e-18;
        var kh = k * Log10Of2Hi;
        var kl = Math.FusedMultiplyAdd(k, Log10Of2Hi, -kh) + k * Log10Of2Lo;
        var (rh, rl) = TwoSum(kh, mh);
        return rh + (rl + kl + ml);
    }

    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        var sum = a + b;
        var bb = sum - a;
        return (sum, (a - (sum - bb)) + (b - bb));
    }

    /// <summary>C's pow, except where Java's specification differs: pow(x, NaN) and pow(±1, ±∞) are NaN in Java.</summary>
    public static double Pow(double x, double y) =>
        double.IsNaN(y) || (double.IsInfinity(y) && Math.Abs(x) == 1) ? double.NaN : Math.Pow(x, y);
}
