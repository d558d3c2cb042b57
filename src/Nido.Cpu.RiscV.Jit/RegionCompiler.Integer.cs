using System.Reflection.Emit;
using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>RV64I/M arithmetic, Zba and Zbb in CIL (the rarer ones through <see cref="IntegerHelpers"/>).</summary>
internal sealed partial class RegionCompiler
{
    private void EmitInteger(int offset, Instruction ins)
    {
        switch (ins.Op)
        {
            case Op.Lui: _il.Emit(OpCodes.Ldc_I8, ins.Imm); break;
            case Op.Auipc: PushPc(offset + ins.Imm); break;

            case Op.Addi: Rs1Imm(OpCodes.Add, ins); break;
            case Op.Xori: Rs1Imm(OpCodes.Xor, ins); break;
            case Op.Ori: Rs1Imm(OpCodes.Or, ins); break;
            case Op.Andi: Rs1Imm(OpCodes.And, ins); break;
            case Op.Slti: Rs1Imm(OpCodes.Clt, ins); _il.Emit(OpCodes.Conv_U8); break;
            case Op.Sltiu: Rs1Imm(OpCodes.Clt_Un, ins); _il.Emit(OpCodes.Conv_U8); break;
            case Op.Slli: Shift(OpCodes.Shl, ins); break;
            case Op.Srli: Shift(OpCodes.Shr_Un, ins); break;
            case Op.Srai: Shift(OpCodes.Shr, ins); break;

            case Op.Add: Rs1Rs2(OpCodes.Add, ins); break;
            case Op.Sub: Rs1Rs2(OpCodes.Sub, ins); break;
            case Op.Xor: Rs1Rs2(OpCodes.Xor, ins); break;
            case Op.Or: Rs1Rs2(OpCodes.Or, ins); break;
            case Op.And: Rs1Rs2(OpCodes.And, ins); break;
            case Op.Mul: Rs1Rs2(OpCodes.Mul, ins); break;
            case Op.Slt: Rs1Rs2(OpCodes.Clt, ins); _il.Emit(OpCodes.Conv_U8); break;
            case Op.Sltu: Rs1Rs2(OpCodes.Clt_Un, ins); _il.Emit(OpCodes.Conv_U8); break;
            case Op.Sll: ShiftByRegister(OpCodes.Shl, ins, 63, word: false); break;
            case Op.Srl: ShiftByRegister(OpCodes.Shr_Un, ins, 63, word: false); break;
            case Op.Sra: ShiftByRegister(OpCodes.Shr, ins, 63, word: false); break;

            case Op.Addiw: Rs1Imm(OpCodes.Add, ins); SignExtendWord(); break;
            case Op.Addw: Rs1Rs2(OpCodes.Add, ins); SignExtendWord(); break;
            case Op.Subw: Rs1Rs2(OpCodes.Sub, ins); SignExtendWord(); break;
            case Op.Mulw: Rs1Rs2(OpCodes.Mul, ins); SignExtendWord(); break;
            case Op.Slliw: WordShift(OpCodes.Shl, ins); break;
            case Op.Srliw: WordShift(OpCodes.Shr_Un, ins); break;
            case Op.Sraiw: WordShift(OpCodes.Shr, ins); break;
            case Op.Sllw: ShiftByRegister(OpCodes.Shl, ins, 31, word: true); break;
            case Op.Srlw: ShiftByRegister(OpCodes.Shr_Un, ins, 31, word: true); break;
            case Op.Sraw: ShiftByRegister(OpCodes.Shr, ins, 31, word: true); break;

            case Op.AddUw: ZeroExtendedRs1(0); Load(ins.Rs2); _il.Emit(OpCodes.Add); break;
            case Op.Sh1add: case Op.Sh2add: case Op.Sh3add:
                Load(ins.Rs1);
                _il.Emit(OpCodes.Ldc_I4, ins.Op - Op.Sh1add + 1);
                _il.Emit(OpCodes.Shl);
                Load(ins.Rs2);
                _il.Emit(OpCodes.Add);
                break;
            case Op.Sh1addUw: case Op.Sh2addUw: case Op.Sh3addUw:
                ZeroExtendedRs1(ins.Op - Op.Sh1addUw + 1, ins.Rs1);
                Load(ins.Rs2);
                _il.Emit(OpCodes.Add);
                break;
            case Op.SlliUw: ZeroExtendedRs1((int)ins.Imm, ins.Rs1); break;
            case Op.Andn: Load(ins.Rs1); Load(ins.Rs2); _il.Emit(OpCodes.Not); _il.Emit(OpCodes.And); break;
            case Op.Orn: Load(ins.Rs1); Load(ins.Rs2); _il.Emit(OpCodes.Not); _il.Emit(OpCodes.Or); break;
            case Op.Xnor: Rs1Rs2(OpCodes.Xor, ins); _il.Emit(OpCodes.Not); break;

            default:
                var (method, immediate) = IntegerHelpers.For(ins.Op)
                    ?? throw new InvalidOperationException($"the translator has no rule for {ins.Op}");
                Load(ins.Rs1);
                if (immediate) _il.Emit(OpCodes.Ldc_I8, ins.Imm);
                else Load(ins.Rs2);
                EmitCall(method);
                break;
        }
        Store(ins.Rd);

        void ZeroExtendedRs1(int shift, int rs1 = -1)
        {
            Load(rs1 < 0 ? ins.Rs1 : rs1);
            _il.Emit(OpCodes.Conv_U4);
            _il.Emit(OpCodes.Conv_U8);
            if (shift == 0) return;
            _il.Emit(OpCodes.Ldc_I4, shift);
            _il.Emit(OpCodes.Shl);
        }
    }

    private void Rs1Imm(OpCode op, Instruction ins)
    {
        Load(ins.Rs1);
        _il.Emit(OpCodes.Ldc_I8, ins.Imm);
        _il.Emit(op);
    }

    private void Rs1Rs2(OpCode op, Instruction ins)
    {
        Load(ins.Rs1);
        Load(ins.Rs2);
        _il.Emit(op);
    }

    private void Shift(OpCode op, Instruction ins)
    {
        Load(ins.Rs1);
        _il.Emit(OpCodes.Ldc_I4, (int)ins.Imm & 63);
        _il.Emit(op);
    }

    /// <summary>The shift amount is rs2's low 6 (or 5) bits: CIL leaves larger amounts undefined.</summary>
    private void ShiftByRegister(OpCode op, Instruction ins, int mask, bool word)
    {
        Load(ins.Rs1);
        if (word) _il.Emit(OpCodes.Conv_I4);
        Load(ins.Rs2);
        _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Ldc_I4, mask);
        _il.Emit(OpCodes.And);
        _il.Emit(op);
        if (word) _il.Emit(OpCodes.Conv_I8);
    }

    /// <summary>SLLIW/SRLIW/SRAIW: the low word shifted as a 32-bit value, the result sign-extended.</summary>
    private void WordShift(OpCode op, Instruction ins)
    {
        Load(ins.Rs1);
        _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Ldc_I4, (int)ins.Imm & 31);
        _il.Emit(op);
        _il.Emit(OpCodes.Conv_I8);
    }

    private void SignExtendWord()
    {
        _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Conv_I8);
    }
}
