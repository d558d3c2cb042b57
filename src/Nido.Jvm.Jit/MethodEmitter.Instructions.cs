using System.Reflection.Emit;
using Nido.Jvm.ClassFile;
using Nido.Jvm.Compiled;
using static Nido.Jvm.Jit.Bytecode;

namespace Nido.Jvm.Jit;

/// <summary>The instruction switch: constants, locals, arithmetic, conversions and comparisons here; control flow,
/// members and objects in their own files.</summary>
internal sealed partial class MethodEmitter
{
    private void Instruction(int pc)
    {
        var op = _bc[pc];
        switch (op)
        {
            case 0x00: break;
            case 0x01: _il.Emit(OpCodes.Ldnull); Push('R'); break;
            case >= 0x02 and <= 0x08: _il.Emit(OpCodes.Ldc_I4, op - 0x03); Push('I'); break;
            case 0x09 or 0x0a: _il.Emit(OpCodes.Ldc_I8, (long)(op - 0x09)); Push('J'); break;
            case >= 0x0b and <= 0x0d: _il.Emit(OpCodes.Ldc_R4, (float)(op - 0x0b)); Push('F'); break;
            case 0x0e or 0x0f: _il.Emit(OpCodes.Ldc_R8, (double)(op - 0x0e)); Push('D'); break;
            case 0x10: _il.Emit(OpCodes.Ldc_I4, (int)(sbyte)_bc[pc + 1]); Push('I'); break;
            case 0x11: _il.Emit(OpCodes.Ldc_I4, S2(_bc, pc + 1)); Push('I'); break;
            case 0x12: Constant(_bc[pc + 1]); break;
            case 0x13 or 0x14: Constant(U2(_bc, pc + 1)); break;
            case 0x15: LoadLocal(_bc[pc + 1], 'I'); break;
            case 0x16: LoadLocal(_bc[pc + 1], 'J'); break;
            case 0x17: LoadLocal(_bc[pc + 1], 'F'); break;
            case 0x18: LoadLocal(_bc[pc + 1], 'D'); break;
            case 0x19: LoadLocal(_bc[pc + 1], 'R'); break;
            case >= 0x1a and <= 0x2d: LoadLocal((op - 0x1a) % 4, "IJFDR"[(op - 0x1a) / 4]); break;
            case >= 0x2e and <= 0x35: ArrayLoad(op); break;
            case 0x36: StoreLocal(_bc[pc + 1], 'I'); break;
            case 0x37: StoreLocal(_bc[pc + 1], 'J'); break;
            case 0x38: StoreLocal(_bc[pc + 1], 'F'); break;
            case 0x39: StoreLocal(_bc[pc + 1], 'D'); break;
            case 0x3a: StoreLocal(_bc[pc + 1], 'R'); break;
            case >= 0x3b and <= 0x4e: StoreLocal((op - 0x3b) % 4, "IJFDR"[(op - 0x3b) / 4]); break;
            case >= 0x4f and <= 0x56: ArrayStore(op); break;
            case >= 0x57 and <= 0x5f: Shuffle(op); break;
            case >= 0x60 and <= 0x83: Arithmetic(op); break;
            case 0x84:
            {
                var local = JavaLocal(_bc[pc + 1], 'I');
                _il.Emit(OpCodes.Ldloc, local);
                _il.Emit(OpCodes.Ldc_I4, (int)(sbyte)_bc[pc + 2]);
                _il.Emit(OpCodes.Add);
                _il.Emit(OpCodes.Stloc, local);
                break;
            }
            case >= 0x85 and <= 0x93: Conversion(op); break;
            case >= 0x94 and <= 0x98: Compare(op); break;
            case (>= 0x99 and <= 0xa7) or 0xc6 or 0xc7 or 0xc8: Branch(op, pc); break;
            case 0xaa or 0xab: Switch(op, pc); break;
            case >= 0xac and <= 0xb1: Return(op); break;
            case >= 0xb2 and <= 0xb5: FieldAccess(op, U2(_bc, pc + 1)); break;
            case >= 0xb6 and <= 0xb9: Invoke(op, U2(_bc, pc + 1)); break;
            case 0xba: InvokeDynamic(U2(_bc, pc + 1)); break;
            case 0xbb: New(U2(_bc, pc + 1)); break;
            case 0xbc or 0xbd or 0xc5: NewArray(op, pc); break;
            case 0xbe:
                LdThread();
                Ld(0);
                Drop();
                _il.Emit(OpCodes.Ldc_I4, _pc);
                _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.Length)));
                Push('I');
                break;
            case 0xbf:
                LdThread();
                Ld(0);
                _il.Emit(OpCodes.Ldc_I4, _pc);
                _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.Throw)));
                _il.Emit(OpCodes.Throw);
                break;
            case 0xc0: CheckCast(U2(_bc, pc + 1)); break;
            case 0xc1: InstanceOf(U2(_bc, pc + 1)); break;
            case 0xc2 or 0xc3:
                LdThread();
                Ld(0);
                Drop();
                _il.Emit(OpCodes.Ldc_I4, _pc);
                _il.Emit(OpCodes.Call, Handles.Support(op == 0xc2 ? nameof(CompiledSupport.MonitorEnter) : nameof(CompiledSupport.MonitorExit)));
                break;
            case 0xc4: WideInstruction(pc); break;
            default: throw new NotCompilableException($"opcode {op:x2} at {pc}");
        }
    }

    private void WideInstruction(int pc)
    {
        var index = U2(_bc, pc + 2);
        switch (_bc[pc + 1])
        {
            case 0x15: LoadLocal(index, 'I'); break;
            case 0x16: LoadLocal(index, 'J'); break;
            case 0x17: LoadLocal(index, 'F'); break;
            case 0x18: LoadLocal(index, 'D'); break;
            case 0x19: LoadLocal(index, 'R'); break;
            case 0x36: StoreLocal(index, 'I'); break;
            case 0x37: StoreLocal(index, 'J'); break;
            case 0x38: StoreLocal(index, 'F'); break;
            case 0x39: StoreLocal(index, 'D'); break;
            case 0x3a: StoreLocal(index, 'R'); break;
            case 0x84:
            {
                var local = JavaLocal(index, 'I');
                _il.Emit(OpCodes.Ldloc, local);
                _il.Emit(OpCodes.Ldc_I4, S2(_bc, pc + 4));
                _il.Emit(OpCodes.Add);
                _il.Emit(OpCodes.Stloc, local);
                break;
            }
            default: throw new NotCompilableException($"wide {_bc[pc + 1]:x2}");
        }
    }

    private void Constant(int index)
    {
        switch (_pool.Tag(index))
        {
            case ConstantTag.Integer: _il.Emit(OpCodes.Ldc_I4, _pool.Integer(index)); Push('I'); return;
            case ConstantTag.Float: _il.Emit(OpCodes.Ldc_R4, _pool.Float(index)); Push('F'); return;
            case ConstantTag.Long: _il.Emit(OpCodes.Ldc_I8, _pool.Long(index)); Push('J'); return;
            case ConstantTag.Double: _il.Emit(OpCodes.Ldc_R8, _pool.Double(index)); Push('D'); return;
            case ConstantTag.String when _cls.Resolved[index] is Runtime.JObject interned:
                LdK(interned);
                Push('R');
                return;
        }
        var kind = _kinds.In[_pc + (_bc[_pc] == 0x12 ? 2 : 3)] is { } after ? after[^1] : 'R';
        CallResolving(nameof(CompiledSupport.Constant), index);
        UnpackSlot(kind);
        Push(kind);
    }

    private void Arithmetic(byte op)
    {
        var family = (op - 0x60) / 4;
        var kind = KindAt(0);
        if (op >= 0x74 && op <= 0x77)
        {
            Ld(0);
            Drop();
            _il.Emit(OpCodes.Neg);
            Push(kind);
            return;
        }
        if (op >= 0x78 && op <= 0x7d)
        {
            // Shifts: Java uses the low 5 (int) or 6 (long) bits of the count.
            kind = KindAt(1);
            Ld(1);
            Ld(0);
            Drop(2);
            _il.Emit(OpCodes.Ldc_I4, kind == 'J' ? 63 : 31);
            _il.Emit(OpCodes.And);
            _il.Emit(((op - 0x78) / 2) switch { 0 => OpCodes.Shl, 1 => OpCodes.Shr, _ => OpCodes.Shr_Un });
            Push(kind);
            return;
        }
        if (family is 3 or 4 && kind is 'I' or 'J' && _facts.SafeDivisions.Contains(_pc))
        {
            // A constant divisor other than 0 and -1: CIL's division is Java's (and RyuJIT turns it into shifts and multiplies).
            Ld(1);
            Ld(0);
            Drop(2);
            _il.Emit(family == 3 ? OpCodes.Div : OpCodes.Rem);
            Push(kind);
            return;
        }
        if (family is 3 or 4 && kind is 'I' or 'J')
        {
            // Division and remainder: zero divisors throw, MIN / -1 wraps (CIL would throw).
            LdThread();
            Ld(1);
            Ld(0);
            Drop(2);
            _il.Emit(OpCodes.Ldc_I4, _pc);
            var name = (family, kind) switch
            {
                (3, 'I') => nameof(CompiledSupport.IDiv),
                (4, 'I') => nameof(CompiledSupport.IRem),
                (3, _) => nameof(CompiledSupport.LDiv),
                _ => nameof(CompiledSupport.LRem),
            };
            _il.Emit(OpCodes.Call, Handles.Support(name));
            Push(kind);
            return;
        }
        Ld(1);
        Ld(0);
        Drop(2);
        _il.Emit(op switch
        {
            >= 0x60 and <= 0x63 => OpCodes.Add,
            >= 0x64 and <= 0x67 => OpCodes.Sub,
            >= 0x68 and <= 0x6b => OpCodes.Mul,
            >= 0x6c and <= 0x6f => OpCodes.Div,
            >= 0x70 and <= 0x73 => OpCodes.Rem,
            0x7e or 0x7f => OpCodes.And,
            0x80 or 0x81 => OpCodes.Or,
            _ => OpCodes.Xor,
        });
        Push(kind);
    }

    private void Conversion(byte op)
    {
        Ld(0);
        Drop();
        char result;
        switch (op)
        {
            case 0x85: _il.Emit(OpCodes.Conv_I8); result = 'J'; break;
            case 0x86: _il.Emit(OpCodes.Conv_R4); result = 'F'; break;
            case 0x87: _il.Emit(OpCodes.Conv_R8); result = 'D'; break;
            case 0x88: _il.Emit(OpCodes.Conv_I4); result = 'I'; break;
            case 0x89: _il.Emit(OpCodes.Conv_R4); result = 'F'; break;
            case 0x8a: _il.Emit(OpCodes.Conv_R8); result = 'D'; break;
            case 0x8b: _il.Emit(OpCodes.Call, Handles.Of(typeof(Conversions), nameof(Conversions.F2I))); result = 'I'; break;
            case 0x8c: _il.Emit(OpCodes.Call, Handles.Of(typeof(Conversions), nameof(Conversions.F2L))); result = 'J'; break;
            case 0x8d: _il.Emit(OpCodes.Conv_R8); result = 'D'; break;
            case 0x8e: _il.Emit(OpCodes.Call, Handles.Of(typeof(Conversions), nameof(Conversions.D2I))); result = 'I'; break;
            case 0x8f: _il.Emit(OpCodes.Call, Handles.Of(typeof(Conversions), nameof(Conversions.D2L))); result = 'J'; break;
            case 0x90: _il.Emit(OpCodes.Conv_R4); result = 'F'; break;
            case 0x91: _il.Emit(OpCodes.Conv_I1); result = 'I'; break;
            case 0x92: _il.Emit(OpCodes.Conv_U2); result = 'I'; break;
            default: _il.Emit(OpCodes.Conv_I2); result = 'I'; break;
        }
        Push(result);
    }

    private void Compare(byte op)
    {
        Ld(1);
        Ld(0);
        Drop(2);
        _il.Emit(OpCodes.Call, Handles.Of(typeof(Comparisons), op switch
        {
            0x94 => nameof(Comparisons.LCmp),
            0x95 => nameof(Comparisons.FCmpL),
            0x96 => nameof(Comparisons.FCmpG),
            0x97 => nameof(Comparisons.DCmpL),
            _ => nameof(Comparisons.DCmpG),
        }));
        Push('I');
    }
}
