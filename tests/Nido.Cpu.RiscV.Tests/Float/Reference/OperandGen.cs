namespace Nido.Cpu.RiscV.Tests.Float.Reference;

/// <summary>
/// Random operands weighted towards the hard cases: subnormals, both ends of the exponent range, sparse
/// and saturated significands, specials, and operand pairs built to cancel, tie or land on a boundary.
/// </summary>
internal sealed class OperandGen(RefFormat f, int seed)
{
    readonly Random rng = new(seed);
    readonly int mantBits = f.Precision - 1;
    readonly int maxField = (1 << f.ExpBits) - 2;

    ulong MantMask => (1UL << mantBits) - 1;
    ulong WidthMask => f.Width == 64 ? ulong.MaxValue : (1UL << f.Width) - 1;
    ulong RandomBits() => (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);

    ulong Make(bool neg, int field, ulong mant) =>
        (neg ? f.SignBit : 0) | ((ulong)field << mantBits) | (mant & MantMask);

    ulong Mantissa() => rng.Next(8) switch
    {
        0 => 0,
        1 => MantMask,
        2 => (ulong)rng.Next(4),
        3 => MantMask - (ulong)rng.Next(4),
        4 => Sparse(),
        5 => MantMask ^ Sparse(),
        _ => RandomBits() & MantMask,
    };

    ulong Sparse()
    {
        ulong m = 0;
        for (int i = rng.Next(1, 4); i > 0; i--) m |= 1UL << rng.Next(mantBits);
        return m;
    }

    bool Sign() => rng.Next(2) == 0;

    /// <summary>One operand, finite or not.</summary>
    public ulong Next() => rng.Next(12) switch
    {
        0 => RandomBits() & WidthMask,
        1 => Make(Sign(), 0, Mantissa()),
        2 => Make(Sign(), rng.Next(1, 4), Mantissa()),
        3 => Make(Sign(), maxField - rng.Next(3), Mantissa()),
        4 => Make(Sign(), f.Bias + rng.Next(-4, 5), Mantissa()),
        5 => Special(),
        _ => Make(Sign(), rng.Next(0, maxField + 1), Mantissa()),
    };

    /// <summary>One finite operand.</summary>
    public ulong NextFinite()
    {
        while (true)
        {
            ulong v = Next();
            if (f.IsFinite(v)) return v;
        }
    }

    ulong Special() => rng.Next(8) switch
    {
        0 => Make(Sign(), 0, 0),
        1 => Make(Sign(), maxField + 1, 0),
        2 => f.CanonicalNaN | (Sign() ? f.SignBit : 0),
        3 => Make(Sign(), maxField + 1, 1UL << rng.Next(mantBits - 1)), // signaling NaN
        4 => Make(Sign(), maxField + 1, (RandomBits() & MantMask) | 1),
        5 => Make(Sign(), 0, 1),
        6 => Make(Sign(), maxField, MantMask),
        _ => Make(Sign(), 1, 0),
    };

    /// <summary>An operand placed relative to a: near its negation (cancellation), or scaled down by a
    /// chosen number of binades (alignment boundaries, half-ulp ties), or independent.</summary>
    public ulong Related(ulong a)
    {
        int field = (int)((a & ~f.SignBit) >> mantBits);
        ulong mant = a & MantMask;
        return rng.Next(6) switch
        {
            0 => a ^ f.SignBit,
            1 => ((a ^ f.SignBit) + (ulong)rng.Next(-3, 4)) & WidthMask,
            2 => Make(Sign(), Math.Clamp(field - Shift(), 0, maxField), Mantissa()),
            3 => Make(Sign(), Math.Clamp(field - mantBits - 1 + rng.Next(-1, 2), 0, maxField), rng.Next(3) == 0 ? 0 : Mantissa()),
            4 => Make(!f.IsNeg(a), field, mant ^ (RandomBits() & ((1UL << rng.Next(1, mantBits)) - 1))),
            _ => Next(),
        };
    }

    int Shift() => rng.Next(10) switch
    {
        0 => rng.Next(0, 3),
        1 => 28 + rng.Next(-1, 3),
        2 => f.Precision + rng.Next(-2, 3),
        3 => 64 + rng.Next(-2, 3),
        4 => 2 * f.Precision + rng.Next(-2, 3),
        5 => 125 + rng.Next(-3, 4),
        _ => rng.Next(0, 200),
    };

    public int NextInt(int max) => rng.Next(max);

    public int NextInt(int min, int max) => rng.Next(min, max);

    /// <summary>The unbiased exponent of a pattern's exponent field (subnormals count as emin).</summary>
    public int ExponentOf(ulong a) => Math.Max((int)((a & ~f.SignBit) >> mantBits), 1) - f.Bias;

    /// <summary>A random-signed operand with exponent e, clamped into the finite range.</summary>
    public ulong WithExponent(int e) => Make(Sign(), Math.Clamp(e + f.Bias, 0, maxField), Mantissa());

    /// <summary>An exponent at which results overflow or become tiny, give or take a few binades.</summary>
    public int EdgeExponent() => rng.Next(3) switch
    {
        0 => f.Emax + rng.Next(-2, 2),
        _ => f.Emin + rng.Next(-f.Precision - 3, 3),
    };
}
