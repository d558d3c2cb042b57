using System.Buffers.Binary;
using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>
/// Finds the region to translate from a hot entry in a snapshot of its page: the entry's basic block and, breadth
/// first, the blocks its direct branches and jumps reach inside the page, within size limits.
/// </summary>
internal static class RegionDecoder
{
    public const int MaxBlockInstructions = 128;
    public const int MaxRegionInstructions = 512;
    public const int MaxBlocks = 48;

    /// <summary>The region from <paramref name="entry"/>, or null when its first instruction cannot be translated.</summary>
    public static Region? Decode(ReadOnlySpan<byte> page, int entry)
    {
        var region = new Region(entry);
        var work = new Queue<int>();
        work.Enqueue(entry);
        while (work.Count > 0 && region.Blocks.Count < MaxBlocks && region.InstructionCount < MaxRegionInstructions)
        {
            var start = work.Dequeue();
            if (region.Blocks.ContainsKey(start)) continue;
            var block = DecodeBlock(page, start, MaxRegionInstructions - region.InstructionCount);
            if (block.Body.Count == 0)
            {
                if (start == entry) return null;
                continue; // an edge to it leaves the region instead
            }
            region.Blocks.Add(start, block);
            region.InstructionCount += block.Body.Count;
            region.Low = Math.Min(region.Low, start);
            region.High = Math.Max(region.High, block.Next);
            if (block.End is BlockEnd.Branch or BlockEnd.Jump && InPage(block.Target)) work.Enqueue(block.Target);
            if (block.End is BlockEnd.Branch or BlockEnd.FallThrough) work.Enqueue(block.Next);
        }
        return region;
    }

    public static bool InPage(int offset) => offset is >= 0 and < 4096;

    private static BasicBlock DecodeBlock(ReadOnlySpan<byte> page, int start, int budget)
    {
        var block = new BasicBlock(start);
        var offset = start;
        var limit = Math.Min(budget, MaxBlockInstructions);
        while (block.Body.Count < limit && offset + 2 <= 4096)
        {
            var low = BinaryPrimitives.ReadUInt16LittleEndian(page[offset..]);
            Instruction ins;
            if ((low & 3) != 3) ins = InstructionDecoder.Decode16(low);
            else if (offset + 4 <= 4096) ins = InstructionDecoder.Decode32(BinaryPrimitives.ReadUInt32LittleEndian(page[offset..]));
            else break; // straddles the page end: the interpreter fetches it through both translations
            if (InstructionClass.Of(ins.Op) == Treatment.Stop) break;
            block.Body.Add(new Located(offset, ins));
            var next = offset + ins.Length;
            if (InstructionClass.IsBranch(ins.Op))
            {
                block.End = BlockEnd.Branch;
                block.Target = offset + (int)ins.Imm;
                block.Next = next;
                return block;
            }
            if (ins.Op == Op.Jal)
            {
                block.End = BlockEnd.Jump;
                block.Target = offset + (int)ins.Imm;
                block.Next = next;
                return block;
            }
            if (ins.Op == Op.Jalr)
            {
                block.End = BlockEnd.IndirectJump;
                block.Next = next;
                return block;
            }
            offset = next;
        }
        block.End = block.Body.Count == MaxBlockInstructions ? BlockEnd.FallThrough : BlockEnd.Leave;
        block.Next = offset;
        return block;
    }
}
