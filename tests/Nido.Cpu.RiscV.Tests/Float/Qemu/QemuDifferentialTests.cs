using System.Text;
using Nido.Cpu.RiscV.Float;
using Nido.Cpu.RiscV.Tests.Float.Reference;

namespace Nido.Cpu.RiscV.Tests.Float.Qemu;

/// <summary>
/// Differential test against QEMU's softfloat (RISC-V NaN, tininess and flag rules): every F/D arithmetic,
/// compare, classify and conversion instruction, both formats, all five rounding modes through frm.
/// Skipped when qemu-system-riscv64 or riscv64-unknown-elf-gcc is missing.
/// </summary>
public class QemuDifferentialTests
{
    const ulong S = 0x8000_0000, D = 0x8000_0000_0000_0000;

    /// <summary>Operand kinds: f = float of the op's format, i = integer, d/s = a fixed float format.</summary>
    sealed record Op(string Name, int Width, string Operands, string Body, Func<ulong, ulong, ulong, RoundingMode, (ulong, FpFlags)> Impl);

    static (ulong, FpFlags) R(ulong v, FpFlags f) => (v, f);

    static Op[] Ops()
    {
        var ops = new List<Op>();
        foreach (int w in new[] { 32, 64 })
        {
            bool d = w == 64;
            string x = d ? "d" : "s";
            ulong sign = d ? D : S;
            Op Float(string name, string operands, string insn, Func<ulong, ulong, ulong, RoundingMode, (ulong, FpFlags)> impl) =>
                new($"{name}.{x}", w, operands, $"{Moves(x, operands)}{insn}\\n\\tfmv.x.{(d ? "d" : "w")} %0,fa3", impl);
            Op Int(string name, string operands, string insn, Func<ulong, ulong, ulong, RoundingMode, (ulong, FpFlags)> impl) =>
                new($"{name}.{x}", w, operands, $"{Moves(x, operands)}{insn}", impl);

            ops.Add(Float("fadd", "ff", $"fadd.{x} fa3,fa0,fa1,dyn", (a, b, _, rm) => Prod.Add(Fmt(w), a, b, rm)));
            ops.Add(Float("fsub", "ff", $"fsub.{x} fa3,fa0,fa1,dyn", (a, b, _, rm) => Prod.Sub(Fmt(w), a, b, rm)));
            ops.Add(Float("fmul", "ff", $"fmul.{x} fa3,fa0,fa1,dyn", (a, b, _, rm) => Prod.Mul(Fmt(w), a, b, rm)));
            ops.Add(Float("fdiv", "ff", $"fdiv.{x} fa3,fa0,fa1,dyn", (a, b, _, rm) => Prod.Div(Fmt(w), a, b, rm)));
            ops.Add(Float("fsqrt", "f", $"fsqrt.{x} fa3,fa0,dyn", (a, _, _, rm) => Prod.Sqrt(Fmt(w), a, rm)));
            ops.Add(Float("fmadd", "fff", $"fmadd.{x} fa3,fa0,fa1,fa2,dyn", (a, b, c, rm) => Prod.MulAdd(Fmt(w), a, b, c, rm)));
            ops.Add(Float("fmsub", "fff", $"fmsub.{x} fa3,fa0,fa1,fa2,dyn", (a, b, c, rm) => Prod.MulAdd(Fmt(w), a, b, c ^ sign, rm)));
            ops.Add(Float("fnmsub", "fff", $"fnmsub.{x} fa3,fa0,fa1,fa2,dyn", (a, b, c, rm) => Prod.MulAdd(Fmt(w), a ^ sign, b, c, rm)));
            ops.Add(Float("fnmadd", "fff", $"fnmadd.{x} fa3,fa0,fa1,fa2,dyn", (a, b, c, rm) => Prod.MulAdd(Fmt(w), a ^ sign, b, c ^ sign, rm)));
            ops.Add(Float("fmin", "ff", $"fmin.{x} fa3,fa0,fa1", (a, b, _, _) => { FpFlags f = 0; ulong r = d ? F64.Min(a, b, ref f) : F32.Min((uint)a, (uint)b, ref f); return R(r, f); }));
            ops.Add(Float("fmax", "ff", $"fmax.{x} fa3,fa0,fa1", (a, b, _, _) => { FpFlags f = 0; ulong r = d ? F64.Max(a, b, ref f) : F32.Max((uint)a, (uint)b, ref f); return R(r, f); }));
            ops.Add(Int("feq", "ff", $"feq.{x} %0,fa0,fa1", (a, b, _, _) => { FpFlags f = 0; bool r = d ? F64.Eq(a, b, ref f) : F32.Eq((uint)a, (uint)b, ref f); return R(r ? 1UL : 0, f); }));
            ops.Add(Int("flt", "ff", $"flt.{x} %0,fa0,fa1", (a, b, _, _) => { FpFlags f = 0; bool r = d ? F64.Lt(a, b, ref f) : F32.Lt((uint)a, (uint)b, ref f); return R(r ? 1UL : 0, f); }));
            ops.Add(Int("fle", "ff", $"fle.{x} %0,fa0,fa1", (a, b, _, _) => { FpFlags f = 0; bool r = d ? F64.Le(a, b, ref f) : F32.Le((uint)a, (uint)b, ref f); return R(r ? 1UL : 0, f); }));
            ops.Add(Int("fclass", "f", $"fclass.{x} %0,fa0", (a, _, _, _) => R(d ? F64.Classify(a) : F32.Classify((uint)a), 0)));
            ops.Add(Int("fcvt.w", "f", $"fcvt.w.{x} %0,fa0,dyn", (a, _, _, rm) => { FpFlags f = 0; int r = d ? F64.ToInt32(a, rm, ref f) : F32.ToInt32((uint)a, rm, ref f); return R((ulong)r, f); }));
            ops.Add(Int("fcvt.wu", "f", $"fcvt.wu.{x} %0,fa0,dyn", (a, _, _, rm) => { FpFlags f = 0; uint r = d ? F64.ToUInt32(a, rm, ref f) : F32.ToUInt32((uint)a, rm, ref f); return R((ulong)(int)r, f); }));
            ops.Add(Int("fcvt.l", "f", $"fcvt.l.{x} %0,fa0,dyn", (a, _, _, rm) => { FpFlags f = 0; long r = d ? F64.ToInt64(a, rm, ref f) : F32.ToInt64((uint)a, rm, ref f); return R((ulong)r, f); }));
            ops.Add(Int("fcvt.lu", "f", $"fcvt.lu.{x} %0,fa0,dyn", (a, _, _, rm) => { FpFlags f = 0; ulong r = d ? F64.ToUInt64(a, rm, ref f) : F32.ToUInt64((uint)a, rm, ref f); return R(r, f); }));
            string exactRm = d ? "" : ",dyn";
            ops.Add(Float("fcvt.from.w", "i", $"fcvt.{x}.w fa3,%1{exactRm}", (a, _, _, rm) => { FpFlags f = 0; ulong r = d ? F64.FromInt32((int)a, rm, ref f) : F32.FromInt32((int)a, rm, ref f); return R(r, f); }));
            ops.Add(Float("fcvt.from.wu", "i", $"fcvt.{x}.wu fa3,%1{exactRm}", (a, _, _, rm) => { FpFlags f = 0; ulong r = d ? F64.FromUInt32((uint)a, rm, ref f) : F32.FromUInt32((uint)a, rm, ref f); return R(r, f); }));
            ops.Add(Float("fcvt.from.l", "i", $"fcvt.{x}.l fa3,%1,dyn", (a, _, _, rm) => { FpFlags f = 0; ulong r = d ? F64.FromInt64((long)a, rm, ref f) : F32.FromInt64((long)a, rm, ref f); return R(r, f); }));
            ops.Add(Float("fcvt.from.lu", "i", $"fcvt.{x}.lu fa3,%1,dyn", (a, _, _, rm) => { FpFlags f = 0; ulong r = d ? F64.FromUInt64(a, rm, ref f) : F32.FromUInt64(a, rm, ref f); return R(r, f); }));
        }
        ops.Add(new("fcvt.s.d", 32, "d", "fmv.d.x fa0,%1\\n\\tfcvt.s.d fa3,fa0,dyn\\n\\tfmv.x.w %0,fa3",
            (a, _, _, rm) => { FpFlags f = 0; ulong r = F32.FromF64(a, rm, ref f); return R(r, f); }));
        ops.Add(new("fcvt.d.s", 64, "s", "fmv.w.x fa0,%1\\n\\tfcvt.d.s fa3,fa0\\n\\tfmv.x.d %0,fa3",
            (a, _, _, _) => { FpFlags f = 0; ulong r = F64.FromF32((uint)a, ref f); return R(r, f); }));
        return [.. ops];
    }

