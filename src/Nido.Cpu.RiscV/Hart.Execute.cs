using System.Numerics;
using System.Runtime.CompilerServices;
using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV;

/// <summary>
/// The interpreter's dispatch: one case per operation. A case either completes (advancing Pc) or has taken a
/// trap (Pc already at the handler); the families' helpers live in Instructions/.
/// </summary>
public sealed unsafe partial class Hart
{
    /// <summary>
    /// Interprets the instruction at Pc and, when <paramref name="straight"/>, those after it while each continues in
    /// sequence, the budget lasts and nothing asks for attention: one call per straight-line run, not per
    /// instruction (a call's prologue and epilogue cost as much as a simple case). Each instruction is counted in
    /// <paramref name="budget"/> and the retired count as it is fetched, as a faulting fetch is.
    /// </summary>
    [SkipLocalsInit]
    private Interpreted Interpret(ref long budget, bool straight)
    {
    next:
        budget--;
        _instret++;
        ref var ins = ref Fetch(out var ok);
        if (!ok) return Interpreted.Branched;
        var pc = Pc;
    dispatch:
        var len = (ulong)ins.Length;
        switch (ins.Op)
        {
            case Op.Undecoded:
                if (!DecodeInto(ref ins, out var cached)) return Interpreted.Branched;
                if (!cached) ins = ref _scratch;
                goto dispatch;

            case Op.Lui: X(ins.Rd) = (ulong)ins.Imm; break;
            case Op.Auipc: X(ins.Rd) = Pc + (ulong)ins.Imm; break;
            case Op.Jal: X(ins.Rd) = Pc + len; Pc += (ulong)ins.Imm; return Interpreted.Branched;
            case Op.Jalr:
                {
                    var target = (X(ins.Rs1) + (ulong)ins.Imm) & ~1UL;
                    X(ins.Rd) = Pc + len;
                    Pc = target;
                    return Interpreted.Branched;
                }
            case Op.Beq: if (X(ins.Rs1) == X(ins.Rs2)) { Pc += (ulong)ins.Imm; return Interpreted.Branched; } break;
            case Op.Bne: if (X(ins.Rs1) != X(ins.Rs2)) { Pc += (ulong)ins.Imm; return Interpreted.Branched; } break;
            case Op.Blt: if ((long)X(ins.Rs1) < (long)X(ins.Rs2)) { Pc += (ulong)ins.Imm; return Interpreted.Branched; } break;
            case Op.Bge: if ((long)X(ins.Rs1) >= (long)X(ins.Rs2)) { Pc += (ulong)ins.Imm; return Interpreted.Branched; } break;
            case Op.Bltu: if (X(ins.Rs1) < X(ins.Rs2)) { Pc += (ulong)ins.Imm; return Interpreted.Branched; } break;
            case Op.Bgeu: if (X(ins.Rs1) >= X(ins.Rs2)) { Pc += (ulong)ins.Imm; return Interpreted.Branched; } break;

            case Op.Lb: { if (!Load(X(ins.Rs1) + (ulong)ins.Imm, out sbyte v)) return Interpreted.Branched; X(ins.Rd) = (ulong)v; break; }
            case Op.Lh: { if (!Load(X(ins.Rs1) + (ulong)ins.Imm, out short v)) return Interpreted.Branched; X(ins.Rd) = (ulong)v; break; }
            case Op.Lw: { if (!Load(X(ins.Rs1) + (ulong)ins.Imm, out int v)) return Interpreted.Branched; X(ins.Rd) = (ulong)v; break; }
            case Op.Ld: { if (!Load(X(ins.Rs1) + (ulong)ins.Imm, out ulong v)) return Interpreted.Branched; X(ins.Rd) = v; break; }
            case Op.Lbu: { if (!Load(X(ins.Rs1) + (ulong)ins.Imm, out byte v)) return Interpreted.Branched; X(ins.Rd) = v; break; }
            case Op.Lhu: { if (!Load(X(ins.Rs1) + (ulong)ins.Imm, out ushort v)) return Interpreted.Branched; X(ins.Rd) = v; break; }
            case Op.Lwu: { if (!Load(X(ins.Rs1) + (ulong)ins.Imm, out uint v)) return Interpreted.Branched; X(ins.Rd) = v; break; }
            case Op.Sb: if (!Store(X(ins.Rs1) + (ulong)ins.Imm, (byte)X(ins.Rs2))) return Interpreted.Branched; break;
            case Op.Sh: if (!Store(X(ins.Rs1) + (ulong)ins.Imm, (ushort)X(ins.Rs2))) return Interpreted.Branched; break;
            case Op.Sw: if (!Store(X(ins.Rs1) + (ulong)ins.Imm, (uint)X(ins.Rs2))) return Interpreted.Branched; break;
            case Op.Sd: if (!Store(X(ins.Rs1) + (ulong)ins.Imm, X(ins.Rs2))) return Interpreted.Branched; break;

            case Op.Addi: X(ins.Rd) = X(ins.Rs1) + (ulong)ins.Imm; break;
            case Op.Slti: X(ins.Rd) = (long)X(ins.Rs1) < ins.Imm ? 1UL : 0; break;
            case Op.Sltiu: X(ins.Rd) = X(ins.Rs1) < (ulong)ins.Imm ? 1UL : 0; break;
            case Op.Xori: X(ins.Rd) = X(ins.Rs1) ^ (ulong)ins.Imm; break;
            case Op.Ori: X(ins.Rd) = X(ins.Rs1) | (ulong)ins.Imm; break;
            case Op.Andi: X(ins.Rd) = X(ins.Rs1) & (ulong)ins.Imm; break;
            case Op.Slli: X(ins.Rd) = X(ins.Rs1) << (int)ins.Imm; break;
            case Op.Srli: X(ins.Rd) = X(ins.Rs1) >> (int)ins.Imm; break;
            case Op.Srai: X(ins.Rd) = (ulong)((long)X(ins.Rs1) >> (int)ins.Imm); break;
            case Op.Add: X(ins.Rd) = X(ins.Rs1) + X(ins.Rs2); break;
            case Op.Sub: X(ins.Rd) = X(ins.Rs1) - X(ins.Rs2); break;
            case Op.Sll: X(ins.Rd) = X(ins.Rs1) << (int)(X(ins.Rs2) & 63); break;
            case Op.Slt: X(ins.Rd) = (long)X(ins.Rs1) < (long)X(ins.Rs2) ? 1UL : 0; break;
            case Op.Sltu: X(ins.Rd) = X(ins.Rs1) < X(ins.Rs2) ? 1UL : 0; break;
            case Op.Xor: X(ins.Rd) = X(ins.Rs1) ^ X(ins.Rs2); break;
            case Op.Srl: X(ins.Rd) = X(ins.Rs1) >> (int)(X(ins.Rs2) & 63); break;
            case Op.Sra: X(ins.Rd) = (ulong)((long)X(ins.Rs1) >> (int)(X(ins.Rs2) & 63)); break;
            case Op.Or: X(ins.Rd) = X(ins.Rs1) | X(ins.Rs2); break;
            case Op.And: X(ins.Rd) = X(ins.Rs1) & X(ins.Rs2); break;
            case Op.Addiw: X(ins.Rd) = SignExtend32(X(ins.Rs1) + (ulong)ins.Imm); break;
            case Op.Slliw: X(ins.Rd) = SignExtend32((uint)X(ins.Rs1) << (int)ins.Imm); break;
            case Op.Srliw: X(ins.Rd) = SignExtend32((uint)X(ins.Rs1) >> (int)ins.Imm); break;
            case Op.Sraiw: X(ins.Rd) = (ulong)(long)((int)X(ins.Rs1) >> (int)ins.Imm); break;
            case Op.Addw: X(ins.Rd) = SignExtend32(X(ins.Rs1) + X(ins.Rs2)); break;
            case Op.Subw: X(ins.Rd) = SignExtend32(X(ins.Rs1) - X(ins.Rs2)); break;
            case Op.Sllw: X(ins.Rd) = SignExtend32((uint)X(ins.Rs1) << (int)(X(ins.Rs2) & 31)); break;
            case Op.Srlw: X(ins.Rd) = SignExtend32((uint)X(ins.Rs1) >> (int)(X(ins.Rs2) & 31)); break;
            case Op.Sraw: X(ins.Rd) = (ulong)(long)((int)X(ins.Rs1) >> (int)(X(ins.Rs2) & 31)); break;
            case Op.Mul: X(ins.Rd) = X(ins.Rs1) * X(ins.Rs2); break;
            case Op.Mulh: X(ins.Rd) = MulHigh((long)X(ins.Rs1), (long)X(ins.Rs2)); break;
            case Op.Mulhsu: X(ins.Rd) = MulHighSignedUnsigned((long)X(ins.Rs1), X(ins.Rs2)); break;
            case Op.Mulhu: X(ins.Rd) = MulHighUnsigned(X(ins.Rs1), X(ins.Rs2)); break;
            case Op.Div: X(ins.Rd) = Div((long)X(ins.Rs1), (long)X(ins.Rs2)); break;
            case Op.Divu: X(ins.Rd) = Divu(X(ins.Rs1), X(ins.Rs2)); break;
            case Op.Rem: X(ins.Rd) = Rem((long)X(ins.Rs1), (long)X(ins.Rs2)); break;
            case Op.Remu: X(ins.Rd) = Remu(X(ins.Rs1), X(ins.Rs2)); break;
            case Op.Mulw: X(ins.Rd) = SignExtend32(X(ins.Rs1) * X(ins.Rs2)); break;
            case Op.Divw: X(ins.Rd) = Divw((int)X(ins.Rs1), (int)X(ins.Rs2)); break;
            case Op.Divuw: X(ins.Rd) = Divuw((uint)X(ins.Rs1), (uint)X(ins.Rs2)); break;
            case Op.Remw: X(ins.Rd) = Remw((int)X(ins.Rs1), (int)X(ins.Rs2)); break;
            case Op.Remuw: X(ins.Rd) = Remuw((uint)X(ins.Rs1), (uint)X(ins.Rs2)); break;

            default:
                if (!ExecuteRare(ref ins)) return Interpreted.Wait;
                if (Pc != pc + len || EndsRegions(ins.Op)) return Interpreted.Branched;
                goto sequential;
        }
        Pc += len;
    sequential:
        if (straight && budget > 0 && Volatile.Read(ref _attention) == 0) goto next;
        return Interpreted.Sequential;
    }

