using System.Reflection.Emit;
using Nido.Jvm.Runtime;
using static Nido.Jvm.Jit.Bytecode;

namespace Nido.Jvm.Jit;

/// <summary>
/// Small callees are emitted in place of their call: .NET's JIT does not inline one DynamicMethod into another, and
/// calling spectral-norm's `a(i, j)` or an accessor costs more than running it. Targets that need no selection
/// (static, private, final, invokespecial) and the monomorphic guess of invokevirtual once its vtable check passed;
/// one level deep. The callee's locals and operand stack get CIL locals of their own, its constants join the caller's.
/// A callee that calls nothing and cannot throw (frameless: see <see cref="CodeFacts"/>) needs nothing more. One that
/// calls (fib calling itself, a tree's check) gets its Java frame as a called method would — its method id in the
/// next frame, the depth raised, its own pcs recorded — so stack traces and stack walks see it; only the .NET call,
/// its prologue and its epilogue are saved. HotSpot inlines recursive calls one level deep likewise.
/// </summary>
internal sealed partial class MethodEmitter
{
    /// <summary>Bytecode bytes a callee may have to be inlined.</summary>
    private const int InlineLimit = 64;

    /// <summary>Bytecode bytes a callee that calls may have to be inlined (HotSpot's MaxInlineSize).</summary>
    private const int FramedInlineLimit = 35;

    private bool TryInline(JMethod callee, int first, List<char> parameters, char ret)
    {
        if (_inlineEnd is not null || callee.Code is not { } code || code.Code.Length > InlineLimit
            || callee.IsNative || callee.Native is not null || callee.IsSynchronized || callee.Owner.File is null) return false;
        var facts = new CodeFacts(callee);
        var framed = !facts.Frameless;
        if (facts.Frameless ? facts.Calls : code.Code.Length > FramedInlineLimit || code.Handlers.Length > 0 || _frameless) return false;
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
        var inlined = new MethodEmitter(this, callee, facts, kinds, end, ret == 'V' ? null : StackLocal(first, ret));
        if (framed) PushInlinedFrame(inlined);
        inlined.EmitInline(this, first, parameters);
        _il.MarkLabel(end);
        if (framed) inlined.PopFrame(); // back to this method's depth (a throw out of the callee leaves that to its catcher)
        _jit.Inlined(callee, _m);
        return true;
    }

    /// <summary>
    /// The inlined callee's frame, next to this one: this call's pc recorded, the frame arrays' room checked (a full
    /// stack throws StackOverflowError here, as the callee's prologue would), its method id stored, the depth raised.
    /// </summary>
    private void PushInlinedFrame(MethodEmitter callee)
    {
        RecordPc();
        _il.Emit(OpCodes.Ldloc, _frame);
        _il.Emit(OpCodes.Ldc_I4_1);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, callee._frame);
        _il.Emit(OpCodes.Ldloc, _pcs);
        _il.Emit(OpCodes.Stloc, callee._pcs);
        var ids = _ids;
        if (ids is null)
        {
            ids = _il.DeclareLocal(typeof(int[]));
            LdThread();
            _il.Emit(OpCodes.Ldfld, Handles.ThreadFrameMethodIds);
            _il.Emit(OpCodes.Stloc, ids);
        }
        EnterFrame(callee._frame, ids, callee._m.Id, _il.DefineLabel());
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
