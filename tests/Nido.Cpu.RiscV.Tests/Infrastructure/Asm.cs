namespace Nido.Cpu.RiscV.Tests.Infrastructure;

/// <summary>A minimal RV64 encoder for hand-written test programs (the ISA manual's formats, nothing more).</summary>
internal static class Asm
{
    public static uint R(uint opcode, int rd, int f3, int rs1, int rs2, uint f7) =>
        opcode | (uint)rd << 7 | (uint)f3 << 12 | (uint)rs1 << 15 | (uint)rs2 << 20 | f7 << 25;

    public static uint I(uint opcode, int rd, int f3, int rs1, int imm) =>
        opcode | (uint)rd << 7 | (uint)f3 << 12 | (uint)rs1 << 15 | (uint)(imm & 0xfff) << 20;

    public static uint S(uint opcode, int f3, int rs1, int rs2, int imm) =>
        opcode | (uint)(imm & 0x1f) << 7 | (uint)f3 << 12 | (uint)rs1 << 15 | (uint)rs2 << 20 | (uint)(imm >> 5 & 0x7f) << 25;

    public static uint B(int f3, int rs1, int rs2, int offset) =>
        0x63 | (uint)(offset >> 11 & 1) << 7 | (uint)(offset >> 1 & 0xf) << 8 | (uint)f3 << 12 | (uint)rs1 << 15
        | (uint)rs2 << 20 | (uint)(offset >> 5 & 0x3f) << 25 | (uint)(offset >> 12 & 1) << 31;

    public static uint Jal(int rd, int offset) =>
        0x6f | (uint)rd << 7 | (uint)(offset >> 12 & 0xff) << 12 | (uint)(offset >> 11 & 1) << 20
        | (uint)(offset >> 1 & 0x3ff) << 21 | (uint)(offset >> 20 & 1) << 31;

    /// <summary>j . (a handler that parks the hart where a test can look at it).</summary>
    public static uint Park => Jal(0, 0);

    public static uint Jalr(int rd, int rs1, int imm) => I(0x67, rd, 0, rs1, imm);
    public static uint Ret => Jalr(0, 1, 0);
    public static uint Lui(int rd, uint upper20) => 0x37 | (uint)rd << 7 | upper20 << 12;
    public static uint Addi(int rd, int rs1, int imm) => I(0x13, rd, 0, rs1, imm);
    public static uint Add(int rd, int rs1, int rs2) => R(0x33, rd, 0, rs1, rs2, 0);
    public static uint Lb(int rd, int rs1, int imm) => I(0x03, rd, 0, rs1, imm);
    public static uint Lw(int rd, int rs1, int imm) => I(0x03, rd, 2, rs1, imm);
    public static uint Ld(int rd, int rs1, int imm) => I(0x03, rd, 3, rs1, imm);
    public static uint Sw(int rs2, int rs1, int imm) => S(0x23, 2, rs1, rs2, imm);
    public static uint Sd(int rs2, int rs1, int imm) => S(0x23, 3, rs1, rs2, imm);
    public static uint Csrrw(int rd, ushort csr, int rs1) => I(0x73, rd, 1, rs1, csr);
    public static uint Csrrs(int rd, ushort csr, int rs1) => I(0x73, rd, 2, rs1, csr);
    public static uint Csrrc(int rd, ushort csr, int rs1) => I(0x73, rd, 3, rs1, csr);
    public static uint Csrrsi(int rd, ushort csr, int uimm) => I(0x73, rd, 6, uimm, csr);
    public static uint Csrrci(int rd, ushort csr, int uimm) => I(0x73, rd, 7, uimm, csr);

    public const uint Ecall = 0x0000_0073, Ebreak = 0x0010_0073, Mret = 0x3020_0073, Sret = 0x1020_0073;
    public static uint SfenceVma(int rs1, int rs2) => 0x1200_0073u | (uint)rs2 << 20 | (uint)rs1 << 15;
    public const uint Wfi = 0x1050_0073, FenceI = 0x0000_100f, Nop = 0x0000_0013;

    /// <summary>c.li rd, imm (−32…31).</summary>
    public static ushort CLi(int rd, int imm) => (ushort)(0x4001 | (imm >> 5 & 1) << 12 | rd << 7 | (imm & 0x1f) << 2);
}
