using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Tests.Decoder;

/// <summary>The 32-bit encoding table is consistent: lines are disjoint, well formed, and cover every operation.</summary>
public sealed class OpcodeTableTests
{
    private static readonly Encoding[] Table = OpcodeTable.All;

    [Fact]
    public void NoTwoEncodingsOverlap()
    {
        var problems = new List<string>();
        for (var i = 0; i < Table.Length; i++)
            for (var j = i + 1; j < Table.Length; j++)
            {
                var (a, b) = (Table[i], Table[j]);
                // Disjoint: some bit both masks fix has different values in the two matches.
                if (((a.Match ^ b.Match) & a.Mask & b.Mask) != 0) continue;
                // A strict refinement is fine only if the narrower line comes first (the decoder takes the first match).
                var aNarrower = (a.Mask & b.Mask) == b.Mask && a.Mask != b.Mask;
                if (aNarrower) continue;
                var bNarrower = (a.Mask & b.Mask) == a.Mask && a.Mask != b.Mask;
                problems.Add(bNarrower
                    ? $"{b.Name} refines {a.Name} but comes after it (unreachable)"
                    : $"{a.Name} ({a.Mask:x8}/{a.Match:x8}) overlaps {b.Name} ({b.Mask:x8}/{b.Match:x8})");
            }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryOperationHasALine()
    {
        var missing = Enum.GetValues<Op>().Where(op => op is not (Op.Undecoded or Op.Illegal))
            .Where(op => !Table.Any(e => e.Op == op)).ToArray();
        Assert.True(missing.Length == 0, $"no table line for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void LinesAreWellFormed()
    {
        foreach (var e in Table)
        {
            Assert.True((e.Match & ~e.Mask) == 0, $"{e.Name}: match has bits outside its mask");
            Assert.True((e.Mask & 0x7f) == 0x7f, $"{e.Name}: the mask must fix the major opcode (the decoder buckets by it)");
            Assert.True((e.Match & 3) == 3, $"{e.Name}: a 32-bit encoding ends in 11");
            Assert.True((e.Match & 0x1f) != 0x1f, $"{e.Name}: xxx11111 is the prefix of longer encodings");
        }
        Assert.Equal(Table.Length, Table.Select(e => e.Name).Distinct().Count());
        Assert.Equal(Table.Length, Table.Select(e => e.Op).Distinct().Count());
    }

    [Fact]
    public void EachLineDecodesToItsOwnOperation()
    {
        var rng = new Random(1);
        foreach (var e in Table)
            for (var k = 0; k < 64; k++)
            {
                var bits = e.Match | ((uint)rng.NextInt64() & ~e.Mask);
                Assert.Equal(e.Op, InstructionDecoder.Decode32(bits).Op);
            }
    }

    [Fact]
    public void LongerEncodingsAreIllegal()
    {
        // 48- and 64-bit encodings (low bits 011111, 0111111) are not RV64GC: the 32-bit decoder must not claim them.
        var rng = new Random(2);
        for (var k = 0; k < 4096; k++)
        {
            var bits = ((uint)rng.NextInt64() & ~0x1fu) | 0x1f;
            Assert.Equal(Op.Illegal, InstructionDecoder.Decode(bits).Op);
        }
    }

    [Fact]
    public void ZeroDestinationGoesToTheSink()
    {
        // x0 writes land in a slot nobody reads, so handlers can write unconditionally.
        Assert.Equal(Instruction.ZeroSink, InstructionDecoder.Decode32(0x00500013).Rd); // addi x0, x0, 5
        Assert.Equal(Instruction.ZeroSink, InstructionDecoder.Decode16(0x4015).Rd);     // c.li x0, 5 (a hint)
        Assert.Equal(0, InstructionDecoder.Decode32(0x00102023).Rd);                    // sw x1, 0(x0): no destination
    }
}
