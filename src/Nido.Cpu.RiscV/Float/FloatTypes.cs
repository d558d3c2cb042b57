namespace Nido.Cpu.RiscV.Float;

/// <summary>The rounding modes of the F/D extensions, with their frm encodings (5 and 6 are reserved, 7 is DYN).</summary>
public enum RoundingMode : byte
{
    /// <summary>Round to nearest, ties to even.</summary>
    Rne = 0,
    /// <summary>Round towards zero.</summary>
    Rtz = 1,
    /// <summary>Round down (towards −∞).</summary>
    Rdn = 2,
    /// <summary>Round up (towards +∞).</summary>
    Rup = 3,
    /// <summary>Round to nearest, ties to max magnitude.</summary>
    Rmm = 4,
}

/// <summary>The accrued exception flags of fcsr.fflags, bit for bit.</summary>
[Flags]
public enum FpFlags : byte
{
    None = 0,
    /// <summary>Inexact.</summary>
    NX = 1,
    /// <summary>Underflow (tininess detected after rounding, and inexact).</summary>
    UF = 2,
    /// <summary>Overflow.</summary>
    OF = 4,
    /// <summary>Divide by zero.</summary>
    DZ = 8,
    /// <summary>Invalid operation.</summary>
    NV = 16,
}
