namespace Nido.Jvm.Natives;

/// <summary>
/// StrictMath's logarithms and inverse trigonometric functions as fdlibm 5.3 computes them (e_log.c, e_log10.c,
/// s_atan.c, e_atan2.c, e_asin.c, e_acos.c): Random.nextGaussian and everything printed from these must carry
/// fdlibm's exact bits, which the C library's functions do not always give.
/// </summary>
internal static partial class FdLibm
{
    private const double Two54 = 1.80143985094819840000e+16;
    private const double PiO2Hi = 1.57079632679489655800e+00, PiO2Lo = 6.12323399573676603587e-17, PiO4Hi = 7.85398163397448278999e-01;

    /// <summary>
    /// The logarithms' first step: the result for 0 (−∞), negatives (NaN), ∞ and NaN; otherwise x's high word and
    /// unbiased exponent, a subnormal x scaled up by 2^54 first.
    /// </summary>
    private static double? LogSpecial(ref double x, out int hx, out int k)
    {
        hx = High(x);
        k = 0;
        if (hx < 0x00100000) // x < 2^-1022: zero, negative or subnormal
        {
            if (((hx & 0x7fffffff) | (int)Low(x)) == 0) return double.NegativeInfinity;
            if (hx < 0) return double.NaN;
            k -= 54;
            x *= Two54;
            hx = High(x);
        }
        if (hx >= 0x7ff00000) return x + x;
        k += (hx >> 20) - 1023;
        return null;
    }

    /// <summary>ln x: x = 2^k·(1+f) with √2/2 &lt; 1+f &lt; √2, then ln(1+f) from s = f/(2+f) and a degree-14 polynomial in s.</summary>
    public static double Log(double x)
    {
        const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01,
            Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01, Lg7 = 1.479819860511658591e-01;
        if (LogSpecial(ref x, out var hx, out var k) is { } special) return special;
        hx &= 0x000fffff;
        var i = (hx + 0x95f64) & 0x100000;
        x = WithHigh(x, hx | (i ^ 0x3ff00000)); // x or x/2 into [√2/2, √2)
        k += i >> 20;
        var f = x - 1.0;
        double dk;
        if ((0x000fffff & (2 + hx)) < 3) // |f| < 2^-20
        {
            if (f == 0.0)
            {
                if (k == 0) return 0.0;
                dk = k;
                return dk * Ln2Hi + dk * Ln2Lo;
            }
            var r0 = f * f * (0.5 - 0.33333333333333333 * f);
            if (k == 0) return f - r0;
            dk = k;
            return dk * Ln2Hi - ((r0 - dk * Ln2Lo) - f);
        }
        var s = f / (2.0 + f);
        dk = k;
        var z = s * s;
        var lo = hx - 0x6147a;
        var w = z * z;
        var hi = 0x6b851 - hx;
        var t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
        var t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
        var r = t2 + t1;
        if ((lo | hi) > 0)
        {
            var hfsq = 0.5 * f * f;
            if (k == 0) return f - (hfsq - s * (hfsq + r));
            return dk * Ln2Hi - ((hfsq - (s * (hfsq + r) + dk * Ln2Lo)) - f);
        }
        if (k == 0) return f - s * (f - r);
        return dk * Ln2Hi - ((s * (f - r) - dk * Ln2Lo) - f);
    }

    /// <summary>log10 x = (k + log10 m) with x = 2^k·m, through <see cref="Log"/> and log10(2) split in two.</summary>
    public static double Log10(double x)
    {
        const double InvLn10 = 4.34294481903251816668e-01, Log10Of2Hi = 3.01029995663611771306e-01, Log10Of2Lo = 3.69423907715893078616e-13;
        if (LogSpecial(ref x, out var hx, out var k) is { } special) return special;
        var i = (int)(((uint)k & 0x80000000) >> 31);
        hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
        double y = k + i;
        x = WithHigh(x, hx);
        var z = y * Log10Of2Lo + InvLn10 * Log(x);
        return z + y * Log10Of2Hi;
    }