    static RefFormat Fmt(int width) => width == 64 ? RefFormat.Double : RefFormat.Single;

    /// <summary>Moves the integer inputs %1..%3 into fa0..fa2 (integer operands stay where they are).</summary>
    static string Moves(string x, string operands)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < operands.Length; i++)
            if (operands[i] == 'f') sb.Append($"fmv.{(x == "d" ? "d" : "w")}.x fa{i},%{i + 1}\\n\\t");
        return sb.ToString();
    }

    [Fact]
    public void Matches_qemu_softfloat()
    {
        string? why = QemuGuest.Unavailable();
        if (why is not null) Assert.Skip(why);

        Op[] ops = Ops();
        int perOpAndMode = int.TryParse(Environment.GetEnvironmentVariable("NIDO_FP_QEMU_CASES"), out int n) ? n : 300;
        var records = new List<(int Op, int Rm, ulong A, ulong B, ulong C)>();
        var gens = new Dictionary<string, OperandGen>
        {
            ["s"] = new(RefFormat.Single, 21),
            ["d"] = new(RefFormat.Double, 22),
        };
        var rng = new Random(23);
        for (int i = 0; i < ops.Length; i++)
            foreach (RoundingMode rm in Enum.GetValues<RoundingMode>())
                for (int k = 0; k < perOpAndMode; k++)
                {
                    ulong[] v = new ulong[3];
                    for (int j = 0; j < ops[i].Operands.Length; j++)
                    {
                        char kind = ops[i].Operands[j];
                        if (kind == 'i') { v[j] = RandomInteger(rng); continue; }
                        OperandGen g = gens[kind == 'f' ? (ops[i].Width == 64 ? "d" : "s") : kind.ToString()];
                        v[j] = j > 0 && rng.Next(3) == 0 ? g.Related(v[rng.Next(j)])
                            : ops[i].Name.StartsWith("fcvt.") && rng.Next(2) == 0 ? g.WithExponent(rng.Next(-3, 66))
                            : g.Next();
                    }
                    records.Add((i, (int)rm, v[0], v[1], v[2]));
                }

        var results = QemuGuest.Run(ops.Select(o => o.Body).ToArray(), records);

        var failures = new StringBuilder();
        int failed = 0;
        for (int i = 0; i < records.Count; i++)
        {
            var (opIndex, rm, a, b, c) = records[i];
            Op op = ops[opIndex];
            var (value, flags) = op.Impl(a, b, c, (RoundingMode)rm);
            ulong expected = results[i].Result;
            // A binary32 result comes back through FMV.X.W, sign-extended; compare its low half.
            bool floatResult32 = op.Width == 32 && op.Body.EndsWith("fmv.x.w %0,fa3");
            if (floatResult32) expected &= 0xFFFF_FFFF;
            if (value == expected && (byte)flags == results[i].Flags) continue;
            if (++failed <= 20)
                failures.AppendLine($"{op.Name} rm={(RoundingMode)rm} a={a:x} b={b:x} c={c:x}: qemu {expected:x} {(FpFlags)results[i].Flags}, got {value:x} {flags}");
        }
        Assert.True(failed == 0, $"{failed} of {records.Count} differ from QEMU:\n{failures}");
    }

    static ulong RandomInteger(Random rng)
    {
        ulong bits = (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);
        bits >>= rng.Next(64);
        if (rng.Next(2) == 0) bits = 0 - bits;
        return rng.Next(3) == 0 ? (ulong)(long)(int)bits : bits;
    }
}
