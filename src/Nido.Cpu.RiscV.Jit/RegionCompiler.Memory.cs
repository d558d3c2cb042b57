using System.Reflection;
using System.Reflection.Emit;
using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>
/// Integer loads and stores: the TLB lookup inlined (a hit in RAM is one host access), everything else through
/// the hart's slow path, which may trap.
/// </summary>
internal sealed partial class RegionCompiler
{
    private static readonly MethodInfo ReadHost = typeof(Hart).GetMethod(nameof(Hart.JitReadHost), Internal)!;
    private static readonly MethodInfo WriteHost = typeof(Hart).GetMethod(nameof(Hart.JitWriteHost), Internal)!;
    private static readonly MethodInfo LoadSlow = typeof(Hart).GetMethod(nameof(Hart.JitLoadSlow), Internal)!;
    private static readonly MethodInfo StoreSlow = typeof(Hart).GetMethod(nameof(Hart.JitStoreSlow), Internal)!;

    private bool EmitMemory(int offset, Instruction ins, Label trap)
    {
        switch (ins.Op)
        {
            case Op.Lb: EmitLoad(offset, ins, 1, OpCodes.Ldind_I1, OpCodes.Conv_I1, trap); return true;
            case Op.Lh: EmitLoad(offset, ins, 2, OpCodes.Ldind_I2, OpCodes.Conv_I2, trap); return true;
            case Op.Lw: EmitLoad(offset, ins, 4, OpCodes.Ldind_I4, OpCodes.Conv_I4, trap); return true;
            case Op.Ld: EmitLoad(offset, ins, 8, OpCodes.Ldind_I8, null, trap); return true;
            case Op.Lbu: EmitLoad(offset, ins, 1, OpCodes.Ldind_U1, null, trap); return true;
            case Op.Lhu: EmitLoad(offset, ins, 2, OpCodes.Ldind_U2, null, trap); return true;
            case Op.Lwu: EmitLoad(offset, ins, 4, OpCodes.Ldind_U4, null, trap); return true;
            case Op.Sb: EmitStore(offset, ins, 1, OpCodes.Stind_I1, trap); return true;
            case Op.Sh: EmitStore(offset, ins, 2, OpCodes.Stind_I2, trap); return true;
            case Op.Sw: EmitStore(offset, ins, 4, OpCodes.Stind_I4, trap); return true;
            case Op.Sd: EmitStore(offset, ins, 8, OpCodes.Stind_I8, trap); return true;
            default: return false;
        }
    }

    private void EffectiveAddress(Instruction ins)
    {
        Load(ins.Rs1);
        if (ins.Imm != 0)
        {
            _il.Emit(OpCodes.Ldc_I8, ins.Imm);
            _il.Emit(OpCodes.Add);
        }
        _il.Emit(OpCodes.Stloc, _va);
    }

    /// <param name="narrow">How the slow path's zero-extended value is sign-extended (null: it is already right).</param>
    private void EmitLoad(int offset, Instruction ins, int size, OpCode load, OpCode? narrow, Label trap)
    {
        var slow = _il.DefineLabel();
        var done = _il.DefineLabel();
        EffectiveAddress(ins);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldloc, _va);
        _il.Emit(OpCodes.Ldc_I4, size);
        _il.Emit(OpCodes.Call, ReadHost);
        _il.Emit(OpCodes.Stloc, _addr);
        _il.Emit(OpCodes.Ldloc, _addr);
        _il.Emit(OpCodes.Brfalse, slow);
        _il.Emit(OpCodes.Ldloc, _addr);
        _il.Emit(load);
        _il.Emit(size == 8 ? OpCodes.Nop : load == OpCodes.Ldind_I1 || load == OpCodes.Ldind_I2 || load == OpCodes.Ldind_I4 ? OpCodes.Conv_I8 : OpCodes.Conv_U8);
        Store(ins.Rd);
        _il.Emit(OpCodes.Br, done);

        _il.MarkLabel(slow);
        SetPc(offset);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldloc, _va);
        _il.Emit(OpCodes.Ldc_I4, size);
        _il.Emit(OpCodes.Call, LoadSlow);
        _il.Emit(OpCodes.Stloc, _tmp);
        BranchOnFault(trap);
        _il.Emit(OpCodes.Ldloc, _tmp);
        if (narrow is { } n)
        {
            _il.Emit(n);
            _il.Emit(OpCodes.Conv_I8);
        }
        Store(ins.Rd);
        _il.MarkLabel(done);
    }

    private void EmitStore(int offset, Instruction ins, int size, OpCode store, Label trap)
    {
        var slow = _il.DefineLabel();
        var done = _il.DefineLabel();
        EffectiveAddress(ins);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldloc, _va);
        _il.Emit(OpCodes.Ldc_I4, size);
        _il.Emit(OpCodes.Call, WriteHost);
        _il.Emit(OpCodes.Stloc, _addr);
        _il.Emit(OpCodes.Ldloc, _addr);
        _il.Emit(OpCodes.Brfalse, slow);
        _il.Emit(OpCodes.Ldloc, _addr);
        Load(ins.Rs2);
        if (size == 4) _il.Emit(OpCodes.Conv_U4);
        else if (size == 2) _il.Emit(OpCodes.Conv_U2);
        else if (size == 1) _il.Emit(OpCodes.Conv_U1);
        _il.Emit(store);
        _il.Emit(OpCodes.Br, done);

        _il.MarkLabel(slow);
        SetPc(offset);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldloc, _va);
        _il.Emit(OpCodes.Ldc_I4, size);
        Load(ins.Rs2);
        _il.Emit(OpCodes.Call, StoreSlow);
        BranchOnFault(trap);
        _il.MarkLabel(done);
    }
}
