using System.Reflection;
using System.Reflection.Emit;
using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>
/// Integer loads and stores: the TLB lookup inlined (a hit in RAM is one host access). Anything else (a miss, a
/// device, a page-crossing access, a fault) leaves the region before the instruction for the interpreter to do:
/// with no calls on its paths the region's guest registers can all stay in host registers.
/// </summary>
internal sealed partial class RegionCompiler
{
    private static readonly FieldInfo TlbRead = typeof(Hart).GetField(nameof(Hart.JitTlbRead), Internal)!;
    private static readonly FieldInfo TlbWrite = typeof(Hart).GetField(nameof(Hart.JitTlbWrite), Internal)!;

    /// <param name="miss">Where the region leaves for the interpreter to do this instruction.</param>
    private bool EmitMemory(Instruction ins, Label miss)
    {
        switch (ins.Op)
        {
            case Op.Lb: EmitLoad(ins, 1, OpCodes.Ldind_I1, signed: true, miss); return true;
            case Op.Lh: EmitLoad(ins, 2, OpCodes.Ldind_I2, signed: true, miss); return true;
            case Op.Lw: EmitLoad(ins, 4, OpCodes.Ldind_I4, signed: true, miss); return true;
            case Op.Ld: EmitLoad(ins, 8, OpCodes.Ldind_I8, signed: true, miss); return true;
            case Op.Lbu: EmitLoad(ins, 1, OpCodes.Ldind_U1, signed: false, miss); return true;
            case Op.Lhu: EmitLoad(ins, 2, OpCodes.Ldind_U2, signed: false, miss); return true;
            case Op.Lwu: EmitLoad(ins, 4, OpCodes.Ldind_U4, signed: false, miss); return true;
            case Op.Sb: EmitStore(ins, 1, OpCodes.Stind_I1, miss); return true;
            case Op.Sh: EmitStore(ins, 2, OpCodes.Stind_I2, miss); return true;
            case Op.Sw: EmitStore(ins, 4, OpCodes.Stind_I4, miss); return true;
            case Op.Sd: EmitStore(ins, 8, OpCodes.Stind_I8, miss); return true;
            default: return false;
        }
    }

    public static bool IsMemory(Op op) => op is >= Op.Lb and <= Op.Sd;

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

    /// <summary>
    /// The inlined TLB hit test: branches to <paramref name="miss"/> unless va's page is in the TLB and the
    /// access stays inside it; on a hit leaves the host address in _addr.
    /// </summary>
    private void TlbLookup(FieldInfo tlb, int size, Label miss)
    {
        _il.Emit(OpCodes.Ldloc, _va);
        _il.Emit(OpCodes.Ldc_I4, 12);
        _il.Emit(OpCodes.Shr_Un);
        _il.Emit(OpCodes.Stloc, _vpn);
        LoadHart();
        EmitField(OpCodes.Ldfld, tlb);
        _il.Emit(OpCodes.Ldloc, _vpn);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Ldc_I4, Hart.TlbWays - 1);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.And);
        _il.Emit(OpCodes.Sizeof, typeof(Hart.TlbEntry));
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Mul);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, _entry);
        _il.Emit(OpCodes.Ldloc, _entry);
        _il.Emit(OpCodes.Ldind_I8); // Tag
        _il.Emit(OpCodes.Ldloc, _vpn);
        _il.Emit(OpCodes.Bne_Un, miss);
        _il.Emit(OpCodes.Ldloc, _va);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Ldc_I4, 0xfff);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.And);
        _il.Emit(OpCodes.Stloc, _addr);
        if (size > 1)
        {
            _il.Emit(OpCodes.Ldloc, _addr);
            _il.Emit(OpCodes.Ldc_I4, 4096 - size);
            _il.Emit(OpCodes.Conv_I);
            _il.Emit(OpCodes.Bgt_Un, miss);
        }
        _il.Emit(OpCodes.Ldloc, _entry);
        _il.Emit(OpCodes.Ldc_I4, HostOffset);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldind_I); // Host
        _il.Emit(OpCodes.Ldloc, _addr);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, _addr);
    }

    private static readonly int HostOffset = (int)System.Runtime.InteropServices.Marshal.OffsetOf<Hart.TlbEntry>(nameof(Hart.TlbEntry.Host));

    private static readonly MethodInfo[] QuickLoads = [.. new[] { 1, 2, 4, 8 }.Select(n => typeof(QuickMemory).GetMethod($"Load{n}")!)];
    private static readonly MethodInfo[] QuickStores = [.. new[] { 1, 2, 4, 8 }.Select(n => typeof(QuickMemory).GetMethod($"Store{n}")!)];

    private static int SizeIndex(int size) => System.Numerics.BitOperations.Log2((uint)size);

    private void EmitLoad(Instruction ins, int size, OpCode load, bool signed, Label miss)
    {
        EffectiveAddress(ins);
        if (_quick)
        {
            LoadHart();
            _il.Emit(OpCodes.Ldloc, _va);
            _il.Emit(OpCodes.Ldloca, _value);
            EmitCall(QuickLoads[SizeIndex(size)]);
            _il.Emit(OpCodes.Brfalse, miss);
            _il.Emit(OpCodes.Ldloc, _value);
            if (signed && size < 8)
            {
                _il.Emit(size == 1 ? OpCodes.Conv_I1 : size == 2 ? OpCodes.Conv_I2 : OpCodes.Conv_I4);
                _il.Emit(OpCodes.Conv_I8);
            }
            Store(ins.Rd);
            return;
        }
        TlbLookup(TlbRead, size, miss);
        _il.Emit(OpCodes.Ldloc, _addr);
        // Volatile: .NET's JIT must not hoist a guest load out of a loop (a spin on another hart's flag).
        _il.Emit(OpCodes.Volatile);
        _il.Emit(load);
        if (size < 8) _il.Emit(signed ? OpCodes.Conv_I8 : OpCodes.Conv_U8);
        Store(ins.Rd);
    }

    private void EmitStore(Instruction ins, int size, OpCode store, Label miss)
    {
        EffectiveAddress(ins);
        if (_quick)
        {
            LoadHart();
            _il.Emit(OpCodes.Ldloc, _va);
            Load(ins.Rs2);
            EmitCall(QuickStores[SizeIndex(size)]);
            _il.Emit(OpCodes.Brfalse, miss);
            return;
        }
        TlbLookup(TlbWrite, size, miss);
        _il.Emit(OpCodes.Ldloc, _addr);
        Load(ins.Rs2);
        if (size == 4) _il.Emit(OpCodes.Conv_U4);
        else if (size == 2) _il.Emit(OpCodes.Conv_U2);
        else if (size == 1) _il.Emit(OpCodes.Conv_U1);
        _il.Emit(store);
    }
}
