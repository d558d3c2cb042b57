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
        Overwritten(index);
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
        // Values are copied to temporaries (the pushes reuse the same stack positions), then pushed back in the new order.
        var order = Bytecode.Shuffle(op, KindAt, out var take);
        var baseIndex = _s.Count - take;
        var temps = new LocalBuilder[take];
        if (order.Length > 0)
            for (var i = 0; i < take; i++)
            {
                var kind = _s[baseIndex + i];
                temps[i] = _il.DeclareLocal(Bytecode.ClrType(kind));
                _il.Emit(OpCodes.Ldloc, StackLocal(baseIndex + i, kind));
                _il.Emit(OpCodes.Stloc, temps[i]);
            }
        var kinds = Take(take);
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
