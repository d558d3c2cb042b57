namespace Nido.Cpu.RiscV.Jit;

/// <summary>How the translator works; <see cref="FromEnvironment"/> reads the knobs tests and benchmarks use.</summary>
public sealed record JitOptions
{
    /// <summary>
    /// Interpreted runs of a region entry before it is translated. High because .NET's JIT takes about a millisecond
    /// per region: booting Linux, 2000 beats 300 (the translator thread falls behind) and 20000 (too much stays
    /// interpreted).
    /// </summary>
    public int Threshold { get; init; } = 2000;

    /// <summary>Translate on the hart's thread at once instead of on the background translator thread.</summary>
    public bool Synchronous { get; init; }

    /// <summary>
    /// Null when NIDO_JIT=off (interpret only); NIDO_JIT=eager translates every region entry on first use, on the
    /// hart's thread (for tests: everything that can be translated is); NIDO_JIT_THRESHOLD=N sets the threshold.
    /// </summary>
    public static JitOptions? FromEnvironment()
    {
        var mode = Environment.GetEnvironmentVariable("NIDO_JIT");
        switch (mode)
        {
            case "off" or "0": return null;
            case "eager": return new JitOptions { Threshold = 1, Synchronous = true };
            case null or "" or "on" or "1": break;
            default: throw new ArgumentException($"NIDO_JIT: \"{mode}\" is not on, off or eager");
        }
        var threshold = Environment.GetEnvironmentVariable("NIDO_JIT_THRESHOLD");
        if (string.IsNullOrEmpty(threshold)) return new JitOptions();
        if (!int.TryParse(threshold, out var n) || n is < 1 or > 60000)
            throw new ArgumentException($"NIDO_JIT_THRESHOLD: \"{threshold}\" is not a number from 1 to 60000");
        return new JitOptions { Threshold = n };
    }
}
