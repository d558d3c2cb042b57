namespace Nido.Jvm.Natives;

/// <summary>
/// StrictMath.sin, cos and tan as fdlibm 5.3 computes them (s_sin.c, s_cos.c, s_tan.c, k_sin.c, k_cos.c, k_tan.c,
/// e_rem_pio2.c, k_rem_pio2.c): x reduced to y0 + y1 = x − n·π/2 with |y| ≤ π/4 — directly for small x, by 2/π in
/// 24-bit pieces for large x — then the kernel polynomial chosen by n mod 4.
/// </summary>
internal static partial class FdLibm
{
    public static double Sin(double x)
    {
        var ix = High(x) & 0x7fffffff;
        if (ix <= 0x3fe921fb) return KernelSin(x, 0.0, false);
        if (ix >= 0x7ff00000) return x - x;
        var n = RemPio2(x, out var y0, out var y1);
        return (n & 3) switch
        {
            0 => KernelSin(y0, y1, true),
            1 => KernelCos(y0, y1),
            2 => -KernelSin(y0, y1, true),
            _ => -KernelCos(y0, y1),
        };
    }

    public static double Cos(double x)
    {
        var ix = High(x) & 0x7fffffff;
        if (ix <= 0x3fe921fb) return KernelCos(x, 0.0);
        if (ix >= 0x7ff00000) return x - x;
        var n = RemPio2(x, out var y0, out var y1);
        return (n & 3) switch
        {
            0 => KernelCos(y0, y1),
            1 => -KernelSin(y0, y1, true),
            2 => -KernelCos(y0, y1),
            _ => KernelSin(y0, y1, true),
        };
    }

    public static double Tan(double x)
    {
        var ix = High(x) & 0x7fffffff;
        if (ix <= 0x3fe921fb) return KernelTan(x, 0.0, 1);
        if (ix >= 0x7ff00000) return x - x;
        var n = RemPio2(x, out var y0, out var y1);
        return KernelTan(y0, y1, 1 - ((n & 1) << 1)); // tan for even n, −1/tan for odd
    }

    /// <summary>sin(x + y) on [−π/4, π/4], y the tail of x (ignored unless <paramref name="hasTail"/>): a degree-13 odd polynomial.</summary>
    private static double KernelSin(double x, double y, bool hasTail)
    {
        const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03, S3 = -1.98412698298579493134e-04,
            S4 = 2.75573137070700676789e-06, S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
        var ix = High(x) & 0x7fffffff;
        if (ix < 0x3e400000 && (int)x == 0) return x; // |x| < 2^-27
        var z = x * x;
        var v = z * x;
        var r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        if (!hasTail) return x + v * (S1 + z * r);
        return x - ((z * (0.5 * y - v * r) - y) - v * S1);
    }

    /// <summary>cos(x + y) on [−π/4, π/4]: 1 − x²/2 + a degree-14 even polynomial, with 1 − x²/2 split for |x| ≥ 0.3.</summary>
    private static double KernelCos(double x, double y)
    {
        const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03, C3 = 2.48015872894767294178e-05,
            C4 = -2.75573143513906633035e-07, C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
        var ix = High(x) & 0x7fffffff;
        if (ix < 0x3e400000 && (int)x == 0) return 1.0; // |x| < 2^-27
        var z = x * x;
        var r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        if (ix < 0x3FD33333) return 1.0 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
        var qx = ix > 0x3fe90000 ? 0.28125 : FromWords(ix - 0x00200000, 0); // x/4 without its low word
        var hz = 0.5 * z - qx;
        var a = 1.0 - qx;
        return a - (hz - (z * r - x * y));
    }

    private static readonly double[] TanT =
    [
        3.33333333333334091986e-01, 1.33333333333201242699e-01, 5.39682539762260521377e-02, 2.18694882948595424599e-02,
        8.86323982359930005737e-03, 3.59207910759131235356e-03, 1.45620945432529025516e-03, 5.88041240820264096874e-04,
        2.46463134818469906812e-04, 7.81794442939557092300e-05, 7.14072491382608190305e-05, -1.85586374855275456654e-05,
        2.59073051863633712884e-05,
    ];

