namespace Nido.Cpu.RiscV.Decoder;

/// <summary>
/// RV64C: one line per 16-bit encoding, each expanding to the operation and operands of its 32-bit form.
/// Reserved encodings (zero immediates where the spec forbids them, rd = x0 where it is reserved) expand to
/// <see cref="Op.Illegal"/>.
/// </summary>
internal static class CompressedTable
{
    private readonly record struct Line(string Name, ushort Mask, ushort Match, Func<uint, Instruction> Expand);

    // Field extraction, as the C extension's formats lay them out.
    private static uint Bits(uint b, int hi, int lo) => (b >> lo) & ((1u << (hi - lo + 1)) - 1);
    private static byte RdFull(uint b) => (byte)Bits(b, 11, 7);
    private static byte Rs2Full(uint b) => (byte)Bits(b, 6, 2);
    private static byte RPrime(uint b, int lo) => (byte)(8 + Bits(b, lo + 2, lo));
    private static long SignExtend(uint value, int bits) => (long)((ulong)value << (64 - bits)) >> (64 - bits);
    private static long Imm6(uint b) => SignExtend((Bits(b, 12, 12) << 5) | Bits(b, 6, 2), 6);
    private static long Shamt(uint b) => (Bits(b, 12, 12) << 5) | Bits(b, 6, 2);

    private static Instruction I(Op op, byte rd = 0, byte rs1 = 0, byte rs2 = 0, long imm = 0) =>
        new() { Op = op, Rd = rd, Rs1 = rs1, Rs2 = rs2, Imm = imm };

    private static readonly Instruction Reserved = new() { Op = Op.Illegal };

    private static long LwOffset(uint b) => (Bits(b, 12, 10) << 3) | (Bits(b, 6, 6) << 2) | (Bits(b, 5, 5) << 6);
    private static long LdOffset(uint b) => (Bits(b, 12, 10) << 3) | (Bits(b, 6, 5) << 6);
    private static long JOffset(uint b) => SignExtend((Bits(b, 12, 12) << 11) | (Bits(b, 11, 11) << 4) | (Bits(b, 10, 9) << 8)
        | (Bits(b, 8, 8) << 10) | (Bits(b, 7, 7) << 6) | (Bits(b, 6, 6) << 7) | (Bits(b, 5, 3) << 1) | (Bits(b, 2, 2) << 5), 12);
    private static long BOffset(uint b) => SignExtend((Bits(b, 12, 12) << 8) | (Bits(b, 11, 10) << 3) | (Bits(b, 6, 5) << 6)
        | (Bits(b, 4, 3) << 1) | (Bits(b, 2, 2) << 5), 9);
    private static long Addi4spnImm(uint b) => (Bits(b, 12, 11) << 4) | (Bits(b, 10, 7) << 6) | (Bits(b, 6, 6) << 2) | (Bits(b, 5, 5) << 3);
    private static long Addi16spImm(uint b) => SignExtend((Bits(b, 12, 12) << 9) | (Bits(b, 6, 6) << 4) | (Bits(b, 5, 5) << 6)
        | (Bits(b, 4, 3) << 7) | (Bits(b, 2, 2) << 5), 10);
    private static long LwspOffset(uint b) => (Bits(b, 12, 12) << 5) | (Bits(b, 6, 4) << 2) | (Bits(b, 3, 2) << 6);
    private static long LdspOffset(uint b) => (Bits(b, 12, 12) << 5) | (Bits(b, 6, 5) << 3) | (Bits(b, 4, 2) << 6);
    private static long SwspOffset(uint b) => (Bits(b, 12, 9) << 2) | (Bits(b, 8, 7) << 6);
    private static long SdspOffset(uint b) => (Bits(b, 12, 10) << 3) | (Bits(b, 9, 7) << 6);

