using System.Globalization;
using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Tests.Decoder;

/// <summary>
/// What objdump's c.* line means as a 32-bit operation, written from the C extension's expansion table
/// (independently of the decoder's), for comparison with <see cref="InstructionDecoder.Decode16"/>.
/// </summary>
internal static class CompressedSyntax
{
    public readonly record struct Expanded(Op Op, int Rd, int Rs1, int Rs2, long Imm)
    {
        public static Expanded Of(in Instruction i) => new(i.Op, i.Rd == Instruction.ZeroSink ? 0 : i.Rd, i.Rs1, i.Rs2, i.Imm);
    }

    /// <summary>The expansion objdump's "c.xxx operands" at <paramref name="address"/> stands for; null for an unknown mnemonic.</summary>
    public static Expanded? Expand(string mnemonic, string operands, ulong address)
    {
        var o = operands.Length == 0 ? [] : operands.Split(',');
        int R(int k) => int.Parse(o[k].AsSpan(1), CultureInfo.InvariantCulture);
        long Imm(int k) => Number(o[k]);
        (long Offset, int Base) Mem(int k)
        {
            var open = o[k].IndexOf('(');
            return (Number(o[k][..open]), int.Parse(o[k].AsSpan(open + 2, o[k].Length - open - 3), CultureInfo.InvariantCulture));
        }
        long Target(int k) => (long)((ulong)Number(o[k]) - address);
        Expanded Load(Op op) { var (off, b) = Mem(1); return new(op, R(0), b, 0, off); }
        Expanded Store(Op op) { var (off, b) = Mem(1); return new(op, 0, b, R(0), off); }

        return mnemonic switch
        {
            "c.unimp" => new(Op.Illegal, 0, 0, 0, 0),
            "c.addi4spn" => new(Op.Addi, R(0), R(1), 0, Imm(2)),
            "c.fld" => Load(Op.Fld), "c.lw" => Load(Op.Lw), "c.ld" => Load(Op.Ld),
            "c.fsd" => Store(Op.Fsd), "c.sw" => Store(Op.Sw), "c.sd" => Store(Op.Sd),
            "c.nop" => new(Op.Addi, 0, 0, 0, o.Length > 0 ? Imm(0) : 0),
            "c.addi" => new(Op.Addi, R(0), R(0), 0, Imm(1)),
            "c.addiw" => new(Op.Addiw, R(0), R(0), 0, Imm(1)),
            "c.li" => new(Op.Addi, R(0), 0, 0, Imm(1)),
            "c.addi16sp" => new(Op.Addi, 2, 2, 0, Imm(1)),
            // objdump prints the 20-bit upper immediate, sign-extended from its bit 17 by the encoding.
            "c.lui" => new(Op.Lui, R(0), 0, 0, (long)(Imm(1) << 44) >> 32),
            "c.srli" => new(Op.Srli, R(0), R(0), 0, Imm(1)), "c.srli64" => new(Op.Srli, R(0), R(0), 0, 0),
            "c.srai" => new(Op.Srai, R(0), R(0), 0, Imm(1)), "c.srai64" => new(Op.Srai, R(0), R(0), 0, 0),
            "c.andi" => new(Op.Andi, R(0), R(0), 0, Imm(1)),
            "c.sub" => new(Op.Sub, R(0), R(0), R(1), 0), "c.xor" => new(Op.Xor, R(0), R(0), R(1), 0),
            "c.or" => new(Op.Or, R(0), R(0), R(1), 0), "c.and" => new(Op.And, R(0), R(0), R(1), 0),
            "c.subw" => new(Op.Subw, R(0), R(0), R(1), 0), "c.addw" => new(Op.Addw, R(0), R(0), R(1), 0),
            "c.j" => new(Op.Jal, 0, 0, 0, Target(0)),
            "c.beqz" => new(Op.Beq, 0, R(0), 0, Target(1)), "c.bnez" => new(Op.Bne, 0, R(0), 0, Target(1)),
            "c.slli" => new(Op.Slli, R(0), R(0), 0, Imm(1)), "c.slli64" => new(Op.Slli, R(0), R(0), 0, 0),
            "c.fldsp" => Load(Op.Fld), "c.lwsp" => Load(Op.Lw), "c.ldsp" => Load(Op.Ld),
            "c.jr" => new(Op.Jalr, 0, R(0), 0, 0), "c.jalr" => new(Op.Jalr, 1, R(0), 0, 0),
            "c.mv" => new(Op.Add, R(0), 0, R(1), 0), "c.add" => new(Op.Add, R(0), R(0), R(1), 0),
            "c.ebreak" => new(Op.Ebreak, 0, 0, 0, 0),
            "c.fsdsp" => Store(Op.Fsd), "c.swsp" => Store(Op.Sw), "c.sdsp" => Store(Op.Sd),
            _ => null,
        };
    }

    private static long Number(string s) => s.StartsWith("0x", StringComparison.Ordinal)
        ? (long)ulong.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        : long.Parse(s, CultureInfo.InvariantCulture);
}