    /// <summary>tan(x + y) (<paramref name="iy"/> = 1) or −1/tan(x + y) (−1) on [−π/4, π/4]; near π/4 through tan(π/4 − x).</summary>
    private static double KernelTan(double x, double y, int iy)
    {
        const double PiO4 = 7.85398163397448278999e-01, PiO4Lo = 3.06161699786838301793e-17;
        double z, r, v, w, s;
        var hx = High(x);
        var ix = hx & 0x7fffffff;
        if (ix < 0x3e300000 && (int)x == 0) // |x| < 2^-28
        {
            if (((ix | (int)Low(x)) | (iy + 1)) == 0) return 1.0 / Math.Abs(x);
            if (iy == 1) return x;
            return NegativeReciprocal(x + y, x, y);
        }
        if (ix >= 0x3FE59428) // |x| ≥ 0.6744
        {
            if (hx < 0) { x = -x; y = -y; }
            z = PiO4 - x;
            w = PiO4Lo - y;
            x = z + w;
            y = 0.0;
        }
        z = x * x;
        w = z * z;
        r = TanT[1] + w * (TanT[3] + w * (TanT[5] + w * (TanT[7] + w * (TanT[9] + w * TanT[11]))));
        v = z * (TanT[2] + w * (TanT[4] + w * (TanT[6] + w * (TanT[8] + w * (TanT[10] + w * TanT[12])))));
        s = z * x;
        r = y + z * (s * (r + v) + y);
        r += TanT[0] * s;
        w = x + r;
        if (ix >= 0x3FE59428)
        {
            v = iy;
            return (1 - ((hx >> 30) & 2)) * (v - 2.0 * (x - (w * w / (w + v) - r)));
        }
        return iy == 1 ? w : NegativeReciprocal(w, x, r);
    }

    /// <summary>−1/w for w = x + r, computed with w and −1/w split so the result stays within an ulp.</summary>
    private static double NegativeReciprocal(double w, double x, double r)
    {
        var z = FromWords(High(w), 0);
        var v = r - (z - x);
        var a = -1.0 / w;
        var t = FromWords(High(a), 0);
        var s = 1.0 + t * z;
        return t + a * (s + t * v);
    }

    /// <summary>2/π in 24-bit pieces (396 hex digits).</summary>
    private static readonly int[] TwoOverPi =
    [
        0xA2F983, 0x6E4E44, 0x1529FC, 0x2757D1, 0xF534DD, 0xC0DB62, 0x95993C, 0x439041, 0xFE5163, 0xABDEBB, 0xC561B7,
        0x246E3A, 0x424DD2, 0xE00649, 0x2EEA09, 0xD1921C, 0xFE1DEB, 0x1CB129, 0xA73EE8, 0x8235F5, 0x2EBB44, 0x84E99C,
        0x7026B4, 0x5F7E41, 0x3991D6, 0x398353, 0x39F49C, 0x845F8B, 0xBDF928, 0x3B1FF8, 0x97FFDE, 0x05980F, 0xEF2F11,
        0x8B5A0A, 0x6D1F6D, 0x367ECF, 0x27CB09, 0xB74F46, 0x3F669E, 0x5FEA2D, 0x7527BA, 0xC7EBE5, 0xF17B3D, 0x0739F7,
        0x8A5292, 0xEA6BFB, 0x5FB11F, 0x8D5D08, 0x560330, 0x46FC7B, 0x6BABF0, 0xCFBC20, 0x9AF436, 0x1DA9E3, 0x91615E,
        0xE61B08, 0x659985, 0x5F14A0, 0x68408D, 0xFFD880, 0x4D7327, 0x310606, 0x1556CA, 0x73A8C9, 0x60E27B, 0xC08C6B,
    ];

    /// <summary>High words of n·π/2 for n = 1 … 32: a reduction whose n lands on one of these may cancel.</summary>
    private static readonly int[] NPiO2High =
    [
        0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB, 0x402921FB, 0x402C463A,
        0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A,
        0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C, 0x4043A28C, 0x40446B9C, 0x404534AC,
        0x4045FDBB, 0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB,
    ];

