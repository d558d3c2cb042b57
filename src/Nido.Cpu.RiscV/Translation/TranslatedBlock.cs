namespace Nido.Cpu.RiscV.Translation;

/// <summary>
/// Translated guest code: runs the hart from <paramref name="pc"/> (the region's entry, whose bytes it was
/// translated from) until it leaves the region, takes a trap or has spent the budget at a backward branch; then Pc, the registers and the retired count are the interpreter's. Code is position-independent
/// (every address is computed from <paramref name="pc"/>), so one translation serves every virtual address the
/// physical page is mapped at.
/// </summary>
public delegate void TranslatedCode(Hart hart, ulong pc);

/// <summary>
/// One translated region of a physical page: its code and a copy of the bytes it was translated from
/// (<see cref="Start"/> on), which are compared with memory when the hart's code generation moved on (FENCE.I).
/// </summary>
public sealed class TranslatedBlock(TranslatedCode code, int start, byte[] bytes, long generation, bool quick = false)
{
    /// <summary>Compiled without optimization: to be compiled again once it has retired enough instructions.</summary>
    public bool Quick { get; } = quick;

    /// <summary>Instructions retired in it while <see cref="Quick"/>, until the optimized one is requested.</summary>
    internal long Retired;

    public TranslatedCode Code { get; } = code;

    /// <summary>Page offset of the first byte the translation read.</summary>
    public int Start { get; } = start;

    public byte[] Bytes { get; } = bytes;

    /// <summary>The hart's code generation this block was last checked against.</summary>
    internal long Generation = generation;
}
