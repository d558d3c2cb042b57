namespace Nido.Cpu.RiscV.Translation;

/// <summary>
/// A hart's binary translator (the JIT in Nido.Cpu.RiscV.Jit, which needs CoreCLR). The hart asks for a region
/// once its entry is hot; the translator answers through <see cref="Hart.InstallTranslation"/>, now or later
/// from another thread, and the hart interprets meanwhile.
/// </summary>
public interface IBlockTranslator
{
    /// <summary>How many instructions the interpreter runs from a region entry (up to the next head) before it is requested.</summary>
    int Threshold { get; }

    /// <summary>Instructions a quickly compiled region retires before it is requested again, optimized (0: never).</summary>
    long TierUp { get; }

    void Request(TranslationRequest request);
}

/// <summary>
/// A hot entry point: the physical page's bytes as they were when it became hot, the entry's page offset, the
/// code generation they belong to, and whether to compile it optimized (else quick, to be asked again once hot).
/// </summary>
public sealed record TranslationRequest(Hart Hart, ulong PhysicalPage, int EntryOffset, byte[] Page, long Generation, bool Optimize = false);

/// <summary>How new harts get a translator: the process that hosts the JIT sets <see cref="Factory"/> once at start.</summary>
public static class Translators
{
    public static Func<Hart, IBlockTranslator?>? Factory { get; set; }
}