    /// <summary>x = n·π/2 + (y0 + y1), |y0 + y1| ≤ π/4; returns n (only its low bits matter to the callers).</summary>
    private static int RemPio2(double x, out double y0, out double y1)
    {
        const double InvPio2 = 6.36619772367581382433e-01, Pio2_1 = 1.57079632673412561417e+00, Pio2_1t = 6.07710050650619224932e-11,
            Pio2_2 = 6.07710050630396597660e-11, Pio2_2t = 2.02226624879595063154e-21, Pio2_3 = 2.02226624871116645580e-21,
            Pio2_3t = 8.47842766036889956997e-32, Two24 = 1.67772160000000000000e+07;
        var hx = High(x);
        var ix = hx & 0x7fffffff;
        double z, w, t, r;
        if (ix <= 0x3fe921fb) { y0 = x; y1 = 0; return 0; }
        if (ix < 0x4002d97c) // |x| < 3π/4: n = ±1, π/2 in 33 + 53 bits (33 + 33 + 53 next to π/2)
        {
            var sign = hx > 0 ? 1.0 : -1.0;
            z = x - sign * Pio2_1;
            if (ix != 0x3ff921fb)
            {
                y0 = z - sign * Pio2_1t;
                y1 = (z - y0) - sign * Pio2_1t;
            }
            else
            {
                z -= sign * Pio2_2;
                y0 = z - sign * Pio2_2t;
                y1 = (z - y0) - sign * Pio2_2t;
            }
            return hx > 0 ? 1 : -1;
        }
        if (ix <= 0x413921fb) // |x| ≤ 2^19·π/2: medium, up to three rounds of π/2 in 33-bit pieces
        {
            t = Math.Abs(x);
            var n = (int)(t * InvPio2 + 0.5);
            double fn = n;
            r = t - fn * Pio2_1;
            w = fn * Pio2_1t;
            if (n < 32 && ix != NPiO2High[n - 1])
            {
                y0 = r - w;
            }
            else
            {
                var j = ix >> 20;
                y0 = r - w;
                var i = j - ((High(y0) >> 20) & 0x7ff);
                if (i > 16)
                {
                    t = r;
                    w = fn * Pio2_2;
                    r = t - w;
                    w = fn * Pio2_2t - ((t - r) - w);
                    y0 = r - w;
                    i = j - ((High(y0) >> 20) & 0x7ff);
                    if (i > 49)
                    {
                        t = r;
                        w = fn * Pio2_3;
                        r = t - w;
                        w = fn * Pio2_3t - ((t - r) - w);
                        y0 = r - w;
                    }
                }
            }
            y1 = (r - y0) - w;
            if (hx >= 0) return n;
            y0 = -y0;
            y1 = -y1;
            return -n;
        }
        if (ix >= 0x7ff00000) { y0 = y1 = x - x; return 0; }
        // Large: |x| as three 24-bit pieces scaled by 2^e0, reduced against 2/π.
        var e0 = (ix >> 20) - 1046;
        z = FromWords(ix - (e0 << 20), Low(x));
        Span<double> tx = stackalloc double[3];
        for (var i = 0; i < 2; i++)
        {
            tx[i] = (int)z;
            z = (z - tx[i]) * Two24;
        }
        tx[2] = z;
        var nx = 3;
        while (tx[nx - 1] == 0.0) nx--;
        var q = KernelRemPio2(tx, e0, nx, out y0, out y1);
        if (hx >= 0) return q;
        y0 = -y0;
        y1 = -y1;
        return -q;
    }

