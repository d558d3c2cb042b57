namespace Nido.Cpu.RiscV.Decoder;

/// <summary>One 32-bit encoding: the instruction matches when (bits &amp; Mask) == Match.</summary>
internal readonly record struct Encoding(string Name, uint Mask, uint Match, Op Op, Format Format);

/// <summary>
/// The RV64GC (+Zba/Zbb) 32-bit encodings, one line each, as the ISA manual's opcode map lists them.
/// Fields: opcode (6:0), funct3 (14:12), funct7 (31:25); masks leave out the operand fields.
/// </summary>
internal static class OpcodeTable
{
    private const uint Opc = 0x7f, F3 = 0x7000, F7 = 0xfe000000, F6 = 0xfc000000, Rs2 = 0x01f00000, F5 = 0xf8000000;

    private static uint M(uint opcode, uint f3 = 0, uint f7 = 0) => opcode | (f3 << 12) | (f7 << 25);

    private static Encoding R(string n, Op op, uint opc, uint f3, uint f7) => new(n, Opc | F3 | F7, M(opc, f3, f7), op, Format.R);
    private static Encoding I(string n, Op op, uint opc, uint f3, Format f = Format.I) => new(n, Opc | F3, M(opc, f3), op, f);
    private static Encoding Sh6(string n, Op op, uint opc, uint f3, uint f6) => new(n, Opc | F3 | F6, M(opc, f3) | (f6 << 26), op, Format.Shift);
    private static Encoding Sh5(string n, Op op, uint opc, uint f3, uint f7) => new(n, Opc | F3 | F7, M(opc, f3, f7), op, Format.Shift);
    private static Encoding Exact(string n, Op op, uint bits, Format f = Format.System) => new(n, 0xffffffff, bits, op, f);
    private static Encoding Unary(string n, Op op, uint bits) => new(n, Opc | F3 | F7 | Rs2, bits, op, Format.R);
    private static Encoding Amo(string n, Op op, uint f3, uint f5) => new(n, Opc | F3 | F5, M(0x2f, f3) | (f5 << 27), op, Format.Amo);
    private static Encoding Lr(string n, Op op, uint f3) => new(n, Opc | F3 | F5 | Rs2, M(0x2f, f3) | (0x02u << 27), op, Format.Amo);
    private static Encoding FRm(string n, Op op, uint f7) => new(n, Opc | F7, M(0x53, 0, f7), op, Format.FR);
    private static Encoding FRmRs2(string n, Op op, uint f7, uint rs2, Format f) => new(n, Opc | F7 | Rs2, M(0x53, 0, f7) | (rs2 << 20), op, f);
    private static Encoding FF3(string n, Op op, uint f7, uint f3, Format f = Format.FR) => new(n, Opc | F3 | F7, M(0x53, f3, f7), op, f);
    private static Encoding FF3Rs2(string n, Op op, uint f7, uint f3, Format f) => new(n, Opc | F3 | F7 | Rs2, M(0x53, f3, f7), op, f);
    private static Encoding Fma(string n, Op op, uint opc, uint fmt) => new(n, Opc | 0x06000000, opc | (fmt << 25), op, Format.R4);

