namespace Nido.Fuzz.Tests;

internal static class FuzzBudget
{
    /// <summary>Inputs per fuzz target: a bounded default for the suite, more with NIDO_FUZZ_ITERATIONS.</summary>
    public static int Iterations(int suiteDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("NIDO_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : suiteDefault;

    /// <summary>A fixed seed per target (reproducible failures), or NIDO_FUZZ_SEED to explore.</summary>
    public static Random Random(int targetSeed) =>
        new(int.TryParse(Environment.GetEnvironmentVariable("NIDO_FUZZ_SEED"), out var s) ? s ^ targetSeed : targetSeed);
}
