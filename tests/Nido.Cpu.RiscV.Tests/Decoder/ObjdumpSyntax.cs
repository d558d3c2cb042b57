using System.Globalization;
using System.Text;
using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Tests.Decoder;

/// <summary>
/// Our decoded instructions written the way objdump -M no-aliases,numeric writes them, so the two can be compared
/// as text. The mnemonic comes from the operation's name (FcvtWuS → fcvt.wu.s), not from the decoder's table.
/// </summary>
internal static class ObjdumpSyntax
{
    private static readonly string[] RoundingModes = ["rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", ""];

    /// <summary>The assembler mnemonic of an operation: its PascalCase words, lower-cased and joined with dots.</summary>
    public static string Mnemonic(Op op)
    {
        var name = op.ToString();
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) sb.Append('.');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    /// <summary>A 32-bit instruction at <paramref name="address"/> as "mnemonic operands".</summary>
    public static string Render(in Instruction i, ulong address)
    {
        var rd = i.Rd == Instruction.ZeroSink ? 0 : i.Rd;
        string X(int r) => $"x{r}";
        string F(int r) => $"f{r}";
        var rm = RoundingModes[i.Rm & 7] is { Length: > 0 } name ? "," + name : "";
        var target = $"0x{address + (ulong)i.Imm:x}";
        var m = Mnemonic(i.Op);
        var operands = i.Op switch
        {
            Op.Lui or Op.Auipc => $"{X(rd)},0x{((ulong)i.Imm >> 12) & 0xfffff:x}",
            Op.Jal => $"{X(rd)},{target}",
            Op.Jalr or Op.Lb or Op.Lh or Op.Lw or Op.Ld or Op.Lbu or Op.Lhu or Op.Lwu => $"{X(rd)},{i.Imm}({X(i.Rs1)})",
            Op.Beq or Op.Bne or Op.Blt or Op.Bge or Op.Bltu or Op.Bgeu => $"{X(i.Rs1)},{X(i.Rs2)},{target}",
            Op.Sb or Op.Sh or Op.Sw or Op.Sd => $"{X(i.Rs2)},{i.Imm}({X(i.Rs1)})",
            Op.Addi or Op.Slti or Op.Sltiu or Op.Xori or Op.Ori or Op.Andi or Op.Addiw => $"{X(rd)},{X(i.Rs1)},{i.Imm}",
            Op.Slli or Op.Srli or Op.Srai or Op.Slliw or Op.Srliw or Op.Sraiw or Op.SlliUw or Op.Rori or Op.Roriw =>
                $"{X(rd)},{X(i.Rs1)},0x{i.Imm:x}",
            Op.Clz or Op.Clzw or Op.Ctz or Op.Ctzw or Op.Cpop or Op.Cpopw or Op.SextB or Op.SextH or Op.ZextH or Op.OrcB or Op.Rev8 =>
                $"{X(rd)},{X(i.Rs1)}",
            Op.Fence => Fence(i.Raw),
            Op.FenceI or Op.Ecall or Op.Ebreak or Op.Mret or Op.Sret or Op.Wfi => "",
            Op.SfenceVma => $"{X(i.Rs1)},{X(i.Rs2)}",
            Op.Csrrw or Op.Csrrs or Op.Csrrc => $"{X(rd)},0x{i.Imm:x},{X(i.Rs1)}",
            Op.Csrrwi or Op.Csrrsi or Op.Csrrci => $"{X(rd)},0x{i.Imm:x},{i.Rs1}",
            Op.LrW or Op.LrD => $"{X(rd)},({X(i.Rs1)})",
            >= Op.ScW and <= Op.AmomaxuD => $"{X(rd)},{X(i.Rs2)},({X(i.Rs1)})",
            Op.Flw or Op.Fld => $"{F(rd)},{i.Imm}({X(i.Rs1)})",
            Op.Fsw or Op.Fsd => $"{F(i.Rs2)},{i.Imm}({X(i.Rs1)})",
            Op.FmaddS or Op.FmsubS or Op.FnmsubS or Op.FnmaddS or Op.FmaddD or Op.FmsubD or Op.FnmsubD or Op.FnmaddD =>
                $"{F(rd)},{F(i.Rs1)},{F(i.Rs2)},{F(i.Rs3)}{rm}",
            Op.FaddS or Op.FsubS or Op.FmulS or Op.FdivS or Op.FaddD or Op.FsubD or Op.FmulD or Op.FdivD => $"{F(rd)},{F(i.Rs1)},{F(i.Rs2)}{rm}",
            Op.FsqrtS or Op.FsqrtD or Op.FcvtSD => $"{F(rd)},{F(i.Rs1)}{rm}",
            Op.FcvtDS => $"{F(rd)},{F(i.Rs1)}",
            Op.FsgnjS or Op.FsgnjnS or Op.FsgnjxS or Op.FminS or Op.FmaxS or Op.FsgnjD or Op.FsgnjnD or Op.FsgnjxD or Op.FminD or Op.FmaxD =>
                $"{F(rd)},{F(i.Rs1)},{F(i.Rs2)}",
            Op.FcvtWS or Op.FcvtWuS or Op.FcvtLS or Op.FcvtLuS or Op.FcvtWD or Op.FcvtWuD or Op.FcvtLD or Op.FcvtLuD => $"{X(rd)},{F(i.Rs1)}{rm}",
            Op.FmvXW or Op.FmvXD or Op.FclassS or Op.FclassD => $"{X(rd)},{F(i.Rs1)}",
            Op.FeqS or Op.FltS or Op.FleS or Op.FeqD or Op.FltD or Op.FleD => $"{X(rd)},{F(i.Rs1)},{F(i.Rs2)}",
            Op.FcvtSW or Op.FcvtSWu or Op.FcvtSL or Op.FcvtSLu or Op.FcvtDL or Op.FcvtDLu => $"{F(rd)},{X(i.Rs1)}{rm}",
            Op.FcvtDW or Op.FcvtDWu or Op.FmvWX or Op.FmvDX => $"{F(rd)},{X(i.Rs1)}",
            _ => $"{X(rd)},{X(i.Rs1)},{X(i.Rs2)}",
        };
        if (i.Op == Op.Fence && i.Raw == 0x8330000f) return "fence.tso";
        if (i.Op is >= Op.LrW and <= Op.AmomaxuD) m += (i.Rm & 3) switch { 3 => ".aqrl", 2 => ".aq", 1 => ".rl", _ => "" };
        return (m + " " + operands).Trim();
    }

