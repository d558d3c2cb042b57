using System.Reflection.Emit;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jit;

/// <summary>Operand-stack positions and locals as CIL locals, and values to and from slots.</summary>
internal sealed partial class MethodEmitter
{
    /// <summary>Loads the value <paramref name="fromTop"/> positions below the top (0 = top).</summary>
    private void Ld(int fromTop)
    {
        var i = _s.Count - 1 - fromTop;
        _il.Emit(OpCodes.Ldloc, StackLocal(i, _s[i]));
    }

    private char KindAt(int fromTop) => _s[_s.Count - 1 - fromTop];

    private void Drop(int n = 1) => _s.RemoveRange(_s.Count - n, n);

    /// <summary>Stores the CIL stack's top as a new operand-stack value of <paramref name="kind"/>.</summary>
    private void Push(char kind)
    {
        _il.Emit(OpCodes.Stloc, StackLocal(_s.Count, kind));
        _s.Add(kind);
    }

    /// <summary>Loads the operand-stack value at absolute position <paramref name="index"/>.</summary>
    private void LdAt(int index) => _il.Emit(OpCodes.Ldloc, StackLocal(index, _s[index]));

    private void LoadLocal(int index, char kind)
    {
        _il.Emit(OpCodes.Ldloc, JavaLocal(index, kind));
        Push(kind);
    }

    private void StoreLocal(int index, char kind)
    {
        Ld(0);
        Drop();
        _il.Emit(OpCodes.Stloc, JavaLocal(index, kind));
    }

    private void LoadFromSlot(char kind) => SlotCode.Load(_il, kind);

    private void StoreToSlot(char kind) => SlotCode.Store(_il, kind);

    /// <summary>A Slot value on the CIL stack becomes a value of <paramref name="kind"/>.</summary>
    private void UnpackSlot(char kind)
    {
        var temp = SlotTemp();
        _il.Emit(OpCodes.Stloc, temp);
        _il.Emit(OpCodes.Ldloca, temp);
        LoadFromSlot(kind);
    }

    /// <summary>A value of <paramref name="kind"/> on the CIL stack becomes a Slot value.</summary>
    private void PackSlot(char kind) => SlotCode.Pack(_il, kind);

    /// <summary>The stack-shuffling instructions (pop … swap), by the kinds on the stack.</summary>
    private void Shuffle(byte op)
    {
        // Values are popped into a list (top last), then pushed back in the new order.
        List<char> kinds;
        int[] order;
        switch (op)
        {
            case 0x57: Drop(); return;
            case 0x58: Drop(Bytecode.Wide(KindAt(0)) ? 1 : 2); return;
            case 0x59: kinds = Take(1); order = [0, 0]; break;
            case 0x5a: kinds = Take(2); order = [1, 0, 1]; break;
            case 0x5b: kinds = Take(Bytecode.Wide(KindAt(1)) ? 2 : 3); order = kinds.Count == 2 ? [1, 0, 1] : [2, 0, 1, 2]; break;
            case 0x5c: kinds = Take(Bytecode.Wide(KindAt(0)) ? 1 : 2); order = kinds.Count == 1 ? [0, 0] : [0, 1, 0, 1]; break;
            case 0x5d:
                kinds = Take(Bytecode.Wide(KindAt(0)) ? 2 : 3);
                order = kinds.Count == 2 ? [1, 0, 1] : [1, 2, 0, 1, 2];
                break;
            case 0x5e:
            {
                var top = Bytecode.Wide(KindAt(0)) ? 1 : 2;
                var below = Bytecode.Wide(KindAt(top)) ? 1 : 2;
                kinds = Take(top + below);
                var topIdx = Enumerable.Range(below, top).ToArray();
                var belowIdx = Enumerable.Range(0, below).ToArray();
                order = [.. topIdx, .. belowIdx, .. topIdx];
                break;
            }
            case 0x5f: kinds = Take(2); order = [1, 0]; break;
            default: throw new NotCompilableException($"shuffle {op:x2}");
        }
        // Copy the taken values to temporaries first: the pushes reuse the same stack positions.
        var temps = new LocalBuilder[kinds.Count];
        var baseIndex = _s.Count;
        for (var i = 0; i < kinds.Count; i++)
        {
            temps[i] = _il.DeclareLocal(Bytecode.ClrType(kinds[i]));
            _il.Emit(OpCodes.Ldloc, StackLocal(baseIndex + i, kinds[i]));
            _il.Emit(OpCodes.Stloc, temps[i]);
        }
        foreach (var i in order)
        {
            _il.Emit(OpCodes.Ldloc, temps[i]);
            Push(kinds[i]);
        }
    }

    /// <summary>Removes the top <paramref name="n"/> values from the kind list, returning their kinds bottom first.</summary>
    private List<char> Take(int n)
    {
        var kinds = _s.GetRange(_s.Count - n, n);
        Drop(n);
        return kinds;
    }
}
