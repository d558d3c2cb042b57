using System.Numerics;
using System.Text;
using Nido.Cpu.RiscV.Float;
using Nido.Cpu.RiscV.Tests.Float.Reference;

namespace Nido.Cpu.RiscV.Tests.Float;

/// <summary>FCVT between floats and integers, both formats and all modes, against the reference model.</summary>
public class ConversionOracleTests
{
    [Theory, MemberData(nameof(ReferenceOracleTests.FormatsAndModes), MemberType = typeof(ReferenceOracleTests))]
    public void Float_to_integer_matches_reference(int width, RoundingMode rm)
    {
        RefFormat f = width == 64 ? RefFormat.Double : RefFormat.Single;
        var g = new OperandGen(f, HashCode.Combine(width, (int)rm, 11));
        var failures = new StringBuilder();
        int failed = 0;
        for (int i = 0; i < ReferenceOracleTests.Cases; i++)
        {
            ulong a = g.NextInt(3) == 0 ? g.Next() : g.WithExponent(g.NextInt(-3, 66));
            foreach (var (name, min, max) in Targets)
            {
                var expected = RefOps.ToInteger(f, a, min, max, rm);
                var actual = Convert(width, name, a, rm);
                if (actual == expected) continue;
                if (++failed <= 12) failures.AppendLine($"{name}({a:x}): expected {expected}, got {actual}");
            }
        }
        Assert.True(failed == 0, $"{failed} conversions differ in {rm}:\n{failures}");
    }

    static readonly (string, BigInteger, BigInteger)[] Targets =
    [
        ("w", int.MinValue, int.MaxValue),
        ("wu", 0, uint.MaxValue),
        ("l", long.MinValue, long.MaxValue),
        ("lu", 0, ulong.MaxValue),
    ];

    static (BigInteger, FpFlags) Convert(int width, string target, ulong a, RoundingMode rm)
    {
        FpFlags fl = 0;
        BigInteger value = (width, target) switch
        {
            (64, "w") => F64.ToInt32(a, rm, ref fl),
            (64, "wu") => F64.ToUInt32(a, rm, ref fl),
            (64, "l") => F64.ToInt64(a, rm, ref fl),
            (64, "lu") => F64.ToUInt64(a, rm, ref fl),
            (_, "w") => F32.ToInt32((uint)a, rm, ref fl),
            (_, "wu") => F32.ToUInt32((uint)a, rm, ref fl),
            (_, "l") => F32.ToInt64((uint)a, rm, ref fl),
            _ => F32.ToUInt64((uint)a, rm, ref fl),
        };
        return (value, fl);
    }

    [Theory, MemberData(nameof(ReferenceOracleTests.FormatsAndModes), MemberType = typeof(ReferenceOracleTests))]
    public void Integer_to_float_matches_reference(int width, RoundingMode rm)
    {
        RefFormat f = width == 64 ? RefFormat.Double : RefFormat.Single;
        var rng = new Random(HashCode.Combine(width, (int)rm, 12));
        var failures = new StringBuilder();
        int failed = 0;
        for (int i = 0; i < ReferenceOracleTests.Cases; i++)
        {
            // Magnitudes of every bit length, often with a short run of significant bits (ties).
            ulong bits = (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);
            bits >>= rng.Next(64);
            if (rng.Next(2) == 0) bits &= ~((1UL << rng.Next(64)) - 1) | (uint)rng.Next(2);
            foreach (string source in new[] { "w", "wu", "l", "lu" })
            {
                BigInteger value = source switch
                {
                    "w" => (int)bits,
                    "wu" => (uint)bits,
                    "l" => (long)bits,
                    _ => bits,
                };
                var expected = RefOps.FromInteger(f, value, rm);
                FpFlags fl = 0;
                ulong actual = (width, source) switch
                {
                    (64, "w") => F64.FromInt32((int)bits, rm, ref fl),
                    (64, "wu") => F64.FromUInt32((uint)bits, rm, ref fl),
                    (64, "l") => F64.FromInt64((long)bits, rm, ref fl),
                    (64, _) => F64.FromUInt64(bits, rm, ref fl),
                    (_, "w") => F32.FromInt32((int)bits, rm, ref fl),
                    (_, "wu") => F32.FromUInt32((uint)bits, rm, ref fl),
                    (_, "l") => F32.FromInt64((long)bits, rm, ref fl),
                    _ => F32.FromUInt64(bits, rm, ref fl),
                };
                if ((actual, fl) == expected) continue;
                if (++failed <= 12) failures.AppendLine($"{source} {value}: expected {expected.Item1:x} {expected.Item2}, got {actual:x} {fl}");
            }
        }
        Assert.True(failed == 0, $"{failed} conversions differ in {rm}:\n{failures}");
    }
}
