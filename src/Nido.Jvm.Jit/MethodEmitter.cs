using System.Reflection.Emit;
using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;
using static Nido.Jvm.Jit.Bytecode;

namespace Nido.Jvm.Jit;

/// <summary>
/// Translates one method's bytecode to CIL. Java locals and operand-stack positions become typed CIL locals (one per
/// index and kind), so the CIL evaluation stack is empty between Java instructions and RyuJIT's register allocator
/// sees plain variables. Two shapes: the typed method (frame pushed in the prologue, arguments as CIL arguments) and
/// the loop entry (OSR: continues an interpreted frame at a loop head, locals read from its slots). Methods with
/// exception handlers run inside one try block whose first instruction dispatches to the start or a handler, so a
/// caught exception "leaves" to the dispatch and re-enters at its handler — Java's unstructured handler ranges need
/// no CIL nesting.
/// </summary>
internal sealed partial class MethodEmitter
{
    private readonly JitCompiler _jit;
    private readonly CompiledMethod _target;
    private readonly JMethod _m;
    private readonly JClass _cls;
    private readonly ConstantPool _pool;
    private readonly byte[] _bc;
    private readonly CodeAttribute _code;
    private readonly StackKinds _kinds;
    private readonly ILGenerator _il;
    private readonly bool _loop;
    private readonly int _startPc;

    private readonly List<object> _k;
    private readonly Dictionary<object, int> _kIndex;
    private readonly Label[] _labels;
    /// <summary>The loop entry's copy of its loop (see <see cref="PlanLoopCopy"/>): labels, and its last pc (it starts at the loop head).</summary>
    private Label[]? _copy;
    private int _copyLast;
    /// <summary>Where the copy falls through into the method's code (-1: no copy).</summary>
    private int _copyExit = -1;
    private bool _inCopy;
    private readonly Dictionary<(int, char), LocalBuilder> _locals = [];
    private readonly Dictionary<(int, char), LocalBuilder> _stack = [];
    private readonly CodeFacts _facts;
    private readonly ReceiverChecks _receivers;
    /// <summary>The typed method pushes no Java frame (see <see cref="CodeFacts.Frameless"/>).</summary>
    private readonly bool _frameless;
    private readonly LocalBuilder _frame;
    private readonly LocalBuilder _pcs;
    /// <summary>The thread's frame method ids, loaded by the typed method's prologue (null in a loop entry).</summary>
    private LocalBuilder? _ids;
    /// <summary>Inlined: the caller's pc at the call (its frame's pc when this body throws); -1 otherwise.</summary>
    private readonly int _callerPc = -1;
    private LocalBuilder? _result;
    private LocalBuilder? _slotTemp;
    private bool _inTry;
    /// <summary>Inlined: where the callee's returns go, and the caller's local its result goes to.</summary>
    private readonly Label? _inlineEnd;
    private readonly LocalBuilder? _inlineResult;
    private Label _epilogue;

    /// <summary>Kinds on the operand stack while one instruction is emitted (bottom first).</summary>
    private List<char> _s = [];
    private int _pc;

    /// <summary>The typed method's emitter.</summary>
    public MethodEmitter(JitCompiler jit, CompiledMethod target, StackKinds kinds)
        : this(jit, target.Method, kinds, target.Typed.GetILGenerator(), loop: false, startPc: 0)
    {
        _target = target;
    }

    /// <summary>The loop entry's emitter: <paramref name="il"/> belongs to a (k, JThread, int fp) → Slot method.</summary>
    public MethodEmitter(JitCompiler jit, JMethod method, StackKinds kinds, ILGenerator il, int loopPc)
        : this(jit, method, kinds, il, loop: true, startPc: loopPc)
    {
    }

    /// <summary>An inlined callee's emitter (see <see cref="TryInline"/>): the caller's IL and constants, the callee's code.</summary>
    private MethodEmitter(MethodEmitter caller, JMethod callee, CodeFacts facts, StackKinds kinds, Label end, LocalBuilder? result)
        : this(caller._jit, callee, kinds, caller._il, loop: false, startPc: 0, caller, facts)
    {
        _inlineEnd = end;
        _inlineResult = result;
        // The IL's arguments are the outer method's: a call back to it (a recursive callee inlined) passes its own constants.
        _target = caller._target;
        _ids = caller._ids;
        _callerPc = caller._pc;
    }

