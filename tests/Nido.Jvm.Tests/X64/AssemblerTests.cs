using System.Text;
using Nido.Jvm.Tests.Programs;
using Nido.Jvm.X64;

namespace Nido.Jvm.Tests.X64;

/// <summary>
/// The native tier's encoder against GNU as: every instruction form it emits, over every register it can be given
/// (the extended ones and the byte registers that need a bare REX among them), assembled by both and compared byte
/// for byte.
/// </summary>
public sealed class AssemblerTests
{
    private static readonly string[] Q = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];
    private static readonly string[] D = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"];
    private static readonly string[] W = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"];
    private static readonly string[] B = ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"];

    // The registers the tier uses as operands (rsp only in frame set-up).
    private static readonly Reg[] Used = [Reg.Rax, Reg.Rcx, Reg.Rdx, Reg.Rbx, Reg.Rsi, Reg.Rdi, Reg.R8, Reg.R9, Reg.R10, Reg.R11, Reg.R12, Reg.R13, Reg.R14, Reg.R15];
    private static readonly Reg[] Bases = [Reg.Rbp, Reg.R11, Reg.R15];
    private static readonly int[] Displacements = [0, 8, -8, 127, -128, 200, -4096];
    private static readonly int[] Immediates = [0, 1, -1, 127, -128, 128, 70000, int.MinValue, int.MaxValue];

    [Fact]
    public void Encodes_as_gnu_as_does()
    {
        var cases = new List<(Action<Assembler> Emit, string Text)>();
        var ops = new[] { (Assembler.Add, "add"), (Assembler.Or, "or"), (Assembler.And, "and"), (Assembler.Sub, "sub"), (Assembler.Xor, "xor"), (Assembler.Cmp, "cmp") };
        foreach (var w in new[] { false, true })
        {
            var r = w ? Q : D;
            foreach (var a in Used)
            {
                foreach (var b in Used)
                {
                    foreach (var (op, name) in ops) cases.Add((x => x.Alu(op, w, a, b), $"{name} {r[(int)a]}, {r[(int)b]}"));
                    cases.Add((x => x.Test(w, a, b), $"test {r[(int)a]}, {r[(int)b]}"));
                    if (a != b || !w) cases.Add((x => x.Mov(w, a, b), $"mov {r[(int)a]}, {r[(int)b]}"));
                    cases.Add((x => x.Imul(w, a, b), $"imul {r[(int)a]}, {r[(int)b]}"));
                    foreach (var imm in new[] { 3, -100, 100000 }) cases.Add((x => x.Imul(w, a, b, imm), $"imul {r[(int)a]}, {r[(int)b]}, {imm}"));
                }
                foreach (var imm in Immediates)
                    foreach (var (op, name) in ops) cases.Add((x => x.Alu(op, w, a, imm), $"{name} {r[(int)a]}, {imm}"));
                cases.Add((x => x.Idiv(w, a), $"idiv {r[(int)a]}"));
                cases.Add((x => x.Neg(w, a), $"neg {r[(int)a]}"));
                foreach (var (op, name) in new[] { (Assembler.Shl, "shl"), (Assembler.Shr, "shr"), (Assembler.Sar, "sar") })
                {
                    cases.Add((x => x.ShiftCl(op, w, a), $"{name} {r[(int)a]}, cl"));
                    cases.Add((x => x.ShiftImm(op, w, a, 5), $"{name} {r[(int)a]}, 5"));
                }
                foreach (var v in new[] { 0L, 5L, -1L, uint.MaxValue, int.MinValue, long.MaxValue, 0x123456789L })
                    if (w || v == (int)v) cases.Add((x => x.MovImm(w, a, v), w && v is < 0 or > uint.MaxValue ? $"mov {r[(int)a]}, {v}" : $"mov {D[(int)a]}, {(uint)v}"));
            }
            foreach (var b in Bases)
                foreach (var disp in Displacements)
                    foreach (var imm in new[] { 1, -1, 1000 })
                    {
                        cases.Add((x => x.AluMem(Assembler.Add, w, b, disp, imm), $"add {(w ? "qword" : "dword")} ptr [{Q[(int)b]}{disp:+0;-0}], {imm}"));
                        cases.Add((x => x.CmpMem(w, Reg.Rsp, b, disp), $"cmp {r[4]}, {(w ? "qword" : "dword")} ptr [{Q[(int)b]}{disp:+0;-0}]"));
                    }
        }
        foreach (var a in Used)
        {
            foreach (var b in Used)
            {
                cases.Add((x => x.Movsxd(a, b), $"movsxd {Q[(int)a]}, {D[(int)b]}"));
                cases.Add((x => x.Extend(Assembler.Movsx8, a, b), $"movsx {D[(int)a]}, {B[(int)b]}"));
                cases.Add((x => x.Extend(Assembler.Movzx8, a, b), $"movzx {D[(int)a]}, {B[(int)b]}"));
                cases.Add((x => x.Extend(Assembler.Movsx16, a, b), $"movsx {D[(int)a]}, {W[(int)b]}"));
                cases.Add((x => x.Extend(Assembler.Movzx16, a, b), $"movzx {D[(int)a]}, {W[(int)b]}"));
            }
            foreach (var c in Enum.GetValues<Cond>()) cases.Add((x => x.Setcc(c, a), $"set{CondName(c)} {B[(int)a]}"));
            foreach (var b in Bases)
                foreach (var disp in Displacements)
                {
                    cases.Add((x => x.Load(a, b, disp), $"mov {Q[(int)a]}, qword ptr [{Q[(int)b]}{disp:+0;-0}]"));
                    cases.Add((x => x.Store(b, disp, a), $"mov qword ptr [{Q[(int)b]}{disp:+0;-0}], {Q[(int)a]}"));
                    cases.Add((x => x.Lea(a, b, disp), $"lea {Q[(int)a]}, [{Q[(int)b]}{disp:+0;-0}]"));
                }
            cases.Add((x => x.Push(a), $"push {Q[(int)a]}"));
            cases.Add((x => x.Pop(a), $"pop {Q[(int)a]}"));
            cases.Add((x => x.Call(a), $"call {Q[(int)a]}"));
        }
        foreach (var b in Bases)
            foreach (var disp in Displacements)
            {
                cases.Add((x => x.StoreImm(b, disp, -5), $"mov qword ptr [{Q[(int)b]}{disp:+0;-0}], -5"));
                cases.Add((x => x.CallMem(b, disp), $"call qword ptr [{Q[(int)b]}{disp:+0;-0}]"));
            }
        cases.Add((x => x.Lea(Reg.Rsp, Reg.Rbp, -24), "lea rsp, [rbp-24]"));
        cases.Add((x => x.Load(Reg.Rsp, Reg.R15, 8), "mov rsp, qword ptr [r15+8]"));
        cases.Add((x => x.Mov(true, Reg.Rbp, Reg.Rsp), "mov rbp, rsp"));
        cases.Add((x => x.SignExtendAx(false), "cdq"));
        cases.Add((x => x.SignExtendAx(true), "cqo"));
        cases.Add((x => x.Ret(), "ret"));
        // Branches and calls to labels behind and ahead, rel32 always.
        cases.Add((x =>
        {
            var back = x.NewLabel();
            var ahead = x.NewLabel();
            x.Bind(back);
            x.Ret();
            foreach (var c in Enum.GetValues<Cond>()) x.Jcc(c, ahead);
            x.Jmp(back);
            x.Call(ahead);
            x.Bind(ahead);
            x.Call(back);
        }, "1: ret\n" + string.Concat(Enum.GetValues<Cond>().Select(c => $"{{disp32}} j{CondName(c)} 2f\n")) + "{disp32} jmp 1b\ncall 2f\n2: call 1b"));

        var ours = new List<byte[]>();
        var text = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (var i = 0; i < cases.Count; i++)
        {
            var a = new Assembler();
            cases[i].Emit(a);
            ours.Add(a.Finish());
            text.Append($"c{i}:\n{cases[i].Text}\n");
        }
        var theirs = Assemble(text.ToString(), cases.Count);
        var wrong = new List<string>();
        for (var i = 0; i < cases.Count; i++)
            if (!ours[i].AsSpan().SequenceEqual(theirs[i]))
                wrong.Add($"{cases[i].Text.Replace('\n', ';')}: ours {Convert.ToHexString(ours[i])}, as {Convert.ToHexString(theirs[i])}");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cases.Count} encodings differ:\n{string.Join('\n', wrong.Take(40))}");
    }

    private static string CondName(Cond c) => c.ToString().ToLowerInvariant();

    /// <summary>Each case's bytes as as encodes them (the labels c0, c1 … mark where each starts).</summary>
    private static List<byte[]> Assemble(string source, int count)
    {
        if (Nido.Linux.Exec.Which("as", Environment.GetEnvironmentVariable("PATH")) is null || Nido.Linux.Exec.Which("nm", Environment.GetEnvironmentVariable("PATH")) is null)
            Assert.Skip("GNU as and nm (binutils) are not installed: the encodings cannot be checked against them");
        var dir = Directory.CreateTempSubdirectory("nido-x64-");
        try
        {
            var s = Path.Combine(dir.FullName, "cases.s");
            var o = Path.Combine(dir.FullName, "cases.o");
            var bin = Path.Combine(dir.FullName, "cases.bin");
            File.WriteAllText(s, source);
            Run("as", "--64", "-o", o, s);
            Run("objcopy", "-O", "binary", "-j", ".text", o, bin);
            var code = File.ReadAllBytes(bin);
            var starts = new int[count + 1];
            foreach (var line in Run("nm", o).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ');
                if (parts.Length == 3 && parts[2].StartsWith('c') && int.TryParse(parts[2].AsSpan(1), out var i))
                    starts[i] = Convert.ToInt32(parts[0], 16);
            }
            starts[count] = code.Length;
            return Enumerable.Range(0, count).Select(i => code[starts[i]..starts[i + 1]]).ToList();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A binutils tool through the programs' runner (timeout, both streams drained); its stdout.</summary>
    private static string Run(params string[] command)
    {
        var r = ProgramRunner.Run(command, Path.GetTempPath(), ProgramRunner.EnvironmentFor("x64-assembler", new Dictionary<string, string>()));
        if (r.ExitCode != 0) throw new InvalidOperationException($"{command[0]} failed ({r.ExitCode}): {r.StderrText}");
        return r.StdoutText;
    }
}
