using System.Text;
using Nido.Cpu.RiscV.Float;
using Nido.Cpu.RiscV.Tests.Float.Reference;

namespace Nido.Cpu.RiscV.Tests.Float;

/// <summary>
/// Randomised comparison of every arithmetic operation, both formats and all five rounding modes against
/// the independent BigInteger model in Reference/ (value and all flags), on operands built to hit ties,
/// cancellation, alignment boundaries, subnormals, tininess and overflow. NIDO_FP_CASES scales the count.
/// </summary>
public class ReferenceOracleTests
{
    internal static readonly int Cases =
        int.TryParse(Environment.GetEnvironmentVariable("NIDO_FP_CASES"), out int n) ? n : 15000;

    public static TheoryData<int, RoundingMode> FormatsAndModes()
    {
        var data = new TheoryData<int, RoundingMode>();
        foreach (int width in new[] { 32, 64 })
            foreach (RoundingMode rm in Enum.GetValues<RoundingMode>())
                data.Add(width, rm);
        return data;
    }

    static RefFormat Format(int width) => width == 64 ? RefFormat.Double : RefFormat.Single;

    [Theory, MemberData(nameof(FormatsAndModes))]
    public void Add_matches_reference(int width, RoundingMode rm)
    {
        RefFormat f = Format(width);
        Run(f, rm, 1, g =>
        {
            ulong a = g.Next();
            return (a, g.NextInt(2) == 0 ? g.Related(a) : g.Next(), 0);
        }, (a, b, _) => RefOps.Add(f, a, b, rm), (a, b, _) => Prod.Add(f, a, b, rm));
    }

    [Theory, MemberData(nameof(FormatsAndModes))]
    public void Mul_matches_reference(int width, RoundingMode rm)
    {
        RefFormat f = Format(width);
        Run(f, rm, 2, g =>
        {
            ulong a = g.Next();
            ulong b = g.NextInt(3) == 0 ? g.WithExponent(g.EdgeExponent() - g.ExponentOf(a)) : g.Next();
            return (a, b, 0);
        }, (a, b, _) => RefOps.Mul(f, a, b, rm), (a, b, _) => Prod.Mul(f, a, b, rm));
    }

    [Theory, MemberData(nameof(FormatsAndModes))]
    public void Div_matches_reference(int width, RoundingMode rm)
    {
        RefFormat f = Format(width);
        Run(f, rm, 3, g =>
        {
            ulong b = g.Next();
            ulong a = g.NextInt(4) switch
            {
                0 => g.WithExponent(g.EdgeExponent() + g.ExponentOf(b)),
                1 => Prod.Host(f, "mul", b, g.Next(), 0) + (ulong)g.NextInt(-2, 3),
                _ => g.Next(),
            };
            return (a & (f.SignBit | (f.SignBit - 1)), b, 0);
        }, (a, b, _) => RefOps.Div(f, a, b, rm), (a, b, _) => Prod.Div(f, a, b, rm));
    }

    [Theory, MemberData(nameof(FormatsAndModes))]
    public void Sqrt_matches_reference(int width, RoundingMode rm)
    {
        RefFormat f = Format(width);
        Run(f, rm, 4, g =>
        {
            ulong a = g.NextInt(3) == 0 ? Prod.Host(f, "mul", g.Next() & ~f.SignBit, 0, 0) : g.Next();
            if (g.NextInt(3) == 0)
            {
                ulong s = g.Next() & ~f.SignBit;
                a = (Prod.Host(f, "mul", s, s, 0) + (ulong)g.NextInt(-2, 3)) & (f.SignBit - 1);
            }
            return (a, 0, 0);
        }, (a, _, _) => RefOps.Sqrt(f, a, rm), (a, _, _) => Prod.Sqrt(f, a, rm));
    }

    [Theory, MemberData(nameof(FormatsAndModes))]
    public void MulAdd_matches_reference(int width, RoundingMode rm)
    {
        RefFormat f = Format(width);
        Run(f, rm, 5, g =>
        {
            ulong a = g.Next(), b = g.Next();
            ulong c = g.NextInt(4) switch
            {
                0 => g.Related(Prod.Host(f, "mul", a, b, 0)),
                1 => g.WithExponent(g.EdgeExponent()),
                2 => g.Related(a),
                _ => g.Next(),
            };
            if (g.NextInt(4) == 0) b = g.WithExponent(g.EdgeExponent() - g.ExponentOf(a));
            return (a, b, c);
        }, (a, b, c) => RefOps.MulAdd(f, a, b, c, rm), (a, b, c) => Prod.MulAdd(f, a, b, c, rm));
    }

    [Theory, MemberData(nameof(FormatsAndModes))]
    public void Narrowing_and_widening_match_reference(int width, RoundingMode rm)
    {
        // width names the source format here.
        RefFormat from = Format(width), to = width == 64 ? RefFormat.Single : RefFormat.Double;
        Run(from, rm, 6, g =>
        {
            ulong a = g.NextInt(3) == 0 && width == 64 ? g.WithExponent(g.NextInt(-160, 130)) : g.Next();
            return (a, 0, 0);
        }, (a, _, _) => RefOps.Convert(from, to, a, rm), (a, _, _) =>
        {
            FpFlags fl = 0;
            ulong r = width == 64 ? F32.FromF64(a, rm, ref fl) : F64.FromF32((uint)a, ref fl);
            return (r, fl);
        });
    }

    delegate (ulong A, ulong B, ulong C) Generate(OperandGen g);

    /// <summary>Runs the cases; failures are collected and reported together with their operands.</summary>
    static void Run(RefFormat f, RoundingMode rm, int op, Generate generate,
        Func<ulong, ulong, ulong, (ulong, FpFlags)?> reference, Func<ulong, ulong, ulong, (ulong, FpFlags)> production)
    {
        var g = new OperandGen(f, HashCode.Combine(f.Width, (int)rm, op));
        var failures = new StringBuilder();
        int failed = 0, compared = 0;
        for (int i = 0; i < Cases; i++)
        {
            var (a, b, c) = generate(g);
            var expected = reference(a, b, c);
            if (expected is null) continue;
            compared++;
            var actual = production(a, b, c);
            if (actual == expected.Value) continue;
            if (++failed <= 12)
                failures.AppendLine($"a={a:x} b={b:x} c={c:x}: expected {expected.Value.Item1:x} {expected.Value.Item2}, got {actual.Item1:x} {actual.Item2}");
        }
        Assert.True(failed == 0, $"{failed} of {compared} cases differ in {rm}:\n{failures}");
        Assert.True(compared > Cases / 3, $"only {compared} of {Cases} cases were comparable");
    }
}