    private static readonly double[] AtanHi = [4.63647609000806093515e-01, 7.85398163397448278999e-01, 9.82793723247329054082e-01, 1.57079632679489655800e+00];
    private static readonly double[] AtanLo = [2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17, 6.12323399573676603587e-17];
    private static readonly double[] AtanT =
    [
        3.33333333333329318027e-01, -1.99999999998764832476e-01, 1.42857142725034663711e-01, -1.11111104054623557880e-01,
        9.09088713343650656196e-02, -7.69187620504482999495e-02, 6.66107313738753120669e-02, -5.83357013379057348645e-02,
        4.97687799461593236017e-02, -3.65315727442169155270e-02, 1.62858201153657823623e-02,
    ];

    /// <summary>arctan x: reduced to [0, 7/16] around atan(1/2), atan(1), atan(3/2) or atan(∞), then an odd polynomial.</summary>
    public static double Atan(double x)
    {
        var hx = High(x);
        var ix = hx & 0x7fffffff;
        int id;
        if (ix >= 0x44100000) // |x| ≥ 2^66
        {
            if (ix > 0x7ff00000 || (ix == 0x7ff00000 && Low(x) != 0)) return x + x;
            return hx > 0 ? AtanHi[3] + AtanLo[3] : -AtanHi[3] - AtanLo[3];
        }
        if (ix < 0x3fdc0000) // |x| < 0.4375
        {
            if (ix < 0x3e200000) return x; // |x| < 2^-29
            id = -1;
        }
        else
        {
            x = Math.Abs(x);
            if (ix < 0x3ff30000) // |x| < 1.1875
            {
                if (ix < 0x3fe60000) { id = 0; x = (2.0 * x - 1.0) / (2.0 + x); }
                else { id = 1; x = (x - 1.0) / (x + 1.0); }
            }
            else if (ix < 0x40038000) { id = 2; x = (x - 1.5) / (1.0 + 1.5 * x); } // |x| < 2.4375
            else { id = 3; x = -1.0 / x; }
        }
        var z = x * x;
        var w = z * z;
        var s1 = z * (AtanT[0] + w * (AtanT[2] + w * (AtanT[4] + w * (AtanT[6] + w * (AtanT[8] + w * AtanT[10])))));
        var s2 = w * (AtanT[1] + w * (AtanT[3] + w * (AtanT[5] + w * (AtanT[7] + w * AtanT[9]))));
        if (id < 0) return x - x * (s1 + s2);
        z = AtanHi[id] - ((x * (s1 + s2) - AtanLo[id]) - x);
        return hx < 0 ? -z : z;
    }

    /// <summary>atan2(y, x) from <see cref="Atan"/>(|y/x|) and the quadrant, with IEEE's special cases.</summary>
    public static double Atan2(double y, double x)
    {
        const double Tiny = 1.0e-300, PiO4 = 7.8539816339744827900E-01, PiO2 = 1.5707963267948965580E+00, PiLo = 1.2246467991473531772E-16;
        var hx = High(x);
        var ix = hx & 0x7fffffff;
        var lx = (int)Low(x);
        var hy = High(y);
        var iy = hy & 0x7fffffff;
        var ly = (int)Low(y);
        if (double.IsNaN(x) || double.IsNaN(y)) return x + y;
        if (((hx - 0x3ff00000) | lx) == 0) return Atan(y); // x = 1
        var m = ((hy >> 31) & 1) | ((hx >> 30) & 2); // 2·sign(x) + sign(y)
        if ((iy | ly) == 0)
            return m switch { 0 or 1 => y, 2 => Math.PI + Tiny, _ => -Math.PI - Tiny };
        if ((ix | lx) == 0) return hy < 0 ? -PiO2 - Tiny : PiO2 + Tiny;
        if (ix == 0x7ff00000)
        {
            if (iy == 0x7ff00000)
                return m switch { 0 => PiO4 + Tiny, 1 => -PiO4 - Tiny, 2 => 3.0 * PiO4 + Tiny, _ => -3.0 * PiO4 - Tiny };
            return m switch { 0 => 0.0, 1 => -0.0, 2 => Math.PI + Tiny, _ => -Math.PI - Tiny };
        }
        if (iy == 0x7ff00000) return hy < 0 ? -PiO2 - Tiny : PiO2 + Tiny;
        var k = (iy - ix) >> 20;
        double z;
        if (k > 60) z = PiO2 + 0.5 * PiLo; // |y/x| > 2^60
        else if (hx < 0 && k < -60) z = 0.0; // |y|/x < -2^60
        else z = Atan(Math.Abs(y / x));
        return m switch
        {
            0 => z,
            1 => -z,
            2 => Math.PI - (z - PiLo),
            _ => (z - PiLo) - Math.PI,
        };
    }

