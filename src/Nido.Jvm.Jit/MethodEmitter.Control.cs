using System.Reflection.Emit;
using static Nido.Jvm.Jit.Bytecode;

namespace Nido.Jvm.Jit;

/// <summary>Branches, switches and returns.</summary>
internal sealed partial class MethodEmitter
{
    private void Branch(byte op, int pc)
    {
        var target = Target(pc + (op == 0xc8 ? S4(_bc, pc + 1) : S2(_bc, pc + 1)));
        switch (op)
        {
            case >= 0x99 and <= 0x9e:
                Ld(0);
                Drop();
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(Condition(op - 0x99), target);
                break;
            case >= 0x9f and <= 0xa4:
                Ld(1);
                Ld(0);
                Drop(2);
                _il.Emit(Condition(op - 0x9f), target);
                break;
            case 0xa5 or 0xa6:
                Ld(1);
                Ld(0);
                Drop(2);
                _il.Emit(op == 0xa5 ? OpCodes.Beq : OpCodes.Bne_Un, target);
                break;
            case 0xc6 or 0xc7:
                Ld(0);
                Drop();
                _il.Emit(op == 0xc6 ? OpCodes.Brfalse : OpCodes.Brtrue, target);
                break;
            default:
                _il.Emit(OpCodes.Br, target);
                break;
        }
    }

    private static OpCode Condition(int c) => c switch
    {
        0 => OpCodes.Beq,
        1 => OpCodes.Bne_Un,
        2 => OpCodes.Blt,
        3 => OpCodes.Bge,
        4 => OpCodes.Bgt,
        _ => OpCodes.Ble,
    };

    private void Switch(byte op, int pc)
    {
        var p = (pc + 4) & ~3;
        var fallback = Target(pc + S4(_bc, p));
        Ld(0);
        Drop();
        if (op == 0xaa)
        {
            var low = S4(_bc, p + 4);
            var high = S4(_bc, p + 8);
            var targets = new Label[high - low + 1];
            for (var i = 0; i < targets.Length; i++) targets[i] = Target(pc + S4(_bc, p + 12 + i * 4));
            if (low != 0)
            {
                _il.Emit(OpCodes.Ldc_I4, low);
                _il.Emit(OpCodes.Sub);
            }
            _il.Emit(OpCodes.Switch, targets);
            _il.Emit(OpCodes.Br, fallback);
            return;
        }
        var key = _il.DeclareLocal(typeof(int));
        _il.Emit(OpCodes.Stloc, key);
        var n = S4(_bc, p + 4);
        for (var i = 0; i < n; i++)
        {
            _il.Emit(OpCodes.Ldloc, key);
            _il.Emit(OpCodes.Ldc_I4, S4(_bc, p + 8 + i * 8));
            _il.Emit(OpCodes.Beq, Target(pc + S4(_bc, p + 12 + i * 8)));
        }
        _il.Emit(OpCodes.Br, fallback);
    }

    private void Return(byte op)
    {
        var kind = op == 0xb1 ? 'V' : KindAt(0);
        if (kind != 'V') Ld(0);
        if (op == 0xac) Bytecode.Narrow(_il, _m.ReturnKind);
        if (_inlineEnd is { } end)
        {
            if (kind != 'V') _il.Emit(OpCodes.Stloc, _inlineResult!);
            _il.Emit(OpCodes.Br, end);
            return;
        }
        if (_loop)
        {
            PackSlot(kind);
        }
        if (_inTry)
        {
            if (_result is not null) _il.Emit(OpCodes.Stloc, _result);
            _il.Emit(OpCodes.Leave, _epilogue);
            return;
        }
        if (!_loop && !_frameless) PopFrame();
        _il.Emit(OpCodes.Ret);
    }
}
