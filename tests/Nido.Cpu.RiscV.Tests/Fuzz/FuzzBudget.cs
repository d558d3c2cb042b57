namespace Nido.Cpu.RiscV.Tests.Fuzz;

/// <summary>Seeds and iteration counts for the fuzzers: fixed by default (reproducible), wider on request.</summary>
internal static class FuzzBudget
{
    /// <summary>Iterations per target: the suite's default, or NIDO_FUZZ_ITERATIONS.</summary>
    public static int Iterations(int suiteDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("NIDO_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : suiteDefault;

    /// <summary>The seed of one iteration: fixed per target, or mixed with NIDO_FUZZ_SEED to explore.</summary>
    public static int Seed(int target, int iteration) =>
        unchecked(target * 1_000_003 + iteration * 7919) ^ (int.TryParse(Environment.GetEnvironmentVariable("NIDO_FUZZ_SEED"), out var s) ? s : 0);
}