    private MethodEmitter(JitCompiler jit, JMethod method, StackKinds kinds, ILGenerator il, bool loop, int startPc, MethodEmitter? caller = null, CodeFacts? facts = null)
    {
        _k = caller?._k ?? [];
        _kIndex = caller?._kIndex ?? new(ReferenceEqualityComparer.Instance);
        _jit = jit;
        _target = null!;
        _m = method;
        _cls = method.Owner;
        _pool = _cls.File!.Pool;
        _code = method.Code!;
        _bc = _code.Code;
        _kinds = kinds;
        _il = il;
        _loop = loop;
        _startPc = startPc;
        _labels = new Label[_bc.Length];
        _facts = facts ?? new CodeFacts(method);
        _receivers = new ReceiverChecks(method, kinds, _facts.Targets);
        _frameless = !loop && _facts.Frameless;
        _frame = il.DeclareLocal(typeof(int));
        _pcs = il.DeclareLocal(typeof(int[]));
        if (caller is null) K(method);
    }

    /// <summary>The method was compiled without a Java frame.</summary>
    public bool Frameless => _frameless;

    /// <summary>The constants the emitted code loads from its first argument.</summary>
    public object[] Constants => [.. _k];

    private int K(object o)
    {
        if (_kIndex.TryGetValue(o, out var i)) return i;
        _kIndex[o] = i = _k.Count;
        _k.Add(o);
        return i;
    }