    private static string Fence(uint raw)
    {
        static string Set(uint bits) => bits == 0 ? "unknown" : string.Concat("iorw".Where((_, k) => (bits & (8u >> k)) != 0));
        return $"{Set(raw >> 24 & 15)},{Set(raw >> 20 & 15)}";
    }

    /// <summary>
    /// Objdump's line with CSR names replaced by their numbers, so it compares with <see cref="Render"/>; null
    /// when it names a CSR this table does not know (the operand cannot be checked).
    /// </summary>
    public static string? NumericCsr(string mnemonic, string operands)
    {
        if (!mnemonic.StartsWith("csrr", StringComparison.Ordinal)) return (mnemonic + " " + operands).Trim();
        var parts = operands.Split(',');
        if (!parts[1].StartsWith("0x", StringComparison.Ordinal))
        {
            if (CsrNumber(parts[1]) is not { } number) return null;
            parts[1] = $"0x{number:x}";
        }
        return mnemonic + " " + string.Join(",", parts);
    }

    /// <summary>The privileged spec's numbers for the CSR names objdump prints most (not the decoder's own table).</summary>
    public static int? CsrNumber(string name)
    {
        int? Numbered(string prefix, int first, int min, int max) =>
            name.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(name[prefix.Length..], CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? first + n : null;
        return name switch
        {
            "fflags" => 0x001, "frm" => 0x002, "fcsr" => 0x003,
            "cycle" => 0xc00, "time" => 0xc01, "instret" => 0xc02,
            "sstatus" => 0x100, "sie" => 0x104, "stvec" => 0x105, "scounteren" => 0x106, "senvcfg" => 0x10a,
            "sscratch" => 0x140, "sepc" => 0x141, "scause" => 0x142, "stval" => 0x143, "sip" => 0x144, "satp" => 0x180,
            "mvendorid" => 0xf11, "marchid" => 0xf12, "mimpid" => 0xf13, "mhartid" => 0xf14, "mconfigptr" => 0xf15,
            "mstatus" => 0x300, "misa" => 0x301, "medeleg" => 0x302, "mideleg" => 0x303, "mie" => 0x304, "mtvec" => 0x305,
            "mcounteren" => 0x306, "menvcfg" => 0x30a, "mcountinhibit" => 0x320,
            "mscratch" => 0x340, "mepc" => 0x341, "mcause" => 0x342, "mtval" => 0x343, "mip" => 0x344,
            "mcycle" => 0xb00, "minstret" => 0xb02,
            _ => Numbered("hpmcounter", 0xc00, 3, 31) ?? Numbered("mhpmcounter", 0xb00, 3, 31) ?? Numbered("mhpmevent", 0x320, 3, 31)
                ?? Numbered("pmpcfg", 0x3a0, 0, 15) ?? Numbered("pmpaddr", 0x3b0, 0, 63),
        };
    }
}
