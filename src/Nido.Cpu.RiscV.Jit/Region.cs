using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>How a basic block of a region ends.</summary>
internal enum BlockEnd
{
    /// <summary>Runs on into an instruction the region does not hold (a system instruction, the page end, a limit).</summary>
    Leave,
    /// <summary>A conditional branch: taken to <see cref="BasicBlock.Target"/>, else on to <see cref="BasicBlock.Next"/>.</summary>
    Branch,
    /// <summary>JAL to <see cref="BasicBlock.Target"/>.</summary>
    Jump,
    /// <summary>JALR: the target is computed.</summary>
    IndirectJump,
    /// <summary>
    /// Cut at the block size limit: runs on into <see cref="BasicBlock.Next"/>, which the region holds when it has room
    /// (long unrolled code, like the kernel's hash and cipher rounds, then runs translated through, instead of a piece
    /// per region that becomes hot only once the piece before it is translated).
    /// </summary>
    FallThrough,
}

/// <summary>A decoded instruction at its page offset.</summary>
internal readonly record struct Located(int Offset, Instruction Ins);

/// <summary>Straight-line guest code from <see cref="Start"/> (page offsets throughout).</summary>
internal sealed class BasicBlock(int start)
{
    public int Start { get; } = start;
    public List<Located> Body { get; } = [];
    public BlockEnd End { get; set; }
    /// <summary>Offset after the last instruction (where Leave goes, and a branch's fall-through).</summary>
    public int Next { get; set; }
    /// <summary>Branch or jump target offset (may lie outside the page).</summary>
    public int Target { get; set; }
}

/// <summary>
/// The code translated as one unit: basic blocks of one 4 KiB page reachable from <see cref="Entry"/> by direct
/// branches and jumps within the page. Edges between them become CIL branches (chaining without leaving the
/// translated code); edges out of the region leave it with the next Pc.
/// </summary>
internal sealed class Region(int entry)
{
    public int Entry { get; } = entry;
    public Dictionary<int, BasicBlock> Blocks { get; } = [];
    /// <summary>Page offsets of the first and after the last byte any block read.</summary>
    public int Low { get; set; } = entry;
    public int High { get; set; } = entry;
    public int InstructionCount { get; set; }
}
