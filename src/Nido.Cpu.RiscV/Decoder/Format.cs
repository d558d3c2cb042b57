namespace Nido.Cpu.RiscV.Decoder;

/// <summary>How an encoding's fields become operands, and which register file its rd names.</summary>
internal enum Format : byte
{
    /// <summary>rd, rs1, rs2 (integer).</summary>
    R,
    /// <summary>rd, rs1, 12-bit signed immediate.</summary>
    I,
    /// <summary>rd, rs1, shift amount in bits 25:20 (6 bits on RV64, 5 for W forms by their masks).</summary>
    Shift,
    /// <summary>rs1, rs2, store offset.</summary>
    S,
    /// <summary>rs1, rs2, branch offset.</summary>
    B,
    /// <summary>rd, upper immediate.</summary>
    U,
    /// <summary>rd, jump offset.</summary>
    J,
    /// <summary>rd, rs1 (or the 5-bit immediate), CSR number in Imm.</summary>
    Csr,
    /// <summary>rd, rs1, rs2, aq/rl in Rm.</summary>
    Amo,
    /// <summary>No operands (ecall, mret) or only rs1/rs2 (sfence.vma).</summary>
    System,
    /// <summary>Floating rd, rs1, rs2, rm.</summary>
    FR,
    /// <summary>Integer rd from floating sources (compares, fcvt to integer, fmv.x, fclass).</summary>
    FToX,
    /// <summary>Floating rd from an integer rs1 (fcvt from integer, fmv from x).</summary>
    XToF,
    /// <summary>Floating rd, rs1, rs2, rs3, rm.</summary>
    R4,
    /// <summary>Floating rd, integer base rs1, offset.</summary>
    FLoad,
    /// <summary>Integer base rs1, floating rs2, store offset.</summary>
    FStore,
}