    public static readonly Encoding[] All =
    [
        // RV64I
        new("lui", Opc, 0x37, Op.Lui, Format.U),
        new("auipc", Opc, 0x17, Op.Auipc, Format.U),
        new("jal", Opc, 0x6f, Op.Jal, Format.J),
        I("jalr", Op.Jalr, 0x67, 0),
        I("beq", Op.Beq, 0x63, 0, Format.B), I("bne", Op.Bne, 0x63, 1, Format.B),
        I("blt", Op.Blt, 0x63, 4, Format.B), I("bge", Op.Bge, 0x63, 5, Format.B),
        I("bltu", Op.Bltu, 0x63, 6, Format.B), I("bgeu", Op.Bgeu, 0x63, 7, Format.B),
        I("lb", Op.Lb, 0x03, 0), I("lh", Op.Lh, 0x03, 1), I("lw", Op.Lw, 0x03, 2), I("ld", Op.Ld, 0x03, 3),
        I("lbu", Op.Lbu, 0x03, 4), I("lhu", Op.Lhu, 0x03, 5), I("lwu", Op.Lwu, 0x03, 6),
        I("sb", Op.Sb, 0x23, 0, Format.S), I("sh", Op.Sh, 0x23, 1, Format.S),
        I("sw", Op.Sw, 0x23, 2, Format.S), I("sd", Op.Sd, 0x23, 3, Format.S),
        I("addi", Op.Addi, 0x13, 0), I("slti", Op.Slti, 0x13, 2), I("sltiu", Op.Sltiu, 0x13, 3),
        I("xori", Op.Xori, 0x13, 4), I("ori", Op.Ori, 0x13, 6), I("andi", Op.Andi, 0x13, 7),
        Sh6("slli", Op.Slli, 0x13, 1, 0x00), Sh6("srli", Op.Srli, 0x13, 5, 0x00), Sh6("srai", Op.Srai, 0x13, 5, 0x10),
        R("add", Op.Add, 0x33, 0, 0x00), R("sub", Op.Sub, 0x33, 0, 0x20), R("sll", Op.Sll, 0x33, 1, 0x00),
        R("slt", Op.Slt, 0x33, 2, 0x00), R("sltu", Op.Sltu, 0x33, 3, 0x00), R("xor", Op.Xor, 0x33, 4, 0x00),
        R("srl", Op.Srl, 0x33, 5, 0x00), R("sra", Op.Sra, 0x33, 5, 0x20), R("or", Op.Or, 0x33, 6, 0x00),
        R("and", Op.And, 0x33, 7, 0x00),
        I("addiw", Op.Addiw, 0x1b, 0),
        Sh5("slliw", Op.Slliw, 0x1b, 1, 0x00), Sh5("srliw", Op.Srliw, 0x1b, 5, 0x00), Sh5("sraiw", Op.Sraiw, 0x1b, 5, 0x20),
        R("addw", Op.Addw, 0x3b, 0, 0x00), R("subw", Op.Subw, 0x3b, 0, 0x20), R("sllw", Op.Sllw, 0x3b, 1, 0x00),
        R("srlw", Op.Srlw, 0x3b, 5, 0x00), R("sraw", Op.Sraw, 0x3b, 5, 0x20),
        I("fence", Op.Fence, 0x0f, 0, Format.System),
        I("fence.i", Op.FenceI, 0x0f, 1, Format.System),
        Exact("ecall", Op.Ecall, 0x00000073), Exact("ebreak", Op.Ebreak, 0x00100073),

        // M
        R("mul", Op.Mul, 0x33, 0, 1), R("mulh", Op.Mulh, 0x33, 1, 1), R("mulhsu", Op.Mulhsu, 0x33, 2, 1),
        R("mulhu", Op.Mulhu, 0x33, 3, 1), R("div", Op.Div, 0x33, 4, 1), R("divu", Op.Divu, 0x33, 5, 1),
        R("rem", Op.Rem, 0x33, 6, 1), R("remu", Op.Remu, 0x33, 7, 1),
        R("mulw", Op.Mulw, 0x3b, 0, 1), R("divw", Op.Divw, 0x3b, 4, 1), R("divuw", Op.Divuw, 0x3b, 5, 1),
        R("remw", Op.Remw, 0x3b, 6, 1), R("remuw", Op.Remuw, 0x3b, 7, 1),

        // A
        Lr("lr.w", Op.LrW, 2), Amo("sc.w", Op.ScW, 2, 0x03),
        Amo("amoswap.w", Op.AmoswapW, 2, 0x01), Amo("amoadd.w", Op.AmoaddW, 2, 0x00), Amo("amoxor.w", Op.AmoxorW, 2, 0x04),
        Amo("amoand.w", Op.AmoandW, 2, 0x0c), Amo("amoor.w", Op.AmoorW, 2, 0x08), Amo("amomin.w", Op.AmominW, 2, 0x10),
        Amo("amomax.w", Op.AmomaxW, 2, 0x14), Amo("amominu.w", Op.AmominuW, 2, 0x18), Amo("amomaxu.w", Op.AmomaxuW, 2, 0x1c),
        Lr("lr.d", Op.LrD, 3), Amo("sc.d", Op.ScD, 3, 0x03),
        Amo("amoswap.d", Op.AmoswapD, 3, 0x01), Amo("amoadd.d", Op.AmoaddD, 3, 0x00), Amo("amoxor.d", Op.AmoxorD, 3, 0x04),
        Amo("amoand.d", Op.AmoandD, 3, 0x0c), Amo("amoor.d", Op.AmoorD, 3, 0x08), Amo("amomin.d", Op.AmominD, 3, 0x10),
        Amo("amomax.d", Op.AmomaxD, 3, 0x14), Amo("amominu.d", Op.AmominuD, 3, 0x18), Amo("amomaxu.d", Op.AmomaxuD, 3, 0x1c),

        // Zicsr and privileged
        I("csrrw", Op.Csrrw, 0x73, 1, Format.Csr), I("csrrs", Op.Csrrs, 0x73, 2, Format.Csr), I("csrrc", Op.Csrrc, 0x73, 3, Format.Csr),
        I("csrrwi", Op.Csrrwi, 0x73, 5, Format.Csr), I("csrrsi", Op.Csrrsi, 0x73, 6, Format.Csr), I("csrrci", Op.Csrrci, 0x73, 7, Format.Csr),
        Exact("mret", Op.Mret, 0x30200073), Exact("sret", Op.Sret, 0x10200073), Exact("wfi", Op.Wfi, 0x10500073),
        new("sfence.vma", 0xfe007fff, 0x12000073, Op.SfenceVma, Format.System),

        // F
        I("flw", Op.Flw, 0x07, 2, Format.FLoad), I("fsw", Op.Fsw, 0x27, 2, Format.FStore),
        Fma("fmadd.s", Op.FmaddS, 0x43, 0), Fma("fmsub.s", Op.FmsubS, 0x47, 0),
        Fma("fnmsub.s", Op.FnmsubS, 0x4b, 0), Fma("fnmadd.s", Op.FnmaddS, 0x4f, 0),
        FRm("fadd.s", Op.FaddS, 0x00), FRm("fsub.s", Op.FsubS, 0x04), FRm("fmul.s", Op.FmulS, 0x08), FRm("fdiv.s", Op.FdivS, 0x0c),
        FRmRs2("fsqrt.s", Op.FsqrtS, 0x2c, 0, Format.FR),
        FF3("fsgnj.s", Op.FsgnjS, 0x10, 0), FF3("fsgnjn.s", Op.FsgnjnS, 0x10, 1), FF3("fsgnjx.s", Op.FsgnjxS, 0x10, 2),
        FF3("fmin.s", Op.FminS, 0x14, 0), FF3("fmax.s", Op.FmaxS, 0x14, 1),
        FRmRs2("fcvt.w.s", Op.FcvtWS, 0x60, 0, Format.FToX), FRmRs2("fcvt.wu.s", Op.FcvtWuS, 0x60, 1, Format.FToX),
        FRmRs2("fcvt.l.s", Op.FcvtLS, 0x60, 2, Format.FToX), FRmRs2("fcvt.lu.s", Op.FcvtLuS, 0x60, 3, Format.FToX),
        FF3Rs2("fmv.x.w", Op.FmvXW, 0x70, 0, Format.FToX), FF3Rs2("fclass.s", Op.FclassS, 0x70, 1, Format.FToX),
        FF3("feq.s", Op.FeqS, 0x50, 2, Format.FToX), FF3("flt.s", Op.FltS, 0x50, 1, Format.FToX), FF3("fle.s", Op.FleS, 0x50, 0, Format.FToX),
        FRmRs2("fcvt.s.w", Op.FcvtSW, 0x68, 0, Format.XToF), FRmRs2("fcvt.s.wu", Op.FcvtSWu, 0x68, 1, Format.XToF),
        FRmRs2("fcvt.s.l", Op.FcvtSL, 0x68, 2, Format.XToF), FRmRs2("fcvt.s.lu", Op.FcvtSLu, 0x68, 3, Format.XToF),
        FF3Rs2("fmv.w.x", Op.FmvWX, 0x78, 0, Format.XToF),

        // D
        I("fld", Op.Fld, 0x07, 3, Format.FLoad), I("fsd", Op.Fsd, 0x27, 3, Format.FStore),
        Fma("fmadd.d", Op.FmaddD, 0x43, 1), Fma("fmsub.d", Op.FmsubD, 0x47, 1),
        Fma("fnmsub.d", Op.FnmsubD, 0x4b, 1), Fma("fnmadd.d", Op.FnmaddD, 0x4f, 1),
        FRm("fadd.d", Op.FaddD, 0x01), FRm("fsub.d", Op.FsubD, 0x05), FRm("fmul.d", Op.FmulD, 0x09), FRm("fdiv.d", Op.FdivD, 0x0d),
        FRmRs2("fsqrt.d", Op.FsqrtD, 0x2d, 0, Format.FR),
        FF3("fsgnj.d", Op.FsgnjD, 0x11, 0), FF3("fsgnjn.d", Op.FsgnjnD, 0x11, 1), FF3("fsgnjx.d", Op.FsgnjxD, 0x11, 2),
        FF3("fmin.d", Op.FminD, 0x15, 0), FF3("fmax.d", Op.FmaxD, 0x15, 1),
        FRmRs2("fcvt.s.d", Op.FcvtSD, 0x20, 1, Format.FR), FRmRs2("fcvt.d.s", Op.FcvtDS, 0x21, 0, Format.FR),
        FRmRs2("fcvt.w.d", Op.FcvtWD, 0x61, 0, Format.FToX), FRmRs2("fcvt.wu.d", Op.FcvtWuD, 0x61, 1, Format.FToX),
        FRmRs2("fcvt.l.d", Op.FcvtLD, 0x61, 2, Format.FToX), FRmRs2("fcvt.lu.d", Op.FcvtLuD, 0x61, 3, Format.FToX),
        FF3Rs2("fmv.x.d", Op.FmvXD, 0x71, 0, Format.FToX), FF3Rs2("fclass.d", Op.FclassD, 0x71, 1, Format.FToX),
        FF3("feq.d", Op.FeqD, 0x51, 2, Format.FToX), FF3("flt.d", Op.FltD, 0x51, 1, Format.FToX), FF3("fle.d", Op.FleD, 0x51, 0, Format.FToX),
        FRmRs2("fcvt.d.w", Op.FcvtDW, 0x69, 0, Format.XToF), FRmRs2("fcvt.d.wu", Op.FcvtDWu, 0x69, 1, Format.XToF),
        FRmRs2("fcvt.d.l", Op.FcvtDL, 0x69, 2, Format.XToF), FRmRs2("fcvt.d.lu", Op.FcvtDLu, 0x69, 3, Format.XToF),
        FF3Rs2("fmv.d.x", Op.FmvDX, 0x79, 0, Format.XToF),

        // Zba
        R("add.uw", Op.AddUw, 0x3b, 0, 0x04),
        R("sh1add", Op.Sh1add, 0x33, 2, 0x10), R("sh2add", Op.Sh2add, 0x33, 4, 0x10), R("sh3add", Op.Sh3add, 0x33, 6, 0x10),
        R("sh1add.uw", Op.Sh1addUw, 0x3b, 2, 0x10), R("sh2add.uw", Op.Sh2addUw, 0x3b, 4, 0x10), R("sh3add.uw", Op.Sh3addUw, 0x3b, 6, 0x10),
        Sh6("slli.uw", Op.SlliUw, 0x1b, 1, 0x02),

        // Zbb
        R("andn", Op.Andn, 0x33, 7, 0x20), R("orn", Op.Orn, 0x33, 6, 0x20), R("xnor", Op.Xnor, 0x33, 4, 0x20),
        Unary("clz", Op.Clz, 0x60001013), Unary("ctz", Op.Ctz, 0x60101013), Unary("cpop", Op.Cpop, 0x60201013),
        Unary("clzw", Op.Clzw, 0x6000101b), Unary("ctzw", Op.Ctzw, 0x6010101b), Unary("cpopw", Op.Cpopw, 0x6020101b),
        R("max", Op.Max, 0x33, 6, 0x05), R("maxu", Op.Maxu, 0x33, 7, 0x05), R("min", Op.Min, 0x33, 4, 0x05), R("minu", Op.Minu, 0x33, 5, 0x05),
        Unary("sext.b", Op.SextB, 0x60401013), Unary("sext.h", Op.SextH, 0x60501013), Unary("zext.h", Op.ZextH, 0x0800403b),
        R("rol", Op.Rol, 0x33, 1, 0x30), R("ror", Op.Ror, 0x33, 5, 0x30),
        R("rolw", Op.Rolw, 0x3b, 1, 0x30), R("rorw", Op.Rorw, 0x3b, 5, 0x30),
        Sh6("rori", Op.Rori, 0x13, 5, 0x18), Sh5("roriw", Op.Roriw, 0x1b, 5, 0x30),
        Unary("orc.b", Op.OrcB, 0x28705013), Unary("rev8", Op.Rev8, 0x6b805013),
    ];
}
