using System.Reflection.Emit;
using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>Branches and jumps: the ends of basic blocks.</summary>
internal sealed partial class RegionCompiler
{
    private bool EmitControl(BasicBlock block, int offset, Instruction ins)
    {
        switch (ins.Op)
        {
            case Op.Jal:
                PushPc(offset + ins.Length);
                Store(ins.Rd);
                Goto(offset, block.Target);
                return true;
            case Op.Jalr:
                // The target first: rd may be rs1.
                Load(ins.Rs1);
                _il.Emit(OpCodes.Ldc_I8, ins.Imm);
                _il.Emit(OpCodes.Add);
                _il.Emit(OpCodes.Ldc_I8, ~1L);
                _il.Emit(OpCodes.And);
                _il.Emit(OpCodes.Stloc, _next);
                PushPc(offset + ins.Length);
                Store(ins.Rd);
                _il.Emit(OpCodes.Br, _exit);
                return true;
        }
        if (!InstructionClass.IsBranch(ins.Op)) return false;
        var taken = _il.DefineLabel();
        Load(ins.Rs1);
        Load(ins.Rs2);
        _il.Emit(ins.Op switch
        {
            Op.Beq => OpCodes.Beq,
            Op.Bne => OpCodes.Bne_Un,
            Op.Blt => OpCodes.Blt,
            Op.Bge => OpCodes.Bge,
            Op.Bltu => OpCodes.Blt_Un,
            _ => OpCodes.Bge_Un,
        }, taken);
        Goto(offset, block.Next);
        _il.MarkLabel(taken);
        Goto(offset, block.Target);
        return true;
    }
}
