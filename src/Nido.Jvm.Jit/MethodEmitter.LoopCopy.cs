using System.Reflection.Emit;
using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Jit;

/// <summary>
/// A loop entry (OSR) starts at a loop head. When that loop lies inside another, jumping straight to it enters the
/// outer loop in its middle: the flow graph is irreducible, and RyuJIT then finds no loops in it — it keeps the
/// sums and counters of the hot loop in memory and hoists nothing (spectral-norm's inner loop ran 3× slower than in
/// the typed method). So the entry runs a copy of the inner loop first (its pcs from the head to the last branch
/// back to it): branches inside that range stay in the copy, the ones out of it go to the method's code. That code
/// is then entered where the inner loop exits, and each enclosing loop has that one entry, as a rotated loop.
/// </summary>
internal sealed partial class MethodEmitter
{
    /// <summary>Where a branch to <paramref name="pc"/> goes: into the copy from inside it, else the method's code.</summary>
    private Label Target(int pc) =>
        _inCopy && pc >= _startPc && pc <= _copyLast ? _copy![pc] : _labels[pc];

    /// <summary>Where the compiled code starts: the loop copy's head when there is one.</summary>
    private Label Entry => _copy is null ? _labels[_startPc] : _copy[_startPc];

    /// <summary>Decides the copy: the loop at the start pc, if a loop before it also contains it.</summary>
    private void PlanLoopCopy()
    {
        var last = -1;
        var nested = false;
        var next = new List<int>();
        for (var pc = 0; pc < _bc.Length; pc += Instructions.Length(_bc, pc))
        {
            if (_kinds.In[pc] is null || !Instructions.Successors(_bc, pc, next)) continue;
            foreach (var target in next)
            {
                if (target > pc) continue;
                if (target == _startPc) last = Math.Max(last, pc);
                else if (target < _startPc && pc >= _startPc) nested = true;
            }
        }
        if (last < 0 || !nested) return;
        _copyLast = last;
        _copyExit = last + Instructions.Length(_bc, last);
        _copy = new Label[_bc.Length];
        for (var pc = _startPc; pc <= _copyLast; pc++)
            if (_kinds.In[pc] is not null) _copy[pc] = _il.DefineLabel();
    }

    private void LoopCopy()
    {
        if (_copy is null) return;
        _inCopy = true;
        var last = _startPc;
        for (var pc = _startPc; pc <= _copyLast; pc++)
        {
            if (_kinds.In[pc] is not { } state) continue;
            _il.MarkLabel(_copy[pc]);
            _pc = pc;
            _s = [.. state];
            EnterInstruction(pc);
            Instruction(pc);
            last = pc;
        }
        _inCopy = false;
        // The last instruction may fall through (a conditional branch back): out of the copy, into the method's code.
        var after = last + Instructions.Length(_bc, last);
        if (after < _bc.Length && _kinds.In[after] is not null) _il.Emit(OpCodes.Br, _labels[after]);
    }
}
