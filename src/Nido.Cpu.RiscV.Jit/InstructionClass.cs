using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>What the translator does with an operation.</summary>
internal enum Treatment
{
    /// <summary>Translated to CIL.</summary>
    Native,
    /// <summary>Inside a region, but executed by the interpreter (F/D, atomics, FENCE): rare enough in kernels
    /// and loops that translating them buys little.</summary>
    Interpret,
    /// <summary>Ends the region before it: it changes privilege, translation, CSRs or the code generation, or traps.</summary>
    Stop,
}

internal static class InstructionClass
{
    public static Treatment Of(Op op) => op switch
    {
        Op.Undecoded or Op.Illegal => Treatment.Stop,
        _ when Hart.EndsRegions(op) => Treatment.Stop,
        Op.Fence => Treatment.Interpret,
        >= Op.LrW and <= Op.AmomaxuD => Treatment.Interpret,
        >= Op.Flw and <= Op.FmvDX => Treatment.Interpret,
        _ => Treatment.Native,
    };

    public static bool IsBranch(Op op) => op is Op.Beq or Op.Bne or Op.Blt or Op.Bge or Op.Bltu or Op.Bgeu;
}