    /// <summary>
    /// k_rem_pio2.c at the precision e_rem_pio2.c asks for (prec 2, jk 4): the integer part mod 8 and the fraction of (2/π)·x, where
    /// x[0..nx) are 24-bit pieces of the argument scaled by 2^e0, skipping the part of 2/π that only adds
    /// multiples of 8; the fraction times π/2 in y0 + y1.
    /// </summary>
    private static int KernelRemPio2(ReadOnlySpan<double> x, int e0, int nx, out double y0, out double y1)
    {
        const double Two24 = 1.67772160000000000000e+07, TwoN24 = 5.96046447753906250000e-08;
        ReadOnlySpan<double> pio2 =
        [
            1.57079625129699707031e+00, 7.54978941586159635335e-08, 5.39030252995776476554e-15, 3.28200341580791294123e-22,
            1.27065575308067607349e-29, 1.22933308981111328932e-36, 2.73370053816464559624e-44, 2.16741683877804819444e-51,
        ];
        const int jk = 4, jp = jk; // e_rem_pio2.c asks for precision 2 (64 bits): jk = 4
        Span<int> iq = stackalloc int[20];
        Span<double> f = stackalloc double[20];
        Span<double> fq = stackalloc double[20];
        Span<double> q = stackalloc double[20];
        var jx = nx - 1;
        var jv = Math.Max(0, (e0 - 3) / 24);
        var q0 = e0 - 24 * (jv + 1);
        for (int i = 0, j = jv - jx; i <= jx + jk; i++, j++) f[i] = j < 0 ? 0.0 : TwoOverPi[j];
        for (var i = 0; i <= jk; i++)
        {
            var fw = 0.0;
            for (var j = 0; j <= jx; j++) fw += x[j] * f[jx + i - j];
            q[i] = fw;
        }
        var jz = jk;
        double z;
        int n, ih;
        while (true)
        {
            // Distil q[] into 24-bit integers in iq[], last first.
            z = q[jz];
            for (int i = 0, j = jz; j > 0; i++, j--)
            {
                double fw = (int)(TwoN24 * z);
                iq[i] = (int)(z - Two24 * fw);
                z = q[j - 1] + fw;
            }
            z = Math.ScaleB(z, q0);
            z -= 8.0 * Math.Floor(z * 0.125); // drop what is a multiple of 8
            n = (int)z;
            z -= n;
            ih = 0;
            if (q0 > 0)
            {
                var i = iq[jz - 1] >> (24 - q0);
                n += i;
                iq[jz - 1] -= i << (24 - q0);
                ih = iq[jz - 1] >> (23 - q0);
            }
            else if (q0 == 0) ih = iq[jz - 1] >> 23;
            else if (z >= 0.5) ih = 2;

            if (ih > 0) // the fraction is ≥ 0.5: take 1 − it and round n up
            {
                n += 1;
                var carry = 0;
                for (var i = 0; i < jz; i++)
                {
                    var j = iq[i];
                    if (carry == 0)
                    {
                        if (j != 0) { carry = 1; iq[i] = 0x1000000 - j; }
                    }
                    else iq[i] = 0xffffff - j;
                }
                if (q0 == 1) iq[jz - 1] &= 0x7fffff;
                else if (q0 == 2) iq[jz - 1] &= 0x3fffff;
                if (ih == 2)
                {
                    z = 1.0 - z;
                    if (carry != 0) z -= Math.ScaleB(1.0, q0);
                }
            }
            if (z != 0.0) break;
            var any = 0;
            for (var i = jz - 1; i >= jk; i--) any |= iq[i];
            if (any != 0) break;
            // All fraction bits cancelled: take more terms of 2/π and go again.
            var k = 1;
            while (iq[jk - k] == 0) k++;
            for (var i = jz + 1; i <= jz + k; i++)
            {
                f[jx + i] = TwoOverPi[jv + i];
                var fw = 0.0;
                for (var j = 0; j <= jx; j++) fw += x[j] * f[jx + i - j];
                q[i] = fw;
            }
            jz += k;
        }
        if (z == 0.0)
        {
            jz -= 1;
            q0 -= 24;
            while (iq[jz] == 0) { jz--; q0 -= 24; }
        }
        else
        {
            z = Math.ScaleB(z, -q0);
            if (z >= Two24)
            {
                double fw = (int)(TwoN24 * z);
                iq[jz] = (int)(z - Two24 * fw);
                jz += 1;
                q0 += 24;
                iq[jz] = (int)fw;
            }
            else iq[jz] = (int)z;
        }
        var scale = Math.ScaleB(1.0, q0);
        for (var i = jz; i >= 0; i--)
        {
            q[i] = scale * iq[i];
            scale *= TwoN24;
        }
        for (var i = jz; i >= 0; i--)
        {
            var fw = 0.0;
            for (var k = 0; k <= jp && k <= jz - i; k++) fw += pio2[k] * q[i + k];
            fq[jz - i] = fw;
        }
        var sum = 0.0;
        for (var i = jz; i >= 0; i--) sum += fq[i];
        y0 = ih == 0 ? sum : -sum;
        sum = fq[0] - sum;
        for (var i = 1; i <= jz; i++) sum += fq[i];
        y1 = ih == 0 ? sum : -sum;
        return n & 7;
    }
}
