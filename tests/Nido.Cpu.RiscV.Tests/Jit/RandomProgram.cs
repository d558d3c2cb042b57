using System.Buffers.Binary;
using Nido.Cpu.RiscV.Decoder;
using Nido.Cpu.RiscV.Tests.Infrastructure;

namespace Nido.Cpu.RiscV.Tests.Jit;

/// <summary>
/// Random programs for comparing translated code with the interpreter: every integer operation with random
/// operands, loads and stores (aligned, misaligned, page-crossing, faulting), forward branches and jumps, counted
/// loops (backward branches), JALR, compressed forms, and the instructions translated code hands to the
/// interpreter (F/D, AMOs, LR/SC, FENCE). Results go to x1..x15 only; x16 counts loops, x20 points at data, x21 at
/// an address that faults, x23 at the final WFI. The program ends in WFI, as does the trap handler.
/// </summary>
/// <param name="straightLine">No branches, jumps or loops: basic blocks longer than the translator's block limit.</param>
internal sealed class RandomProgram(Random rng, bool straightLine = false)
{
    public const ulong Handler = TestMachine.RamBase + 0x100;
    public const ulong Data = TestMachine.RamBase + 0x1_0000;
    public const ulong Faulting = 0x4000_0000;

    private static readonly Encoding[] Integer = [.. OpcodeTable.All.Where(e => e.Format is Format.R or Format.I or Format.Shift or Format.U
        && e.Op is not (Op.Jalr or Op.Ecall or Op.Ebreak or Op.Fence or Op.FenceI or Op.Wfi or Op.Mret or Op.Sret or Op.SfenceVma)
        && e.Op is < Op.Lb or > Op.Sd && (e.Op is < Op.Csrrw or > Op.Csrrci))];
    private static readonly Encoding[] Loads = [.. OpcodeTable.All.Where(e => e.Op is >= Op.Lb and <= Op.Lwu)];
    private static readonly Encoding[] Stores = [.. OpcodeTable.All.Where(e => e.Op is >= Op.Sb and <= Op.Sd)];
    private static readonly Encoding[] Float = [.. OpcodeTable.All.Where(e => e.Op is >= Op.FaddS and <= Op.FmvDX && e.Op is not (Op.Fld or Op.Fsd))];
    private static readonly Encoding[] Atomics = [.. OpcodeTable.All.Where(e => e.Op is >= Op.LrW and <= Op.AmomaxuD)];

    private readonly List<uint> _words = [];   // each entry one instruction (16-bit ones in the low half)
    private readonly List<int> _lengths = [];

    public ulong Start { get; private set; }

    /// <summary>Writes the program (and the handler) into <paramref name="m"/>'s RAM and sets up the hart.</summary>
    public void Place(TestMachine m, int instructions)
    {
        Start = TestMachine.RamBase + 0x1000 + (ulong)rng.Next(0, 0x1800) * 2;
        BuildBody(instructions);
        m.Code(Handler, Asm.Wfi);
        m.SetCsr(Csr.CsrAddress.Mtvec, Handler);
        m.SetCsr(Csr.CsrAddress.Mstatus, 1UL << 13); // FS = initial
        var at = Start;
        for (var i = 0; i < _words.Count; i++)
        {
            if (_lengths[i] == 2) m.Code16(at, (ushort)_words[i]);
            else m.Code(at, _words[i]);
            at += (ulong)_lengths[i];
        }
        m.Code(at, Asm.Wfi);
        for (var r = 1; r < 32; r++) m.Hart.SetX(r, RandomValue());
        m.Hart.SetX(20, Data + 8 * (ulong)rng.Next(0, 64));
        m.Hart.SetX(21, Faulting);
        m.Hart.SetX(23, at);
        rng.NextBytes(m.Ram.Bytes.Slice((int)(Data - TestMachine.RamBase), 0x2000));
        m.Hart.Pc = Start;
    }

    private ulong RandomValue() => rng.Next(4) switch
    {
        0 => (ulong)rng.Next(-8, 8),
        1 => 1UL << rng.Next(64),
        _ => (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 32),
    };

    private void BuildBody(int count)
    {
        while (_words.Count < count)
        {
            var pick = rng.Next(20);
            if (straightLine && pick < 4) pick = 19;
            switch (pick)
            {
                case 0: Loop(); break;
                case 1: ForwardBranch(); break;
                case 2: JumpForward(); break;
                case 3 when rng.Next(8) == 0: Add(Asm.Jalr(Rd(), 23, 0), 4); break; // jalr to the end
                case 4: Add(Pick(Float, rd: Rd(), rs1: rng.Next(32), rs2: rng.Next(32)), 4); break;
                case 5: Add(Pick(Atomics, rd: Rd(), rs1: 20, rs2: Rs()), 4); break;
                case 6: Add(Compressed(), 2); break;
                case 7: Add(0x0ff0000f, 4); break; // fence rw,rw
                case 8 or 9 or 10: Memory(); break;
                default:
                    // Half the results are also stored, so a wrong one shows even when its register is overwritten.
                    var op = IntegerOp();
                    Add(op, 4);
                    if (rng.Next(2) == 0) Add(Asm.Sd((int)(op >> 7 & 31), 20, 8 * rng.Next(0, 255)), 4);
                    break;
            }
        }
    }

