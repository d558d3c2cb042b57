using System.Runtime.CompilerServices;
using Nido.Cpu.RiscV.Csr;
using Nido.Cpu.RiscV.Decoder;
using Nido.Cpu.RiscV.Float;

namespace Nido.Cpu.RiscV;

/// <summary>
/// F and D: NaN-boxing of singles in the 64-bit f registers, rounding-mode resolution (static or frm), accrued
/// flags, and the arithmetic in <see cref="F32"/>/<see cref="F64"/> (exact in every rounding mode).
/// </summary>
public sealed partial class Hart
{
    private const ulong BoxMask = 0xffff_ffff_0000_0000;
    private const uint CanonicalNaN32 = 0x7fc0_0000;

    /// <summary>A single from an f register: its low half if properly NaN-boxed, else the canonical NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint S(int index)
    {
        var v = F(index);
        return (v & BoxMask) == BoxMask ? (uint)v : CanonicalNaN32;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetS(int index, uint value)
    {
        F(index) = BoxMask | value;
        DirtyFp();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetD(int index, ulong value)
    {
        F(index) = value;
        DirtyFp();
    }

    /// <summary>The instruction's rounding mode (7 = frm); false when it names a reserved mode (illegal instruction).</summary>
    private bool RoundingOf(in Instruction ins, out RoundingMode rm)
    {
        var r = ins.Rm == 7 ? (int)_frm : ins.Rm;
        rm = (RoundingMode)r;
        return r <= 4;
    }

    /// <summary>Executes an F/D instruction; false when it trapped.</summary>
    private bool ExecuteFloat(in Instruction ins)
    {
        if (!FpEnabled)
        {
            RaiseIllegal(ins);
            return false;
        }
        switch (ins.Op)
        {
            case Op.Flw: { if (!Load(X(ins.Rs1) + (ulong)ins.Imm, out uint v)) return false; SetS(ins.Rd, v); return true; }
            case Op.Fld: { if (!Load(X(ins.Rs1) + (ulong)ins.Imm, out ulong v)) return false; SetD(ins.Rd, v); return true; }
            case Op.Fsw: return Store(X(ins.Rs1) + (ulong)ins.Imm, (uint)F(ins.Rs2));
            case Op.Fsd: return Store(X(ins.Rs1) + (ulong)ins.Imm, F(ins.Rs2));

            case Op.FsgnjS: SetS(ins.Rd, (S(ins.Rs1) & 0x7fff_ffff) | (S(ins.Rs2) & 0x8000_0000)); return true;
            case Op.FsgnjnS: SetS(ins.Rd, (S(ins.Rs1) & 0x7fff_ffff) | (~S(ins.Rs2) & 0x8000_0000)); return true;
            case Op.FsgnjxS: SetS(ins.Rd, S(ins.Rs1) ^ (S(ins.Rs2) & 0x8000_0000)); return true;
            case Op.FsgnjD: SetD(ins.Rd, (F(ins.Rs1) & ~(1UL << 63)) | (F(ins.Rs2) & (1UL << 63))); return true;
            case Op.FsgnjnD: SetD(ins.Rd, (F(ins.Rs1) & ~(1UL << 63)) | (~F(ins.Rs2) & (1UL << 63))); return true;
            case Op.FsgnjxD: SetD(ins.Rd, F(ins.Rs1) ^ (F(ins.Rs2) & (1UL << 63))); return true;
            case Op.FmvXW: X(ins.Rd) = SignExtend32(F(ins.Rs1)); return true;
            case Op.FmvWX: SetS(ins.Rd, (uint)X(ins.Rs1)); return true;
            case Op.FmvXD: X(ins.Rd) = F(ins.Rs1); return true;
            case Op.FmvDX: SetD(ins.Rd, X(ins.Rs1)); return true;
            case Op.FclassS: X(ins.Rd) = F32.Classify(S(ins.Rs1)); return true;
            case Op.FclassD: X(ins.Rd) = F64.Classify(F(ins.Rs1)); return true;
        }

        var flags = FpFlags.None;
        switch (ins.Op)
        {
            case Op.FminS: SetS(ins.Rd, F32.Min(S(ins.Rs1), S(ins.Rs2), ref flags)); break;
            case Op.FmaxS: SetS(ins.Rd, F32.Max(S(ins.Rs1), S(ins.Rs2), ref flags)); break;
            case Op.FminD: SetD(ins.Rd, F64.Min(F(ins.Rs1), F(ins.Rs2), ref flags)); break;
            case Op.FmaxD: SetD(ins.Rd, F64.Max(F(ins.Rs1), F(ins.Rs2), ref flags)); break;
            case Op.FeqS: X(ins.Rd) = F32.Eq(S(ins.Rs1), S(ins.Rs2), ref flags) ? 1UL : 0; break;
            case Op.FltS: X(ins.Rd) = F32.Lt(S(ins.Rs1), S(ins.Rs2), ref flags) ? 1UL : 0; break;
            case Op.FleS: X(ins.Rd) = F32.Le(S(ins.Rs1), S(ins.Rs2), ref flags) ? 1UL : 0; break;
            case Op.FeqD: X(ins.Rd) = F64.Eq(F(ins.Rs1), F(ins.Rs2), ref flags) ? 1UL : 0; break;
            case Op.FltD: X(ins.Rd) = F64.Lt(F(ins.Rs1), F(ins.Rs2), ref flags) ? 1UL : 0; break;
            case Op.FleD: X(ins.Rd) = F64.Le(F(ins.Rs1), F(ins.Rs2), ref flags) ? 1UL : 0; break;
            case Op.FcvtDS: SetD(ins.Rd, F64.FromF32(S(ins.Rs1), ref flags)); break;
            default:
                if (!RoundingOf(ins, out var rm))
                {
                    RaiseIllegal(ins);
                    return false;
                }
                Rounded(ins, rm, ref flags);
                break;
        }
        if (flags != FpFlags.None)
        {
            _fflags |= flags;
            DirtyFp();
        }
        return true;
    }

    private void Rounded(in Instruction ins, RoundingMode rm, ref FpFlags flags)
    {
        const uint sign32 = 0x8000_0000;
        const ulong sign64 = 1UL << 63;
        switch (ins.Op)
        {
            case Op.FaddS: SetS(ins.Rd, F32.Add(S(ins.Rs1), S(ins.Rs2), rm, ref flags)); break;
            case Op.FsubS: SetS(ins.Rd, F32.Sub(S(ins.Rs1), S(ins.Rs2), rm, ref flags)); break;
            case Op.FmulS: SetS(ins.Rd, F32.Mul(S(ins.Rs1), S(ins.Rs2), rm, ref flags)); break;
            case Op.FdivS: SetS(ins.Rd, F32.Div(S(ins.Rs1), S(ins.Rs2), rm, ref flags)); break;
            case Op.FsqrtS: SetS(ins.Rd, F32.Sqrt(S(ins.Rs1), rm, ref flags)); break;
            case Op.FmaddS: SetS(ins.Rd, F32.MulAdd(S(ins.Rs1), S(ins.Rs2), S(ins.Rs3), rm, ref flags)); break;
            case Op.FmsubS: SetS(ins.Rd, F32.MulAdd(S(ins.Rs1), S(ins.Rs2), S(ins.Rs3) ^ sign32, rm, ref flags)); break;
            case Op.FnmsubS: SetS(ins.Rd, F32.MulAdd(S(ins.Rs1) ^ sign32, S(ins.Rs2), S(ins.Rs3), rm, ref flags)); break;
            case Op.FnmaddS: SetS(ins.Rd, F32.MulAdd(S(ins.Rs1) ^ sign32, S(ins.Rs2), S(ins.Rs3) ^ sign32, rm, ref flags)); break;
            case Op.FaddD: SetD(ins.Rd, F64.Add(F(ins.Rs1), F(ins.Rs2), rm, ref flags)); break;
            case Op.FsubD: SetD(ins.Rd, F64.Sub(F(ins.Rs1), F(ins.Rs2), rm, ref flags)); break;
            case Op.FmulD: SetD(ins.Rd, F64.Mul(F(ins.Rs1), F(ins.Rs2), rm, ref flags)); break;
            case Op.FdivD: SetD(ins.Rd, F64.Div(F(ins.Rs1), F(ins.Rs2), rm, ref flags)); break;
            case Op.FsqrtD: SetD(ins.Rd, F64.Sqrt(F(ins.Rs1), rm, ref flags)); break;
            case Op.FmaddD: SetD(ins.Rd, F64.MulAdd(F(ins.Rs1), F(ins.Rs2), F(ins.Rs3), rm, ref flags)); break;
            case Op.FmsubD: SetD(ins.Rd, F64.MulAdd(F(ins.Rs1), F(ins.Rs2), F(ins.Rs3) ^ sign64, rm, ref flags)); break;
            case Op.FnmsubD: SetD(ins.Rd, F64.MulAdd(F(ins.Rs1) ^ sign64, F(ins.Rs2), F(ins.Rs3), rm, ref flags)); break;
            case Op.FnmaddD: SetD(ins.Rd, F64.MulAdd(F(ins.Rs1) ^ sign64, F(ins.Rs2), F(ins.Rs3) ^ sign64, rm, ref flags)); break;
            case Op.FcvtSD: SetS(ins.Rd, F32.FromF64(F(ins.Rs1), rm, ref flags)); break;

            case Op.FcvtWS: X(ins.Rd) = (ulong)(long)F32.ToInt32(S(ins.Rs1), rm, ref flags); break;
            case Op.FcvtWuS: X(ins.Rd) = SignExtend32(F32.ToUInt32(S(ins.Rs1), rm, ref flags)); break;
            case Op.FcvtLS: X(ins.Rd) = (ulong)F32.ToInt64(S(ins.Rs1), rm, ref flags); break;
            case Op.FcvtLuS: X(ins.Rd) = F32.ToUInt64(S(ins.Rs1), rm, ref flags); break;
            case Op.FcvtWD: X(ins.Rd) = (ulong)(long)F64.ToInt32(F(ins.Rs1), rm, ref flags); break;
            case Op.FcvtWuD: X(ins.Rd) = SignExtend32(F64.ToUInt32(F(ins.Rs1), rm, ref flags)); break;
            case Op.FcvtLD: X(ins.Rd) = (ulong)F64.ToInt64(F(ins.Rs1), rm, ref flags); break;
            case Op.FcvtLuD: X(ins.Rd) = F64.ToUInt64(F(ins.Rs1), rm, ref flags); break;

            case Op.FcvtSW: SetS(ins.Rd, F32.FromInt32((int)X(ins.Rs1), rm, ref flags)); break;
            case Op.FcvtSWu: SetS(ins.Rd, F32.FromUInt32((uint)X(ins.Rs1), rm, ref flags)); break;
            case Op.FcvtSL: SetS(ins.Rd, F32.FromInt64((long)X(ins.Rs1), rm, ref flags)); break;
            case Op.FcvtSLu: SetS(ins.Rd, F32.FromUInt64(X(ins.Rs1), rm, ref flags)); break;
            case Op.FcvtDW: SetD(ins.Rd, F64.FromInt32((int)X(ins.Rs1), rm, ref flags)); break;
            case Op.FcvtDWu: SetD(ins.Rd, F64.FromUInt32((uint)X(ins.Rs1), rm, ref flags)); break;
            case Op.FcvtDL: SetD(ins.Rd, F64.FromInt64((long)X(ins.Rs1), rm, ref flags)); break;
            case Op.FcvtDLu: SetD(ins.Rd, F64.FromUInt64(X(ins.Rs1), rm, ref flags)); break;
            default: throw new InvalidOperationException($"no handler for {ins.Op}");
        }
    }
}