    /// <summary>
    /// The operations kernels run seldom (fences, system and CSR instructions, atomics, Zba/Zbb, F/D), apart so
    /// that Interpret's frame stays small: its prologue runs for every straight-line run.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ExecuteRare(ref Instruction ins)
    {
        var len = (ulong)ins.Length;
        switch (ins.Op)
        {
            case Op.Illegal: RaiseIllegal(ins); return true;
            case Op.Fence:
                // x86 keeps every order RISC-V fences ask for except a store before a later load (TSO's store
                // buffer): a fence with W in its predecessors and R in its successors needs a full barrier, or
                // harts miss each other's flags (Dekker-style wakeups in the scheduler). fence.tso (fm=8) does not.
                if ((ins.Raw & (1u << 24)) != 0 && (ins.Raw & (2u << 20)) != 0 && (ins.Raw >> 28) != 8) Interlocked.MemoryBarrier();
                break;
            // The interpreter's fetch re-checks the bytes of every cached instruction; translations are re-checked
            // once the generation moves on.
            case Op.FenceI: _codeGeneration++; break;
            case Op.Ecall: Ecall(); return true;
            case Op.Ebreak: RaiseException(ExceptionCause.Breakpoint, Pc); return true;

            case Op.LrW: if (!LoadReserved(ins, 4)) return true; break;
            case Op.LrD: if (!LoadReserved(ins, 8)) return true; break;
            case Op.ScW: if (!StoreConditional(ins, 4)) return true; break;
            case Op.ScD: if (!StoreConditional(ins, 8)) return true; break;
            case Op.AmoswapW: case Op.AmoaddW: case Op.AmoxorW: case Op.AmoandW: case Op.AmoorW:
            case Op.AmominW: case Op.AmomaxW: case Op.AmominuW: case Op.AmomaxuW:
                if (!AmoW(ins)) return true;
                break;
            case Op.AmoswapD: case Op.AmoaddD: case Op.AmoxorD: case Op.AmoandD: case Op.AmoorD:
            case Op.AmominD: case Op.AmomaxD: case Op.AmominuD: case Op.AmomaxuD:
                if (!AmoD(ins)) return true;
                break;

            case Op.Csrrw: case Op.Csrrs: case Op.Csrrc: case Op.Csrrwi: case Op.Csrrsi: case Op.Csrrci:
                if (!CsrInstruction(ins)) return true;
                break;
            case Op.Mret: Mret(ins); return true;
            case Op.Sret: Sret(ins); return true;
            case Op.Wfi: return Wfi(ins) ?? false;
            case Op.SfenceVma: if (!SfenceVma(ins)) return true; break;

            case Op.AddUw: X(ins.Rd) = (uint)X(ins.Rs1) + X(ins.Rs2); break;
            case Op.Sh1add: X(ins.Rd) = (X(ins.Rs1) << 1) + X(ins.Rs2); break;
            case Op.Sh2add: X(ins.Rd) = (X(ins.Rs1) << 2) + X(ins.Rs2); break;
            case Op.Sh3add: X(ins.Rd) = (X(ins.Rs1) << 3) + X(ins.Rs2); break;
            case Op.Sh1addUw: X(ins.Rd) = ((ulong)(uint)X(ins.Rs1) << 1) + X(ins.Rs2); break;
            case Op.Sh2addUw: X(ins.Rd) = ((ulong)(uint)X(ins.Rs1) << 2) + X(ins.Rs2); break;
            case Op.Sh3addUw: X(ins.Rd) = ((ulong)(uint)X(ins.Rs1) << 3) + X(ins.Rs2); break;
            case Op.SlliUw: X(ins.Rd) = (ulong)(uint)X(ins.Rs1) << (int)ins.Imm; break;

            case Op.Andn: X(ins.Rd) = X(ins.Rs1) & ~X(ins.Rs2); break;
            case Op.Orn: X(ins.Rd) = X(ins.Rs1) | ~X(ins.Rs2); break;
            case Op.Xnor: X(ins.Rd) = ~(X(ins.Rs1) ^ X(ins.Rs2)); break;
            case Op.Clz: X(ins.Rd) = (ulong)BitOperations.LeadingZeroCount(X(ins.Rs1)); break;
            case Op.Clzw: X(ins.Rd) = Clz32(X(ins.Rs1)); break;
            case Op.Ctz: X(ins.Rd) = Ctz64(X(ins.Rs1)); break;
            case Op.Ctzw: X(ins.Rd) = Ctz32(X(ins.Rs1)); break;
            case Op.Cpop: X(ins.Rd) = (ulong)BitOperations.PopCount(X(ins.Rs1)); break;
            case Op.Cpopw: X(ins.Rd) = (ulong)BitOperations.PopCount((uint)X(ins.Rs1)); break;
            case Op.Max: X(ins.Rd) = (ulong)Math.Max((long)X(ins.Rs1), (long)X(ins.Rs2)); break;
            case Op.Maxu: X(ins.Rd) = Math.Max(X(ins.Rs1), X(ins.Rs2)); break;
            case Op.Min: X(ins.Rd) = (ulong)Math.Min((long)X(ins.Rs1), (long)X(ins.Rs2)); break;
            case Op.Minu: X(ins.Rd) = Math.Min(X(ins.Rs1), X(ins.Rs2)); break;
            case Op.SextB: X(ins.Rd) = (ulong)(sbyte)X(ins.Rs1); break;
            case Op.SextH: X(ins.Rd) = (ulong)(short)X(ins.Rs1); break;
            case Op.ZextH: X(ins.Rd) = (ushort)X(ins.Rs1); break;
            case Op.Rol: X(ins.Rd) = BitOperations.RotateLeft(X(ins.Rs1), (int)(X(ins.Rs2) & 63)); break;
            case Op.Ror: X(ins.Rd) = BitOperations.RotateRight(X(ins.Rs1), (int)(X(ins.Rs2) & 63)); break;
            case Op.Rolw: X(ins.Rd) = SignExtend32(BitOperations.RotateLeft((uint)X(ins.Rs1), (int)(X(ins.Rs2) & 31))); break;
            case Op.Rorw: X(ins.Rd) = SignExtend32(BitOperations.RotateRight((uint)X(ins.Rs1), (int)(X(ins.Rs2) & 31))); break;
            case Op.Rori: X(ins.Rd) = BitOperations.RotateRight(X(ins.Rs1), (int)ins.Imm); break;
            case Op.Roriw: X(ins.Rd) = SignExtend32(BitOperations.RotateRight((uint)X(ins.Rs1), (int)ins.Imm)); break;
            case Op.OrcB: X(ins.Rd) = OrCombine(X(ins.Rs1)); break;
            case Op.Rev8: X(ins.Rd) = BinaryPrimitivesReverse(X(ins.Rs1)); break;

            default:
                if (!ExecuteFloat(ins)) return true;
                break;
        }
        Pc += len;
        return true;
    }

    internal static ulong BinaryPrimitivesReverse(ulong v) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);
}
