using System.Reflection.Emit;
using Nido.Jvm.Runtime;
using static Nido.Jvm.Jit.Bytecode;

namespace Nido.Jvm.Jit;

/// <summary>
/// Small callees that call nothing and cannot throw (frameless: see <see cref="CodeFacts"/>) are emitted in place of
/// their call: .NET's JIT does not inline one DynamicMethod into another, and calling spectral-norm's `a(i, j)` or an
/// accessor costs more than running it. Targets that need no selection (static, private, final, invokespecial) and
/// the monomorphic guess of invokevirtual once its vtable check passed; one level deep. The callee's locals and
/// operand stack get CIL locals of their own, its constants join the caller's.
/// </summary>
internal sealed partial class MethodEmitter
{
    /// <summary>Bytecode bytes a callee may have to be inlined.</summary>
    private const int InlineLimit = 64;

    private bool TryInline(JMethod callee, int first, List<char> parameters, char ret)
    {
        if (_inlineEnd is not null || callee.Code is not { } code || code.Code.Length > InlineLimit
            || callee.IsNative || callee.Native is not null || callee.IsSynchronized || callee.Owner.File is null) return false;
        var facts = new CodeFacts(callee);
        if (!facts.Frameless || facts.Calls) return false;
        StackKinds kinds;
        try
        {
            kinds = new StackKinds(callee);
        }
        catch (NotCompilableException)
        {
            return false;
        }
        var end = _il.DefineLabel();
        new MethodEmitter(this, callee, facts, kinds, end, ret == 'V' ? null : StackLocal(first, ret)).EmitInline(this, first, parameters);
        _il.MarkLabel(end);
        _jit.Inlined(callee, _m);
        return true;
    }

    /// <summary>The callee's body, its arguments taken from the caller's operand-stack locals.</summary>
    private void EmitInline(MethodEmitter caller, int first, List<char> parameters)
    {
        for (var pc = 0; pc < _bc.Length; pc++)
            if (_kinds.In[pc] is not null) _labels[pc] = _il.DefineLabel();
        var slot = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            caller.LdAt(first + i);
            _il.Emit(OpCodes.Stloc, JavaLocal(slot, parameters[i]));
            slot += Wide(parameters[i]) ? 2 : 1;
        }
        _il.Emit(OpCodes.Br, _labels[0]);
        Body();
    }
}
