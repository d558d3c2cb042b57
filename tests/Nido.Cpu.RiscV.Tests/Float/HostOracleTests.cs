using System.Text;
using Nido.Cpu.RiscV.Float;
using Nido.Cpu.RiscV.Tests.Float.Reference;

namespace Nido.Cpu.RiscV.Tests.Float;

/// <summary>
/// In round-to-nearest-even the host's own IEEE arithmetic is an oracle for the value, on every operand
/// including NaN and ∞ (a host NaN must come out as the canonical NaN); the inexact flag is checked
/// against exactness computed with BigInteger rationals.
/// </summary>
public class HostOracleTests
{
    static readonly int Cases = ReferenceOracleTests.Cases * 10;

    public static TheoryData<int, string> FormatsAndOps()
    {
        var data = new TheoryData<int, string>();
        foreach (int width in new[] { 32, 64 })
            foreach (string op in new[] { "add", "mul", "div", "sqrt", "fma" })
                data.Add(width, op);
        return data;
    }

    [Theory, MemberData(nameof(FormatsAndOps))]
    public void Nearest_even_matches_host(int width, string op)
    {
        RefFormat f = width == 64 ? RefFormat.Double : RefFormat.Single;
        var g = new OperandGen(f, HashCode.Combine(width, op, 7));
        var failures = new StringBuilder();
        int failed = 0;
        for (int i = 0; i < Cases; i++)
        {
            ulong a = g.Next(), b = g.NextInt(2) == 0 ? g.Related(a) : g.Next(), c = g.Next();
            if (op == "fma" && g.NextInt(2) == 0) c = g.Related(Prod.Host(f, "mul", a, b, 0));
            ulong host = Prod.Host(f, op, a, b, c);
            if (f.IsNaN(host)) host = f.CanonicalNaN;
            var (value, flags) = op switch
            {
                "add" => Prod.Add(f, a, b, RoundingMode.Rne),
                "mul" => Prod.Mul(f, a, b, RoundingMode.Rne),
                "div" => Prod.Div(f, a, b, RoundingMode.Rne),
                "sqrt" => Prod.Sqrt(f, a, RoundingMode.Rne),
                _ => Prod.MulAdd(f, a, b, c, RoundingMode.Rne),
            };
            bool? inexact = Inexact(f, op, a, b, c, host);
            bool ok = value == host && (inexact is null || inexact == ((flags & FpFlags.NX) != 0));
            if (!ok && ++failed <= 12)
                failures.AppendLine($"a={a:x} b={b:x} c={c:x}: host {host:x} inexact={inexact}, got {value:x} {flags}");
        }
        Assert.True(failed == 0, $"{failed} of {Cases} differ:\n{failures}");
    }

    /// <summary>Whether the finite host result differs from the exact value; null when it is not finite.</summary>
    static bool? Inexact(RefFormat f, string op, ulong a, ulong b, ulong c, ulong result)
    {
        if (!f.IsFinite(result) || !f.IsFinite(a) || !f.IsFinite(b) || !f.IsFinite(c)) return null;
        var (mr, kr) = Signed(f, result);
        var (ma, ka) = Signed(f, a);
        var (mb, kb) = Signed(f, b);
        var (mc, kc) = Signed(f, c);
        // Compare result with the exact value as a rational n / d over a common power of two.
        return op switch
        {
            "add" => !SameDyadic((ma, ka), (mb, kb), (-mr, kr)),
            "mul" => !SameDyadic((ma * mb, ka + kb), (-mr, kr)),
            "fma" => !SameDyadic((ma * mb, ka + kb), (mc, kc), (-mr, kr)),
            "div" => mb.IsZero ? null : !SameDyadic((ma, ka), (-(mr * mb), kr + kb)),
            _ => ma.Sign < 0 ? null : !SameDyadic((ma, ka), (-(mr * mr), 2 * kr)),
        };
    }

    static (System.Numerics.BigInteger, int) Signed(RefFormat f, ulong bits)
    {
        var (m, k) = f.Decode(bits);
        return (f.IsNeg(bits) ? -m : m, k);
    }

    /// <summary>Whether the dyadic terms sum to zero.</summary>
    static bool SameDyadic(params (System.Numerics.BigInteger M, int K)[] terms)
    {
        int k = terms.Min(t => t.K);
        System.Numerics.BigInteger sum = 0;
        foreach (var t in terms) sum += t.M << (t.K - k);
        return sum.IsZero;
    }
}