    /// <summary>Loads constant <paramref name="o"/> (typed as whatever it is: the IL is not verified).</summary>
    private void LdK(object o)
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldc_I4, K(o));
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    private void LdThread() => _il.Emit(OpCodes.Ldarg_1);

    public void Emit()
    {
        if (_loop && _kinds.In[_startPc] is not { Length: 0 }) throw new NotCompilableException($"operand stack not empty at loop head {_startPc}");
        for (var pc = 0; pc < _bc.Length; pc++)
            if (_kinds.In[pc] is not null) _labels[pc] = _il.DefineLabel();
        if (_loop) PlanLoopCopy();
        DeclareJavaLocals();
        Prologue();
        var handlers = _code.Handlers.Where(h => h.Handler < _bc.Length && _kinds.In[h.Handler] is not null).Select(h => h.Handler).Distinct().ToArray();
        // A synchronized method holds its monitor in a try/finally around the whole body (the OSR entry of one does
        // not: the interpreted frame it continues took the monitor, and releases it when the method ends).
        var synchronized = !_loop && _m.IsSynchronized;
        _inTry = handlers.Length > 0 || synchronized;
        if (!_inTry)
        {
            _il.Emit(OpCodes.Br, Entry);
            Bodies();
            return;
        }
        _epilogue = _il.DefineLabel();
        var ret = _target?.Return ?? 'S';
        if (ret != 'V') _result = _il.DeclareLocal(ret == 'S' ? typeof(Slot) : ClrType(ret));
        LocalBuilder? monitor = null;
        if (synchronized)
        {
            monitor = _il.DeclareLocal(typeof(object));
            if (_m.IsStatic) LdK(_cls.Vm.Mirror(_cls));
            else _il.Emit(OpCodes.Ldloc, JavaLocal(0, 'R'));
            _il.Emit(OpCodes.Stloc, monitor);
            LdThread();
            _il.Emit(OpCodes.Ldloc, monitor);
            _il.Emit(OpCodes.Call, Handles.EnterMonitor);
            _il.BeginExceptionBlock();
        }
        if (handlers.Length > 0)
        {
            var entry = _il.DeclareLocal(typeof(int));
            var caught = _il.DeclareLocal(typeof(JObject));
            var dispatch = _il.DefineLabel();
            _il.BeginExceptionBlock();
            _il.MarkLabel(dispatch);
            var stubs = handlers.Select(_ => _il.DefineLabel()).ToArray();
            _il.Emit(OpCodes.Ldloc, entry);
            _il.Emit(OpCodes.Switch, [Entry, .. stubs]);
            _il.Emit(OpCodes.Br, Entry);
            for (var i = 0; i < handlers.Length; i++)
            {
                _il.MarkLabel(stubs[i]);
                _il.Emit(OpCodes.Ldloc, caught);
                _il.Emit(OpCodes.Stloc, StackLocal(0, 'R'));
                _il.Emit(OpCodes.Br, _labels[handlers[i]]);
            }
            Bodies();
            Catch(entry, caught, handlers, dispatch);
            _il.EndExceptionBlock();
        }
        else
        {
            _il.Emit(OpCodes.Br, Entry);
            Bodies();
        }
        if (monitor is not null)
        {
            _il.BeginFinallyBlock();
            _il.Emit(OpCodes.Ldloc, monitor);
            _il.Emit(OpCodes.Call, Handles.MonitorExit);
            _il.EndExceptionBlock();
        }
        _il.MarkLabel(_epilogue);
        if (!_loop && !_frameless) PopFrame();
        if (_result is not null) _il.Emit(OpCodes.Ldloc, _result);
        else if (_loop) PackSlot('V');
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>The method's code, then the loop entry's copy of its loop when it has one.</summary>
    private void Bodies()
    {
        Body();
        LoopCopy();
    }

    private void Body()
    {
        for (var pc = 0; pc < _bc.Length; pc++)
        {
            if (_kinds.In[pc] is not { } state) continue;
            _il.MarkLabel(_labels[pc]);
            _pc = pc;
            _s = [.. state];
            EnterInstruction(pc);
            Instruction(pc);
        }
    }

    /// <summary>
    /// catch (Exception): map it to the Java throwable, find this method's handler for the recorded pc, and leave to
    /// the dispatch with the handler's entry; otherwise rethrow (a runtime fault as its Java exception).
    /// </summary>
    private void Catch(LocalBuilder entry, LocalBuilder caught, int[] handlers, Label dispatch)
    {
        _il.BeginCatchBlock(typeof(Exception));
        var e = _il.DeclareLocal(typeof(Exception));
        var index = _il.DeclareLocal(typeof(int));
        _il.Emit(OpCodes.Stloc, e);
        LdThread();
        LdK(_m);
        _il.Emit(OpCodes.Ldloc, _frame);
        _il.Emit(OpCodes.Ldloc, e);
        LdK(handlers);
        _il.Emit(OpCodes.Ldloca, caught);
        _il.Emit(OpCodes.Call, Handles.Support(nameof(Compiled.CompiledSupport.Catch)));
        _il.Emit(OpCodes.Stloc, index);
        var rethrow = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Blt, rethrow);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Ldc_I4_1);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, entry);
        _il.Emit(OpCodes.Leave, dispatch);
        _il.MarkLabel(rethrow);
        _il.Emit(OpCodes.Ldloc, e);
        _il.Emit(OpCodes.Ldloc, caught);
        _il.Emit(OpCodes.Call, Handles.Support(nameof(Compiled.CompiledSupport.Rethrow)));
        _il.Emit(OpCodes.Throw);
    }

    /// <summary>Every Java local the code loads or stores gets a CIL local per kind, known before the prologue.</summary>
    private void DeclareJavaLocals()
    {
        for (var pc = 0; pc < _bc.Length; pc++)
        {
            if (_kinds.In[pc] is null) continue;
            var op = _bc[pc];
            switch (op)
            {
                case 0x15 or 0x36: JavaLocal(_bc[pc + 1], 'I'); break;
                case 0x16 or 0x37: JavaLocal(_bc[pc + 1], 'J'); break;
                case 0x17 or 0x38: JavaLocal(_bc[pc + 1], 'F'); break;
                case 0x18 or 0x39: JavaLocal(_bc[pc + 1], 'D'); break;
                case 0x19 or 0x3a: JavaLocal(_bc[pc + 1], 'R'); break;
                case >= 0x1a and <= 0x2d: JavaLocal((op - 0x1a) % 4, "IJFDR"[(op - 0x1a) / 4]); break;
                case >= 0x3b and <= 0x4e: JavaLocal((op - 0x3b) % 4, "IJFDR"[(op - 0x3b) / 4]); break;
                case 0x84: JavaLocal(_bc[pc + 1], 'I'); break;
                case 0xc4:
                {
                    var index = U2(_bc, pc + 2);
                    var kind = _bc[pc + 1] switch { 0x15 or 0x36 or 0x84 => 'I', 0x16 or 0x37 => 'J', 0x17 or 0x38 => 'F', 0x18 or 0x39 => 'D', _ => 'R' };
                    JavaLocal(index, kind);
                    break;
                }
            }
        }
        // Arguments are locals too, whether or not the code reads them.
        var n = 0;
        foreach (var p in Bytecode.Arguments(_m))
        {
            JavaLocal(n, p);
            n += Wide(p) ? 2 : 1;
        }
    }

    private LocalBuilder JavaLocal(int index, char kind)
    {
        if (!_locals.TryGetValue((index, kind), out var l)) _locals[(index, kind)] = l = _il.DeclareLocal(ClrType(kind));
        return l;
    }

    private LocalBuilder StackLocal(int depth, char kind)
    {
        if (!_stack.TryGetValue((depth, kind), out var l)) _stack[(depth, kind)] = l = _il.DeclareLocal(ClrType(kind));
        return l;
    }

    /// <summary>
    /// Typed method: stack-depth check, frame pushed (method recorded for stack traces), arguments moved to their
    /// locals. Loop entry: the interpreted frame is this frame; every local is read from its slot.
    /// </summary>
    private void Prologue()
    {
        if (_loop)
        {
            LdThread();
            _il.Emit(OpCodes.Ldfld, Handles.ThreadDepth);
            _il.Emit(OpCodes.Ldc_I4_1);
            _il.Emit(OpCodes.Sub);
            _il.Emit(OpCodes.Stloc, _frame);
            LdThread();
            _il.Emit(OpCodes.Ldfld, Handles.ThreadFramePcs);
            _il.Emit(OpCodes.Stloc, _pcs);
            foreach (var ((index, kind), local) in _locals)
            {
                SlotCode.StackSlot(_il, null, index);
                LoadFromSlot(kind);
                _il.Emit(OpCodes.Stloc, local);
            }
            // The interpreted frame's slots are dead from here on; left as they are, they would keep what they held
            // at the transfer reachable for as long as the loop runs.
            LdThread();
            _il.Emit(OpCodes.Ldarg_2);
            _il.Emit(OpCodes.Ldc_I4, _code.MaxLocals + _code.MaxStack + 2);
            _il.Emit(OpCodes.Call, Handles.Support(nameof(Compiled.CompiledSupport.ReleaseFrame)));
            return;
        }
        // A call without a thread is the JIT's warm-up (see JitCompiler.Warm): .NET compiles the method, nothing runs.
        var run = _il.DefineLabel();
        LdThread();
        _il.Emit(OpCodes.Brtrue, run);
        SlotCode.Default(_il, _target.Return);
        _il.Emit(OpCodes.Ret);
        _il.MarkLabel(run);
        if (_frameless)
        {
            ArgumentsToLocals();
            return;
        }
        var overflow = _il.DefineLabel();
        var probe = _il.DeclareLocal(typeof(int));
        _il.Emit(OpCodes.Ldloca, probe);
        _il.Emit(OpCodes.Conv_U);
        LdThread();
        _il.Emit(OpCodes.Ldfld, Handles.ThreadStackFloor);
        _il.Emit(OpCodes.Blt_Un, overflow);
        var ids = _ids = _il.DeclareLocal(typeof(int[]));
        LdThread();
        _il.Emit(OpCodes.Ldfld, Handles.ThreadDepth);
        _il.Emit(OpCodes.Stloc, _frame);
        LdThread();
        _il.Emit(OpCodes.Ldfld, Handles.ThreadFrameMethodIds);
        _il.Emit(OpCodes.Stloc, ids);
        LdThread();
        _il.Emit(OpCodes.Ldfld, Handles.ThreadFramePcs);
        _il.Emit(OpCodes.Stloc, _pcs);
        EnterFrame(_frame, ids, _m.Id, overflow);
        ArgumentsToLocals();
    }

    /// <summary>
    /// Frame <paramref name="frame"/> made the thread's top one: both frame arrays checked to have room for it (one
    /// unsigned compare each, after which RyuJIT drops the bounds checks of the stores into them; no room throws
    /// StackOverflowError, also from <paramref name="overflow"/>), its method id stored, the depth raised past it.
    /// </summary>
    private void EnterFrame(LocalBuilder frame, LocalBuilder ids, int methodId, Label overflow)
    {
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, frame);
        _il.Emit(OpCodes.Ldloc, ids);
        _il.Emit(OpCodes.Ldlen);
        _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Bge_Un, overflow);
        _il.Emit(OpCodes.Ldloc, frame);
        _il.Emit(OpCodes.Ldloc, _pcs);
        _il.Emit(OpCodes.Ldlen);
        _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Blt_Un, ok);
        _il.MarkLabel(overflow);
        LdThread();
        _il.Emit(OpCodes.Call, Handles.Support(nameof(Compiled.CompiledSupport.StackOverflow)));
        _il.Emit(OpCodes.Throw);
        _il.MarkLabel(ok);
        _il.Emit(OpCodes.Ldloc, ids);
        _il.Emit(OpCodes.Ldloc, frame);
        _il.Emit(OpCodes.Ldc_I4, methodId);
        _il.Emit(OpCodes.Stelem_I4);
        LdThread();
        _il.Emit(OpCodes.Ldloc, frame);
        _il.Emit(OpCodes.Ldc_I4_1);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stfld, Handles.ThreadDepth);
    }

    private void ArgumentsToLocals()
    {
        var slot = 0;
        var arg = 2;
        foreach (var p in Bytecode.Arguments(_m))
        {
            _il.Emit(OpCodes.Ldarg, (short)arg++);
            _il.Emit(OpCodes.Stloc, JavaLocal(slot, p));
            slot += Wide(p) ? 2 : 1;
        }
    }

    private void PopFrame()
    {
        LdThread();
        _il.Emit(OpCodes.Ldloc, _frame);
        _il.Emit(OpCodes.Stfld, Handles.ThreadDepth);
    }

    /// <summary>Records the current pc in this frame (before calls and anything whose callee may walk the stack).</summary>
    private void RecordPc()
    {
        if (_frameless) return; // the calls of a frameless method are dropped ones (Object.<init>)
        _il.Emit(OpCodes.Ldloc, _pcs);
        _il.Emit(OpCodes.Ldloc, _frame);
        _il.Emit(OpCodes.Ldc_I4, _pc);
        _il.Emit(OpCodes.Stelem_I4);
    }

    private LocalBuilder SlotTemp() => _slotTemp ??= _il.DeclareLocal(typeof(Slot));
}
