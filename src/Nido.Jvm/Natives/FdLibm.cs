namespace Nido.Jvm.Natives;

/// <summary>
/// StrictMath's hyperbolic functions, expm1 and log1p as fdlibm 5.3 computes them (Java requires StrictMath to give
/// fdlibm's exact bits, which the C library's functions do not): the same argument reductions, polynomial
/// coefficients and thresholds, on IEEE words.
/// </summary>
internal static partial class FdLibm
{
    private const double Huge = 1.0e300, Tiny = 1.0e-300, TwoM1000 = 9.33263618503218878990e-302;
    private const double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10, InvLn2 = 1.44269504088896338700e+00;
    private const double OverflowThreshold = 7.09782712893383973096e+02, UnderflowThreshold = -7.45133219101941108420e+02;

    private static int High(double x) => (int)(BitConverter.DoubleToInt64Bits(x) >> 32);
    private static uint Low(double x) => (uint)BitConverter.DoubleToInt64Bits(x);
    private static double WithHigh(double x, int high) => BitConverter.Int64BitsToDouble((long)high << 32 | Low(x));
    private static double FromWords(int high, uint low) => BitConverter.Int64BitsToDouble((long)high << 32 | low);

    /// <summary>
    /// exp's and expm1's argument reduction for |x| &gt; ln2/2 (<paramref name="hx"/> is |x|'s high word):
    /// x = k·ln2 + (hi − lo), with ln2 split in two parts so hi − lo keeps the bits k·ln2 would round away.
    /// </summary>
    private static int Reduce(double x, int hx, bool negative, out double hi, out double lo)
    {
        if (hx < 0x3FF0A2B2) // |x| < 1.5·ln2: k = ±1
        {
            (hi, lo) = negative ? (x + Ln2Hi, -Ln2Lo) : (x - Ln2Hi, Ln2Lo);
            return negative ? -1 : 1;
        }
        var k = (int)(InvLn2 * x + (negative ? -0.5 : 0.5));
        double kd = k;
        hi = x - kd * Ln2Hi;
        lo = kd * Ln2Lo;
        return k;
    }

    /// <summary>e^x (e_exp.c): x = k·ln2 + r, |r| ≤ ln2/2, a Remez polynomial for r, then scaled by 2^k.</summary>
    public static double Exp(double x)
    {
        const double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
            P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08;
        var hx = High(x);
        var negative = hx < 0;
        hx &= 0x7fffffff;
        if (hx >= 0x40862E42)
        {
            if (hx >= 0x7ff00000) return ((hx & 0xfffff) | (int)Low(x)) != 0 ? x + x : negative ? 0.0 : x;
            if (x > OverflowThreshold) return Huge * Huge;
            if (x < UnderflowThreshold) return TwoM1000 * TwoM1000;
        }
        double hi = 0, lo = 0;
        var k = 0;
        if (hx > 0x3fd62e42)
        {
            k = Reduce(x, hx, negative, out hi, out lo);
            x = hi - lo;
        }
        else if (hx < 0x3e300000)
        {
            if (Huge + x > 1.0) return 1.0 + x;
        }
        var t = x * x;
        var c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
        var y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
        return k >= -1021 ? WithHigh(y, High(y) + (k << 20)) : WithHigh(y, High(y) + ((k + 1000) << 20)) * TwoM1000;
    }

    /// <summary>e^x − 1 (s_expm1.c), accurate for small x where exp(x) − 1 would cancel.</summary>
    public static double Expm1(double x)
    {
        const double Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03, Q3 = -7.93650757867487942473e-05,
            Q4 = 4.00821782732936239552e-06, Q5 = -2.01099218183624371326e-07;
        var hx = High(x);
        var negative = hx < 0;
        hx &= 0x7fffffff;
        if (hx >= 0x4043687A)
        {
            if (hx >= 0x40862E42)
            {
                if (hx >= 0x7ff00000) return ((hx & 0xfffff) | (int)Low(x)) != 0 ? x + x : negative ? -1.0 : x;
                if (x > OverflowThreshold) return Huge * Huge;
            }
            if (negative && x + Tiny < 0.0) return Tiny - 1.0;
        }
        double hi, lo, c = 0;
        int k;
        if (hx > 0x3fd62e42)
        {
            k = Reduce(x, hx, negative, out hi, out lo);
            x = hi - lo;
            c = (hi - x) - lo;
        }
        else if (hx < 0x3c900000)
        {
            var tt = Huge + x;
            return x - (tt - (Huge + x));
        }
        else k = 0;
        var hfx = 0.5 * x;
        var hxs = x * hfx;
        var r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        var t = 3.0 - r1 * hfx;
        var e = hxs * ((r1 - t) / (6.0 - x * t));
        if (k == 0) return x - (x * e - hxs);
        e = x * (e - c) - c;
        e -= hxs;
        if (k == -1) return 0.5 * (x - e) - 0.5;
        if (k == 1) return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
        double y;
        if (k <= -2 || k > 56)
        {
            y = 1.0 - (e - x);
            return WithHigh(y, High(y) + (k << 20)) - 1.0;
        }
        if (k < 20)
        {
            t = FromWords(0x3ff00000 - (0x200000 >> k), 0); // 1 − 2^−k
            y = t - (e - x);
        }
        else
        {
            t = FromWords((0x3ff - k) << 20, 0); // 2^−k
            y = x - (e + t);
            y += 1.0;
        }
        return WithHigh(y, High(y) + (k << 20));
    }