    private static readonly Line[] Lines =
    [
        // Quadrant 0
        new("c.addi4spn", 0xe003, 0x0000, b => Addi4spnImm(b) == 0 ? Reserved : I(Op.Addi, RPrime(b, 2), 2, imm: Addi4spnImm(b))),
        new("c.fld", 0xe003, 0x2000, b => I(Op.Fld, RPrime(b, 2), RPrime(b, 7), imm: LdOffset(b))),
        new("c.lw", 0xe003, 0x4000, b => I(Op.Lw, RPrime(b, 2), RPrime(b, 7), imm: LwOffset(b))),
        new("c.ld", 0xe003, 0x6000, b => I(Op.Ld, RPrime(b, 2), RPrime(b, 7), imm: LdOffset(b))),
        new("c.fsd", 0xe003, 0xa000, b => I(Op.Fsd, rs1: RPrime(b, 7), rs2: RPrime(b, 2), imm: LdOffset(b))),
        new("c.sw", 0xe003, 0xc000, b => I(Op.Sw, rs1: RPrime(b, 7), rs2: RPrime(b, 2), imm: LwOffset(b))),
        new("c.sd", 0xe003, 0xe000, b => I(Op.Sd, rs1: RPrime(b, 7), rs2: RPrime(b, 2), imm: LdOffset(b))),

        // Quadrant 1
        new("c.addi", 0xe003, 0x0001, b => I(Op.Addi, RdFull(b), RdFull(b), imm: Imm6(b))),
        new("c.addiw", 0xe003, 0x2001, b => RdFull(b) == 0 ? Reserved : I(Op.Addiw, RdFull(b), RdFull(b), imm: Imm6(b))),
        new("c.li", 0xe003, 0x4001, b => I(Op.Addi, RdFull(b), 0, imm: Imm6(b))),
        new("c.addi16sp", 0xef83, 0x6101, b => Addi16spImm(b) == 0 ? Reserved : I(Op.Addi, 2, 2, imm: Addi16spImm(b))),
        new("c.lui", 0xe003, 0x6001, b => Imm6(b) == 0 ? Reserved : I(Op.Lui, RdFull(b), imm: Imm6(b) << 12)),
        new("c.srli", 0xec03, 0x8001, b => I(Op.Srli, RPrime(b, 7), RPrime(b, 7), imm: Shamt(b))),
        new("c.srai", 0xec03, 0x8401, b => I(Op.Srai, RPrime(b, 7), RPrime(b, 7), imm: Shamt(b))),
        new("c.andi", 0xec03, 0x8801, b => I(Op.Andi, RPrime(b, 7), RPrime(b, 7), imm: Imm6(b))),
        new("c.sub", 0xfc63, 0x8c01, b => I(Op.Sub, RPrime(b, 7), RPrime(b, 7), RPrime(b, 2))),
        new("c.xor", 0xfc63, 0x8c21, b => I(Op.Xor, RPrime(b, 7), RPrime(b, 7), RPrime(b, 2))),
        new("c.or", 0xfc63, 0x8c41, b => I(Op.Or, RPrime(b, 7), RPrime(b, 7), RPrime(b, 2))),
        new("c.and", 0xfc63, 0x8c61, b => I(Op.And, RPrime(b, 7), RPrime(b, 7), RPrime(b, 2))),
        new("c.subw", 0xfc63, 0x9c01, b => I(Op.Subw, RPrime(b, 7), RPrime(b, 7), RPrime(b, 2))),
        new("c.addw", 0xfc63, 0x9c21, b => I(Op.Addw, RPrime(b, 7), RPrime(b, 7), RPrime(b, 2))),
        new("c.j", 0xe003, 0xa001, b => I(Op.Jal, 0, imm: JOffset(b))),
        new("c.beqz", 0xe003, 0xc001, b => I(Op.Beq, rs1: RPrime(b, 7), rs2: 0, imm: BOffset(b))),
        new("c.bnez", 0xe003, 0xe001, b => I(Op.Bne, rs1: RPrime(b, 7), rs2: 0, imm: BOffset(b))),

        // Quadrant 2
        new("c.slli", 0xe003, 0x0002, b => I(Op.Slli, RdFull(b), RdFull(b), imm: Shamt(b))),
        new("c.fldsp", 0xe003, 0x2002, b => I(Op.Fld, RdFull(b), 2, imm: LdspOffset(b))),
        new("c.lwsp", 0xe003, 0x4002, b => RdFull(b) == 0 ? Reserved : I(Op.Lw, RdFull(b), 2, imm: LwspOffset(b))),
        new("c.ldsp", 0xe003, 0x6002, b => RdFull(b) == 0 ? Reserved : I(Op.Ld, RdFull(b), 2, imm: LdspOffset(b))),
        new("c.jr", 0xf07f, 0x8002, b => RdFull(b) == 0 ? Reserved : I(Op.Jalr, 0, RdFull(b))),
        new("c.mv", 0xf003, 0x8002, b => I(Op.Add, RdFull(b), 0, Rs2Full(b))),
        new("c.ebreak", 0xffff, 0x9002, b => I(Op.Ebreak)),
        new("c.jalr", 0xf07f, 0x9002, b => I(Op.Jalr, 1, RdFull(b))),
        new("c.add", 0xf003, 0x9002, b => I(Op.Add, RdFull(b), RdFull(b), Rs2Full(b))),
        new("c.fsdsp", 0xe003, 0xa002, b => I(Op.Fsd, rs1: 2, rs2: Rs2Full(b), imm: SdspOffset(b))),
        new("c.swsp", 0xe003, 0xc002, b => I(Op.Sw, rs1: 2, rs2: Rs2Full(b), imm: SwspOffset(b))),
        new("c.sdsp", 0xe003, 0xe002, b => I(Op.Sd, rs1: 2, rs2: Rs2Full(b), imm: SdspOffset(b))),
    ];

    public static Instruction Expand(ushort bits)
    {
        // The all-zero halfword is defined illegal (it is what unwritten memory holds).
        if (bits == 0) return Reserved;
        foreach (var line in Lines)
            if ((bits & line.Mask) == line.Match) return line.Expand(bits);
        return Reserved;
    }
}
