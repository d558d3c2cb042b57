namespace Nido.Cpu.RiscV.Jit;

/// <summary>How the translator works; <see cref="FromEnvironment"/> reads the knobs tests and benchmarks use.</summary>
public sealed record JitOptions
{
    /// <summary>
    /// Instructions interpreted from a region entry (each run up to the next head) before it is translated: a count
    /// of runs would ask as early for an entry of 3 instructions as for one of 100, which saves 30 times more.
    /// Not lower because .NET's JIT takes most of a millisecond per region even quick: booting Linux, lower
    /// thresholds leave the translator thread behind and higher ones leave too much interpreted. At most 65534.
    /// </summary>
    public int Threshold { get; init; } = 15_000;

    /// <summary>
    /// Instructions a quickly compiled region retires before it is compiled again, optimized; 0 compiles every
    /// region optimized at once. Quick code compiles in under half the time and runs a few times slower.
    /// </summary>
    public long TierUp { get; init; } = 300_000;

    /// <summary>Translate on the hart's thread at once instead of on the background translator thread.</summary>
    public bool Synchronous { get; init; }

    /// <summary>
    /// Null when NIDO_JIT=off (interpret only); NIDO_JIT=eager translates every region entry on first use, on the
    /// hart's thread (for tests: everything that can be translated is), optimized unless NIDO_JIT_TIERUP is set;
    /// NIDO_JIT_THRESHOLD=N sets the threshold and NIDO_JIT_TIERUP=N the tier-up count.
    /// </summary>
    public static JitOptions? FromEnvironment()
    {
        var mode = Environment.GetEnvironmentVariable("NIDO_JIT");
        switch (mode)
        {
            case "off" or "0": return null;
            case "eager": return new JitOptions { Threshold = 1, TierUp = Read("NIDO_JIT_TIERUP", 0, long.MaxValue) ?? 0, Synchronous = true };
            case null or "" or "on" or "1": break;
            default: throw new ArgumentException($"NIDO_JIT: \"{mode}\" is not on, off or eager");
        }
        var options = new JitOptions();
        if (Read("NIDO_JIT_THRESHOLD", 1, 65534) is { } threshold) options = options with { Threshold = (int)threshold };
        if (Read("NIDO_JIT_TIERUP", 0, long.MaxValue) is { } tierUp) options = options with { TierUp = tierUp };
        return options;
    }

    private static long? Read(string name, long min, long max)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(text)) return null;
        if (!long.TryParse(text, out var n) || n < min || n > max)
            throw new ArgumentException(max == long.MaxValue
                ? $"{name}: \"{text}\" is not a number of at least {min}"
                : $"{name}: \"{text}\" is not a number from {min} to {max}");
        return n;
    }
}