    /// <summary>ln(1 + x) (s_log1p.c).</summary>
    public static double Log1p(double x)
    {
        const double Two54 = 1.80143985094819840000e+16;
        const double Lp1 = 6.666666666666735130e-01, Lp2 = 3.999999999940941908e-01, Lp3 = 2.857142874366239149e-01,
            Lp4 = 2.222219843214978396e-01, Lp5 = 1.818357216161805012e-01, Lp6 = 1.531383769920937332e-01, Lp7 = 1.479819860511658591e-01;
        var hx = High(x);
        var ax = hx & 0x7fffffff;
        var k = 1;
        double f = 0, c = 0;
        var hu = 0;
        if (hx < 0x3FDA827A)
        {
            if (ax >= 0x3ff00000) return x == -1.0 ? double.NegativeInfinity : double.NaN;
            if (ax < 0x3e200000)
            {
                if (Two54 + x > 0 && ax < 0x3c900000) return x;
                return x - x * x * 0.5;
            }
            if (hx > 0 || hx <= unchecked((int)0xbfd2bec3))
            {
                k = 0;
                f = x;
                hu = 1;
            }
        }
        if (hx >= 0x7ff00000) return x + x;
        if (k != 0)
        {
            double u;
            if (hx < 0x43400000)
            {
                u = 1.0 + x;
                hu = High(u);
                k = (hu >> 20) - 1023;
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
                c /= u;
            }
            else
            {
                u = x;
                hu = High(u);
                k = (hu >> 20) - 1023;
                c = 0;
            }
            hu &= 0x000fffff;
            if (hu < 0x6a09e) u = WithHigh(u, hu | 0x3ff00000);
            else
            {
                k += 1;
                u = WithHigh(u, hu | 0x3fe00000);
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        var hfsq = 0.5 * f * f;
        double r;
        if (hu == 0)
        {
            if (f == 0)
            {
                if (k == 0) return 0;
                c += k * Ln2Lo;
                return k * Ln2Hi + c;
            }
            r = hfsq * (1.0 - 0.66666666666666666 * f);
            return k == 0 ? f - r : k * Ln2Hi - ((r - (k * Ln2Lo + c)) - f);
        }
        var s = f / (2.0 + f);
        var z = s * s;
        r = z * (Lp1 + z * (Lp2 + z * (Lp3 + z * (Lp4 + z * (Lp5 + z * (Lp6 + z * Lp7))))));
        return k == 0 ? f - (hfsq - s * (hfsq + r)) : k * Ln2Hi - ((hfsq - (s * (hfsq + r) + (k * Ln2Lo + c))) - f);
    }

    /// <summary>sinh (e_sinh.c).</summary>
    public static double Sinh(double x)
    {
        const double Shuge = 1.0e307;
        var jx = High(x);
        var ix = jx & 0x7fffffff;
        if (ix >= 0x7ff00000) return x + x;
        var h = jx < 0 ? -0.5 : 0.5;
        if (ix < 0x40360000)
        {
            if (ix < 0x3e300000 && Shuge + x > 1.0) return x;
            var t = Expm1(Math.Abs(x));
            return ix < 0x3ff00000 ? h * (2.0 * t - t * t / (t + 1.0)) : h * (t + t / (t + 1.0));
        }
        if (ix < 0x40862E42) return h * Exp(Math.Abs(x));
        if (ix < 0x408633CE || (ix == 0x408633CE && Low(x) <= 0x8fb9f87d))
        {
            var w = Exp(0.5 * Math.Abs(x));
            var t = h * w;
            return t * w;
        }
        return x * Shuge;
    }

    /// <summary>cosh (e_cosh.c).</summary>
    public static double Cosh(double x)
    {
        var ix = High(x) & 0x7fffffff;
        if (ix >= 0x7ff00000) return x * x;
        if (ix < 0x3fd62e43)
        {
            var t = Expm1(Math.Abs(x));
            var w = 1.0 + t;
            if (ix < 0x3c800000) return w;
            return 1.0 + (t * t) / (w + w);
        }
        if (ix < 0x40360000)
        {
            var t = Exp(Math.Abs(x));
            return 0.5 * t + 0.5 / t;
        }
        if (ix < 0x40862E42) return 0.5 * Exp(Math.Abs(x));
        if (ix < 0x408633CE || (ix == 0x408633CE && Low(x) <= 0x8fb9f87d))
        {
            var w = Exp(0.5 * Math.Abs(x));
            var t = 0.5 * w;
            return t * w;
        }
        return Huge * Huge;
    }

    /// <summary>tanh (s_tanh.c).</summary>
    public static double Tanh(double x)
    {
        var jx = High(x);
        var ix = jx & 0x7fffffff;
        if (ix >= 0x7ff00000) return jx >= 0 ? 1.0 / x + 1.0 : 1.0 / x - 1.0;
        double z;
        if (ix < 0x40360000)
        {
            if (ix < 0x3c800000) return x * (1.0 + x);
            if (ix >= 0x3ff00000)
            {
                var t = Expm1(2.0 * Math.Abs(x));
                z = 1.0 - 2.0 / (t + 2.0);
            }
            else
            {
                var t = Expm1(-2.0 * Math.Abs(x));
                z = -t / (t + 2.0);
            }
        }
        else z = 1.0 - Tiny;
        return jx >= 0 ? z : -z;
    }
}
