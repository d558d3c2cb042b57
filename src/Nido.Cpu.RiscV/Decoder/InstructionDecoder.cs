namespace Nido.Cpu.RiscV.Decoder;

/// <summary>Turns instruction bits into <see cref="Instruction"/>s using <see cref="OpcodeTable"/> and <see cref="CompressedTable"/>.</summary>
public static class InstructionDecoder
{
    // Encodings bucketed by major opcode so a decode scans a handful of lines, not the whole table.
    private static readonly Encoding[][] ByOpcode = BuildBuckets();

    private static Encoding[][] BuildBuckets()
    {
        var buckets = new List<Encoding>[128];
        for (var i = 0; i < buckets.Length; i++) buckets[i] = [];
        foreach (var e in OpcodeTable.All) buckets[e.Match & 0x7f].Add(e);
        return [.. buckets.Select(b => b.ToArray())];
    }

    /// <summary>Length in bytes of the instruction whose low 16 bits are <paramref name="low"/>.</summary>
    public static int LengthOf(ushort low) => (low & 3) == 3 ? 4 : 2;

    /// <summary>Decodes a 32-bit instruction (low two bits 11); unknown encodings become <see cref="Op.Illegal"/>.</summary>
    public static Instruction Decode32(uint bits)
    {
        foreach (var e in ByOpcode[bits & 0x7f])
            if ((bits & e.Mask) == e.Match) return Operands(e, bits);
        return Illegal(bits, 4);
    }

    /// <summary>Decodes a 16-bit compressed instruction into the operation of its 32-bit expansion.</summary>
    public static Instruction Decode16(ushort bits)
    {
        var i = CompressedTable.Expand(bits);
        i.Raw = bits;
        i.Mask = 0xffff;
        i.Length = 2;
        if (i.Op != Op.Illegal && i.Rd == 0 && WritesX(i.Op)) i.Rd = Instruction.ZeroSink;
        return i;
    }

    public static Instruction Decode(uint bits) =>
        (bits & 3) == 3 ? Decode32(bits) : Decode16((ushort)bits);

    internal static Instruction Illegal(uint bits, int length) => new() { Op = Op.Illegal, Raw = bits, Mask = length == 2 ? 0xffffu : 0xffffffffu, Length = (byte)length };

    private static Instruction Operands(in Encoding e, uint b)
    {
        var i = new Instruction
        {
            Op = e.Op,
            Raw = b,
            Mask = 0xffffffff,
            Length = 4,
            Rd = (byte)((b >> 7) & 31),
            Rs1 = (byte)((b >> 15) & 31),
            Rs2 = (byte)((b >> 20) & 31),
            Rs3 = (byte)(b >> 27),
            Rm = (byte)((b >> 12) & 7),
        };
        switch (e.Format)
        {
            case Format.I: case Format.FLoad: i.Imm = (int)b >> 20; break;
            case Format.Shift: i.Imm = (b >> 20) & 63; break;
            case Format.S: case Format.FStore: i.Imm = ((int)b >> 25 << 5) | (int)((b >> 7) & 31); break;
            case Format.B:
                i.Imm = ((int)b >> 31 << 12) | (int)((b & 0x80) << 4) | (int)((b >> 20) & 0x7e0) | (int)((b >> 7) & 0x1e);
                break;
            case Format.U: i.Imm = (int)(b & 0xfffff000); break;
            case Format.J:
                i.Imm = ((int)b >> 31 << 20) | (int)(b & 0xff000) | (int)((b >> 9) & 0x800) | (int)((b >> 20) & 0x7fe);
                break;
            case Format.Csr: i.Imm = b >> 20; break;
            case Format.Amo: i.Rm = (byte)((b >> 25) & 3); break;
        }
        if (i.Rd == 0 && WritesX(e.Format)) i.Rd = Instruction.ZeroSink;
        return i;
    }

    private static bool WritesX(Format f) => f is Format.R or Format.I or Format.Shift or Format.U or Format.J or Format.Csr or Format.Amo or Format.FToX;

    // Compressed expansions only produce these integer-writing operations.
    private static bool WritesX(Op op) => op is Op.Addi or Op.Addiw or Op.Lui or Op.Lw or Op.Ld or Op.Slli or Op.Srli or Op.Srai
        or Op.Andi or Op.Sub or Op.Xor or Op.Or or Op.And or Op.Subw or Op.Addw or Op.Add or Op.Jal or Op.Jalr;
}
