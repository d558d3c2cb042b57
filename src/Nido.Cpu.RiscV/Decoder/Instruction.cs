using System.Runtime.InteropServices;

namespace Nido.Cpu.RiscV.Decoder;

/// <summary>
/// One decoded instruction, as the interpreter's decode cache holds it. Integer destination x0 is stored as
/// <see cref="Instruction.ZeroSink"/> so handlers write unconditionally; <see cref="Raw"/> lets a cached slot be
/// checked against memory before reuse (self-modifying code, DMA, other harts).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
public struct Instruction
{
    /// <summary>The register index an integer write to x0 goes to (a slot nobody reads).</summary>
    public const byte ZeroSink = 32;

    public long Imm;
    public uint Raw;
    /// <summary>0xffff or 0xffffffff: the bits of memory <see cref="Raw"/> is compared with.</summary>
    public uint Mask;
    public Op Op;
    public byte Rd;
    public byte Rs1;
    public byte Rs2;
    public byte Rs3;
    /// <summary>Rounding-mode field of F/D instructions; aq/rl bits of atomics.</summary>
    public byte Rm;
    /// <summary>2 (compressed) or 4.</summary>
    public byte Length;

    public override readonly string ToString() =>
        $"{Op} rd={(Rd == ZeroSink ? 0 : Rd)} rs1={Rs1} rs2={Rs2} rs3={Rs3} imm={Imm} rm={Rm} ({Raw:x8}/{Length})";
}