    private void Add(uint word, int length)
    {
        _words.Add(word);
        _lengths.Add(length);
    }

    private static int Reg(Random r) => r.Next(0, 16);
    private int Rd() => rng.Next(8) == 0 ? 0 : rng.Next(1, 16);
    private int Rs() => Reg(rng);

    private uint RandomBits() => (uint)rng.Next() << 1 ^ (uint)rng.Next();

    private uint Pick(Encoding[] set, int rd, int rs1, int rs2)
    {
        var e = set[rng.Next(set.Length)];
        var bits = RandomBits() & ~e.Mask | e.Match;
        bits = bits & ~(0x1fu << 7 | 0x1fu << 15) | (uint)rd << 7 | (uint)rs1 << 15;
        if ((e.Mask & 0x01f00000) == 0) bits = bits & ~(0x1fu << 20) | (uint)rs2 << 20;
        return bits;
    }

    private uint IntegerOp()
    {
        var e = Integer[rng.Next(Integer.Length)];
        var bits = RandomBits() & ~e.Mask | e.Match;
        bits = bits & ~(0x1fu << 7) & ~(0x1fu << 15) | (uint)Rd() << 7 | (uint)Rs() << 15;
        // rs2 only where the encoding leaves it free and it is a register (R format).
        if (e.Format == Format.R && (e.Mask & 0x01f00000) == 0) bits = bits & ~(0x1fu << 20) | (uint)Rs() << 20;
        if (e.Format == Format.U) bits = e.Match | (uint)Rd() << 7 | (uint)rng.Next() << 12;
        return bits;
    }

    private void Memory()
    {
        var store = rng.Next(2) == 0;
        var e = (store ? Stores : Loads)[rng.Next(store ? Stores.Length : Loads.Length)];
        var (rs1, imm) = rng.Next(30) == 0 ? (21, 0) : (20, rng.Next(0, 2040)); // a faulting access now and then
        Add(store ? Asm.S(0x23, (int)(e.Match >> 12 & 7), rs1, Rs(), imm) : Asm.I(0x03, Rd(), (int)(e.Match >> 12 & 7), rs1, imm), 4);
    }

    private ushort Compressed() => rng.Next(5) switch
    {
        0 => (ushort)(0x0001 | (rng.Next(2) << 12) | (rng.Next(1, 16) << 7) | (rng.Next(1, 32) << 2)), // c.addi
        1 => (ushort)(0x4001 | (rng.Next(2) << 12) | (rng.Next(1, 16) << 7) | (rng.Next(32) << 2)),    // c.li
        2 => (ushort)(0x8002 | (rng.Next(1, 16) << 7) | (rng.Next(1, 16) << 2)),                     // c.mv
        3 => (ushort)(0x9002 | (rng.Next(1, 16) << 7) | (rng.Next(1, 16) << 2)),                     // c.add
        _ => (ushort)(0x0002 | (rng.Next(2) << 12) | (rng.Next(1, 16) << 7) | (rng.Next(1, 32) << 2)), // c.slli
    };

    /// <summary>x16 = N; body; x16 -= 1; bnez x16, body (N up to 40: loops run through many backward edges).</summary>
    private void Loop()
    {
        Add(Asm.Addi(16, 0, rng.Next(1, 40)), 4);
        var bodyBytes = 0;
        var n = rng.Next(1, 8);
        for (var i = 0; i < n; i++)
        {
            if (rng.Next(3) == 0) { Memory(); bodyBytes += 4; }
            else if (rng.Next(4) == 0) { Add(Compressed(), 2); bodyBytes += 2; }
            else { Add(IntegerOp(), 4); bodyBytes += 4; }
        }
        Add(Asm.Addi(16, 16, -1), 4);
        Add(Asm.B(1, 16, 0, -(bodyBytes + 4)), 4);
    }

    private void ForwardBranch()
    {
        var skip = rng.Next(1, 4);
        Add(Asm.B(new[] { 0, 1, 4, 5, 6, 7 }[rng.Next(6)], Rs(), Rs(), 4 * (skip + 1)), 4);
        for (var i = 0; i < skip; i++) Add(IntegerOp(), 4);
    }

    private void JumpForward()
    {
        var skip = rng.Next(0, 3);
        Add(Asm.Jal(Rd(), 4 * (skip + 1)), 4);
        for (var i = 0; i < skip; i++) Add(IntegerOp(), 4);
    }
}
