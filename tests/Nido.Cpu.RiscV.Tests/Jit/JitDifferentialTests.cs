using Nido.Cpu.RiscV.Csr;
using Nido.Cpu.RiscV.Jit;
using Nido.Cpu.RiscV.Tests.Fuzz;
using Nido.Cpu.RiscV.Tests.Infrastructure;

namespace Nido.Cpu.RiscV.Tests.Jit;

/// <summary>
/// Translated code must do exactly what the interpreter does: random programs (<see cref="RandomProgram"/>) run
/// once interpreted and once with every region translated on first use, in one slice or in small random slices
/// (which end regions at backward branches), and the whole architectural state is compared where both stop. The
/// translated run compiles regions optimized at once (tier-up 0), quick only (tier-up never reached), or quick
/// and then optimized after a few dozen instructions, so the switch between the two happens mid-run.
/// </summary>
public sealed class JitDifferentialTests
{
    [Theory]
    [InlineData(false, 0L, 300)]
    [InlineData(true, 0L, 150)]
    [InlineData(false, long.MaxValue, 150)]
    [InlineData(true, 40L, 150)]
    public void TranslatedCodeMatchesTheInterpreter(bool smallSlices, long tierUp, int iterations)
    {
        iterations = FuzzBudget.Iterations(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var seed = FuzzBudget.Seed(smallSlices ? 71 : 70, i);
            var interpreted = Run(seed, translate: false, smallSlices);
            var translated = Run(seed, translate: true, smallSlices, tierUp);
            Assert.True(interpreted == translated, $"seed {seed} (tier-up {tierUp}): interpreter vs translated\n{Diff(interpreted, translated)}");
        }
    }

    /// <summary>Blocks cut at the size limit run on into the next block of the same region (a CIL branch).</summary>
    [Theory]
    [InlineData(0L)]
    [InlineData(long.MaxValue)]
    public void LongStraightLineCodeMatchesTheInterpreter(long tierUp)
    {
        var iterations = FuzzBudget.Iterations(60);
        for (var i = 0; i < iterations; i++)
        {
            var seed = FuzzBudget.Seed(72, i);
            var interpreted = Run(seed, translate: false, smallSlices: false, straightLine: true);
            var translated = Run(seed, translate: true, smallSlices: false, tierUp, straightLine: true);
            Assert.True(interpreted == translated, $"seed {seed} (tier-up {tierUp}): interpreter vs translated\n{Diff(interpreted, translated)}");
        }
    }

    [Fact]
    public void RegionsAreTranslatedAndRun()
    {
        var before = BlockJit.Statistics.Translated;
        var state = Run(1234, translate: true, smallSlices: false);
        Assert.True(BlockJit.Statistics.Translated > before, "nothing was translated");
        Assert.Equal(0, BlockJit.Statistics.Failed);
        Assert.NotEqual(0ul, state.Instret);
    }

    internal sealed record State(ulong Pc, PrivilegeMode Mode, string X, string F, ulong Mcause, ulong Mepc, ulong Mtval, ulong Fcsr, ulong Instret, string Data);

    private static State Run(int seed, bool translate, bool smallSlices, long tierUp = 0, bool straightLine = false)
    {
        var translator = translate ? new BlockJit(new JitOptions { Threshold = 1, TierUp = tierUp, Synchronous = true }) : null;
        using var m = new TestMachine(translator: translator);
        var program = new RandomProgram(new Random(seed), straightLine);
        program.Place(m, straightLine ? 700 : 200);
        var slices = new Random(seed ^ 0x511ce);
        for (var n = 0; n < 10_000; n++)
        {
            if (m.Hart.Run(smallSlices ? slices.Next(1, 20) : 1_000_000) == HartExit.WaitForInterrupt) break;
        }
        var data = m.Ram.Bytes.Slice((int)(RandomProgram.Data - TestMachine.RamBase), 0x2000);
        return new State(m.Hart.Pc, m.Hart.Mode,
            string.Join(" ", Enumerable.Range(0, 32).Select(r => m.Hart.GetX(r).ToString("x"))),
            string.Join(" ", Enumerable.Range(0, 32).Select(r => m.Hart.GetF(r).ToString("x"))),
            m.Csr(CsrAddress.Mcause), m.Csr(CsrAddress.Mepc), m.Csr(CsrAddress.Mtval), m.Csr(CsrAddress.Fcsr),
            m.Hart.InstructionsRetired, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(data)));
    }

    private static string Diff(State a, State b)
    {
        var lines = new List<string>();
        foreach (var p in typeof(State).GetProperties())
        {
            var (va, vb) = (p.GetValue(a)?.ToString(), p.GetValue(b)?.ToString());
            if (va == vb) continue;
            if (p.Name is "X" or "F")
            {
                var (ra, rb) = (va!.Split(' '), vb!.Split(' '));
                for (var r = 0; r < 32; r++)
                    if (ra[r] != rb[r]) lines.Add($"{p.Name[0]}{r}: {ra[r]} vs {rb[r]}");
            }
            else lines.Add($"{p.Name}: {va} vs {vb}");
        }
        return string.Join("\n", lines);
    }
}