    // asin and acos share R(z) = p(z)/q(z) ≈ (asin(√z) − √z)/√z³.
    private const double PS0 = 1.66666666666666657415e-01, PS1 = -3.25565818622400915405e-01, PS2 = 2.01212532134862925881e-01,
        PS3 = -4.00555345006794114027e-02, PS4 = 7.91534994289814532176e-04, PS5 = 3.47933107596021167570e-05,
        QS1 = -2.40339491173441421878e+00, QS2 = 2.02094576023350569471e+00, QS3 = -6.88283971605453293030e-01, QS4 = 7.70381505559019352791e-02;

    private static double P(double t) => t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
    private static double Q(double t) => 1.0 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));

    /// <summary>arcsin x: x + x³R(x²) for |x| &lt; 0.5, else π/2 − 2·asin(√((1−|x|)/2)) with √ split in two parts.</summary>
    public static double Asin(double x)
    {
        var hx = High(x);
        var ix = hx & 0x7fffffff;
        double t, w, p, q;
        if (ix >= 0x3ff00000) // |x| ≥ 1
        {
            if (((ix - 0x3ff00000) | (int)Low(x)) == 0) return x * PiO2Hi + x * PiO2Lo;
            return double.NaN;
        }
        if (ix < 0x3fe00000) // |x| < 0.5
        {
            if (ix < 0x3e400000) return x; // |x| < 2^-27
            t = x * x;
            w = P(t) / Q(t);
            return x + x * w;
        }
        w = 1.0 - Math.Abs(x);
        t = w * 0.5;
        p = P(t);
        q = Q(t);
        var s = Math.Sqrt(t);
        if (ix >= 0x3FEF3333) // |x| > 0.975
        {
            w = p / q;
            t = PiO2Hi - (2.0 * (s + s * w) - PiO2Lo);
        }
        else
        {
            w = FromWords(High(s), 0);
            var c = (t - w * w) / (s + w);
            var r = p / q;
            p = 2.0 * s * r - (PiO2Lo - 2.0 * c);
            q = PiO4Hi - 2.0 * w;
            t = PiO4Hi - (p - q);
        }
        return hx > 0 ? t : -t;
    }

    /// <summary>arccos x = π/2 − asin x, computed per range (|x| &lt; 0.5, x &lt; −0.5, x &gt; 0.5) to keep the bits.</summary>
    public static double Acos(double x)
    {
        var hx = High(x);
        var ix = hx & 0x7fffffff;
        if (ix >= 0x3ff00000) // |x| ≥ 1
        {
            if (((ix - 0x3ff00000) | (int)Low(x)) == 0) return hx > 0 ? 0.0 : Math.PI + 2.0 * PiO2Lo;
            return double.NaN;
        }
        double z, r, w, s;
        if (ix < 0x3fe00000) // |x| < 0.5
        {
            if (ix <= 0x3c600000) return PiO2Hi + PiO2Lo; // |x| < 2^-57
            z = x * x;
            r = P(z) / Q(z);
            return PiO2Hi - (x - (PiO2Lo - x * r));
        }
        if (hx < 0) // x < −0.5
        {
            z = (1.0 + x) * 0.5;
            s = Math.Sqrt(z);
            r = P(z) / Q(z);
            w = r * s - PiO2Lo;
            return Math.PI - 2.0 * (s + w);
        }
        z = (1.0 - x) * 0.5; // x > 0.5
        s = Math.Sqrt(z);
        var df = FromWords(High(s), 0);
        var c = (z - df * df) / (s + df);
        r = P(z) / Q(z);
        w = r * s + c;
        return 2.0 * (df + w);
    }
}
