using System.Numerics;

namespace Nido.Cpu.RiscV.Tests.Float.Reference;

/// <summary>
/// A binary interchange format described from scratch for the reference model (deliberately not the
/// production IFloatFormat), with the decoding of a finite pattern into an exact dyadic value.
/// </summary>
internal sealed record RefFormat(int Precision, int ExpBits)
{
    public static readonly RefFormat Single = new(24, 8);
    public static readonly RefFormat Double = new(53, 11);

    public int Bias => (1 << (ExpBits - 1)) - 1;
    public int Emin => 1 - Bias;
    public int Emax => Bias;
    public int Width => Precision + ExpBits;
    public ulong SignBit => 1UL << (Width - 1);
    public ulong InfBits => ((1UL << ExpBits) - 1) << (Precision - 1);
    public ulong MaxFinite => InfBits - 1;
    public ulong CanonicalNaN => InfBits | (1UL << (Precision - 2));

    public bool IsNaN(ulong bits) => (bits & ~SignBit) > InfBits;
    public bool IsFinite(ulong bits) => (bits & ~SignBit) < InfBits;
    public bool IsZero(ulong bits) => (bits & ~SignBit) == 0;
    public bool IsNeg(ulong bits) => (bits & SignBit) != 0;

    /// <summary>|value| of a finite pattern as m × 2^k.</summary>
    public (BigInteger M, int K) Decode(ulong bits)
    {
        int field = (int)((bits & ~SignBit) >> (Precision - 1));
        BigInteger frac = bits & ((1UL << (Precision - 1)) - 1);
        return field == 0
            ? (frac, Emin - (Precision - 1))
            : (frac + (BigInteger.One << (Precision - 1)), field - Bias - (Precision - 1));
    }
}

/// <summary>A positive real number known exactly through floor(v × 2^s).</summary>
internal abstract class RefExact
{
    /// <summary>floor(v × 2^s) and whether v × 2^s is an integer.</summary>
    public abstract (BigInteger Floor, bool Exact) Scaled(int s);

    /// <summary>floor(log2 v), give or take a few.</summary>
    public abstract int Log2Estimate();

    /// <summary>floor(log2 v), found by checking 2^e ≤ v &lt; 2^(e+1) around the estimate.</summary>
    public int Log2()
    {
        int e = Log2Estimate();
        while (Scaled(-e).Floor.IsZero) e--;
        while (!Scaled(-e - 1).Floor.IsZero) e++;
        return e;
    }

    protected static (BigInteger, bool) FloorDiv(BigInteger n, BigInteger d) =>
        (BigInteger.DivRem(n, d, out BigInteger r), r.IsZero);

    protected static BigInteger Pow2(int n) => BigInteger.One << n;
}

/// <summary>m × 2^k with m &gt; 0.</summary>
internal sealed class RefDyadic(BigInteger m, int k) : RefExact
{
    public override (BigInteger Floor, bool Exact) Scaled(int s) =>
        k + s >= 0 ? (m << (k + s), true) : FloorDiv(m, Pow2(-(k + s)));

    public override int Log2Estimate() => (int)m.GetBitLength() - 1 + k;
}

/// <summary>(n / d) × 2^k with n, d &gt; 0.</summary>
internal sealed class RefQuotient(BigInteger n, BigInteger d, int k) : RefExact
{
    public override (BigInteger Floor, bool Exact) Scaled(int s) =>
        k + s >= 0 ? FloorDiv(n << (k + s), d) : FloorDiv(n, d << -(k + s));

    public override int Log2Estimate() => (int)n.GetBitLength() - (int)d.GetBitLength() + k;
}

/// <summary>sqrt(m × 2^k) with m &gt; 0.</summary>
internal sealed class RefRoot(BigInteger m, int k) : RefExact
{
    public override (BigInteger Floor, bool Exact) Scaled(int s)
    {
        // floor(sqrt(x)) = isqrt(floor(x)), and sqrt(x) is an integer only if x is.
        int t = k + 2 * s;
        (BigInteger x, bool integral) = t >= 0 ? (m << t, true) : FloorDiv(m, Pow2(-t));
        BigInteger r = ISqrt(x);
        return (r, integral && r * r == x);
    }

    public override int Log2Estimate() => ((int)m.GetBitLength() - 1 + k) / 2;

    static BigInteger ISqrt(BigInteger x)
    {
        if (x.IsZero) return x;
        BigInteger r = Pow2((int)((x.GetBitLength() + 1) / 2));
        while (true)
        {
            BigInteger next = (r + x / r) >> 1;
            if (next >= r) return r;
            r = next;
        }
    }
}
