using System.Reflection.Emit;
using Nido.Jvm.ClassFile;
using Nido.Jvm.Compiled;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jit;

/// <summary>
/// Fields and calls. What the interpreter had resolved when the method was compiled is compiled in (field slots,
/// static storage of initialised classes, call targets); the rest goes through CompiledSupport, which resolves at
/// run time exactly as the interpreter does.
/// </summary>
internal sealed partial class MethodEmitter
{
    private void FieldAccess(byte op, int index)
    {
        var isStatic = op <= 0xb3;
        var isGet = op is 0xb2 or 0xb4;
        var descriptor = _pool.MemberRef(index).Descriptor;
        var kind = Bytecode.Kind(descriptor);
        var f = _cls.Resolved[index] as JField;
        var known = f is not null && f.IsStatic == isStatic && (!isStatic || f.Owner.State == ClassState.Initialized);
        // Fields resolved only at run time are treated as volatile: which they are is not known here.
        var isVolatile = !known || (f!.Flags & AccessFlags.Volatile) != 0;
        LocalBuilder? value = null;
        if (!isGet)
        {
            value = _il.DeclareLocal(Bytecode.ClrType(kind));
            Ld(0);
            Drop();
            Bytecode.Narrow(_il, descriptor[0]);
            _il.Emit(OpCodes.Stloc, value);
        }
        if (isStatic)
        {
            if (known)
            {
                LdK(f!.Owner.Statics);
                _il.Emit(OpCodes.Ldc_I4, f.Slot);
                _il.Emit(OpCodes.Ldelema, typeof(Slot));
            }
            else
            {
                CallResolving(nameof(CompiledSupport.Static), index);
            }
        }
        else
        {
            if (known)
            {
                if (!_frameless) NullCheck(0); // a frameless method's receiver is `this`
                FieldAddress(f!.Slot);
            }
            else
            {
                CallResolving(nameof(CompiledSupport.Field), index, () => Ld(0));
            }
            Drop();
        }
        if (isGet)
        {
            SlotCode.Load(_il, kind, isVolatile);
            Push(kind);
        }
        else if (kind == 'D' && !isVolatile)
        {
            // Straight from the SSE register: through DoubleToInt64Bits it went via a general one (vmovq, then mov).
            _il.Emit(OpCodes.Ldflda, Handles.SlotP);
            _il.Emit(OpCodes.Ldloc, value!);
            _il.Emit(OpCodes.Stind_R8);
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, value!);
            SlotCode.Store(_il, kind, isVolatile);
        }
    }

    /// <summary>
    /// The address of slot <paramref name="slot"/> in the (non-null) object on top: the slot storage sits at a fixed
    /// offset from the Class field. The bound check (against the receiver's class's slot count) stays although
    /// verification and loader constraints make the receiver an instance of the field's class: sun.misc.Unsafe and
    /// JNI can still store an object of any class in a field, and the access must not reach past the object. A
    /// block makes it once per local (<see cref="ReceiverChecks"/>).
    /// </summary>
    private void FieldAddress(int slot)
    {
        if (IsProven(slot))
        {
            SlotAddress(slot);
            return;
        }
        var check = _receivers.Slot(_pc, slot);
        var ok = _il.DefineLabel();
        Ld(0);
        _il.Emit(OpCodes.Ldfld, Handles.ObjectClass);
        _il.Emit(OpCodes.Call, Handles.ClassInstanceSlots);
        _il.Emit(OpCodes.Ldc_I4, check);
        _il.Emit(OpCodes.Bgt, ok);
        if (_frameless)
        {
            // Its frame is pushed for the trace (the pc goes in its own slot, not the caller's).
            LdThread();
            LdK(_m);
            _il.Emit(OpCodes.Ldc_I4, _pc);
            _il.Emit(OpCodes.Ldc_I4, _callerPc);
            _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.IncompatibleReceiverFrameless)));
            _il.Emit(OpCodes.Throw);
        }
        else ThrowAtPc(nameof(CompiledSupport.IncompatibleReceiver));
        _il.MarkLabel(ok);
        Prove(check);
        SlotAddress(slot);
    }

    private void SlotAddress(int slot)
    {
        Ld(0);
        _il.Emit(OpCodes.Ldflda, Handles.ObjectClass);
        _il.Emit(OpCodes.Ldc_I8, (long)(JObject.StorageOffset + slot * System.Runtime.CompilerServices.Unsafe.SizeOf<Slot>()));
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Add);
    }

    /// <summary>Throws NullPointerException (at this pc) when the value <paramref name="fromTop"/> below the top, the instruction's receiver, is null.</summary>
    private void NullCheck(int fromTop)
    {
        if (IsProven(-1)) return;
        var ok = _il.DefineLabel();
        Ld(fromTop);
        _il.Emit(OpCodes.Brtrue, ok);
        ThrowAtPc(nameof(CompiledSupport.NullPointer));
        _il.MarkLabel(ok);
        Prove(-1);
    }

    /// <summary>Throws what the CompiledSupport factory <paramref name="support"/>(thread, pc) makes.</summary>
    private void ThrowAtPc(string support)
    {
        LdThread();
        _il.Emit(OpCodes.Ldc_I4, _pc);
        _il.Emit(OpCodes.Call, Handles.Support(support));
        _il.Emit(OpCodes.Throw);
    }

    private void Invoke(byte op, int index)
    {
        if (op == 0xb8 && TryIntrinsic(index)) return;
        var descriptor = _pool.MemberRef(index).Descriptor;
        var parameters = Bytecode.Parameters(descriptor);
        if (op != 0xb8) parameters.Insert(0, 'R');
        var ret = Bytecode.ReturnKind(descriptor);
        var site = _cls.Resolved[index] as MethodSite;
        if (site is not null && (site.Op != op || site.Polymorphic)) site = null;
        var first = _s.Count - parameters.Count;
        // The pc is recorded by the paths that call (CallKnown, CallThroughInterpreter): an inlined body cannot throw,
        // and the checks before a call pass their pc to what they throw.

        JMethod? direct = null;
        JMethod? guarded = null;
        if (site?.Method is { } resolved)
        {
            if (op == 0xb8 || op == 0xb7) direct = op == 0xb7 ? site.Direct : resolved;
            else if (site.Direct is not null) direct = site.Direct;
            else if (op == 0xb6 && resolved.VTableIndex >= 0 && !resolved.Owner.IsInterface && !resolved.IsAbstract) guarded = resolved;
        }
        var done = _il.DefineLabel();
        if (op == 0xb8 && IsArrayCopy(index))
        {
            for (var i = 4; i >= 0; i--) Ld(i);
            _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.ArrayCopy)));
            _il.Emit(OpCodes.Brtrue, done);
        }
        if (direct is not null)
        {
            if (op != 0xb8) NullCheck(parameters.Count - 1);
            else if (direct.Owner.State != ClassState.Initialized) Initialize(direct.Owner);
            // A body that is only `return` (Object.<init>, empty constructors) is not called at all, as HotSpot
            // inlines it: the call would cost a frame per allocation.
            if (!IsEmptyBody(direct) && !TryInline(direct, first, parameters, ret)) CallKnown(direct, first, parameters, ret);
        }
        else if (guarded is not null && _jit.Callable(guarded) is not null)
        {
            // Monomorphic guess: the resolved method itself when the receiver's vtable still selects it.
            var slow = _il.DefineLabel();
            NullCheck(parameters.Count - 1);
            LdAt(first);
            _il.Emit(OpCodes.Ldfld, Handles.ObjectClass);
            _il.Emit(OpCodes.Call, Handles.ClassVTable);
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Ldlen);
            _il.Emit(OpCodes.Conv_I4);
            _il.Emit(OpCodes.Ldc_I4, guarded.VTableIndex);
            var inRange = _il.DefineLabel();
            _il.Emit(OpCodes.Bgt, inRange);
            _il.Emit(OpCodes.Pop);
            _il.Emit(OpCodes.Br, slow);
            _il.MarkLabel(inRange);
            _il.Emit(OpCodes.Ldc_I4, guarded.VTableIndex);
            _il.Emit(OpCodes.Ldelem_Ref);
            LdK(guarded);
            _il.Emit(OpCodes.Bne_Un, slow);
            if (!TryInline(guarded, first, parameters, ret)) CallKnown(guarded, first, parameters, ret);
            _il.Emit(OpCodes.Br, done);
            _il.MarkLabel(slow);
            CallThroughInterpreter(op, index, null, first, parameters, ret);
        }
        else
            CallThroughInterpreter(op, index, null, first, parameters, ret);
        _il.MarkLabel(done);
        ReleaseArguments(first, parameters, ret);
        Drop(parameters.Count);
        if (ret != 'V') _s.Add(ret);
    }

    internal static bool IsEmptyBody(JMethod m) =>
        m.Code is { Code: [0xb1] } && m.Native is null && !m.IsSynchronized && !m.IsNative;

    /// <summary>
    /// Reference arguments a call consumed are cleared from their stack locals: RyuJIT reports locals of methods with
    /// handlers as live throughout, and a stale one would keep its object from being collected (or a weak reference
    /// to it from being cleared) until the position is reused.
    /// </summary>
    private void ReleaseArguments(int first, List<char> parameters, char ret)
    {
        for (var i = ret == 'R' ? 1 : 0; i < parameters.Count; i++)
        {
            if (parameters[i] != 'R') continue;
            _il.Emit(OpCodes.Ldnull);
            _il.Emit(OpCodes.Stloc, StackLocal(first + i, 'R'));
        }
    }

    private void Initialize(JClass c)
    {
        var ok = _il.DefineLabel();
        LdK(c);
        _il.Emit(OpCodes.Ldfld, Handles.ClassState);
        _il.Emit(OpCodes.Ldc_I4, (int)ClassState.Initialized);
        _il.Emit(OpCodes.Beq, ok);
        LdThread();
        LdK(c);
        _il.Emit(OpCodes.Ldc_I4, _pc);
        _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.Initialize)));
        _il.MarkLabel(ok);
    }

    /// <summary>
    /// A call of a known target: directly to its compiled code when it has (or gets, in this compilation) some,
    /// otherwise through the interpreter. The result is left in the stack local the caller pushes.
    /// </summary>
    private void CallKnown(JMethod target, int first, List<char> parameters, char ret)
    {
        RefuseCallWithoutFrame();
        var callee = _jit.Callable(target);
        if (callee is null)
        {
            CallThroughInterpreter(0, 0, target, first, parameters, ret);
            return;
        }
        RecordPc();
        if (ReferenceEquals(callee, _target)) _il.Emit(OpCodes.Ldarg_0);
        else
        {
            LdK(callee);
            _il.Emit(OpCodes.Ldfld, Handles.CompiledK);
        }
        LdThread();
        for (var i = 0; i < parameters.Count; i++) LdAt(first + i);
        _il.Emit(OpCodes.Call, callee.Typed);
        StoreResult(first, ret);
    }

    /// <summary>The call's result goes to the stack position of its first argument (where Java pushes it).</summary>
    private void StoreResult(int first, char ret)
    {
        if (ret != 'V') _il.Emit(OpCodes.Stloc, StackLocal(first, ret));
    }

    /// <summary>
    /// A call site the scan took for a dropped Object.&lt;init&gt; was re-resolved since (one constant serves
    /// invokespecial and invokevirtual): the method is not compiled rather than calling without a frame.
    /// </summary>
    private void RefuseCallWithoutFrame()
    {
        if (_frameless) throw new NotCompilableException("a call in a method taken for frameless");
    }

    /// <summary>
    /// Arguments spilled to the thread's slot stack (above every interpreted frame), then the interpreter's call:
    /// by site (resolution and selection at run time) or of a known method.
    /// </summary>
    private void CallThroughInterpreter(byte op, int index, JMethod? known, int first, List<char> parameters, char ret)
    {
        RefuseCallWithoutFrame();
        RecordPc();
        var argBase = SpillArguments(first, parameters);
        LdThread();
        if (known is not null)
        {
            LdK(known);
            _il.Emit(OpCodes.Ldloc, argBase);
            _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.Call)));
        }
        else
        {
            LdK(_cls);
            _il.Emit(OpCodes.Ldc_I4, (int)op);
            _il.Emit(OpCodes.Ldc_I4, index);
            _il.Emit(OpCodes.Ldloc, argBase);
            _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.Invoke)));
        }
        if (ret == 'V') _il.Emit(OpCodes.Pop);
        else UnpackSlot(ret);
        StoreResult(first, ret);
    }

    private LocalBuilder SpillArguments(int first, List<char> parameters)
    {
        var slots = parameters.Sum(p => Bytecode.Wide(p) ? 2 : 1);
        var argBase = _il.DeclareLocal(typeof(int));
        LdThread();
        _il.Emit(OpCodes.Ldc_I4, slots);
        _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.ArgumentBase)));
        _il.Emit(OpCodes.Stloc, argBase);
        var offset = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            SlotCode.StackSlot(_il, argBase, offset);
            LdAt(first + i);
            StoreToSlot(parameters[i]);
            offset += Bytecode.Wide(parameters[i]) ? 2 : 1;
        }
        return argBase;
    }

    private void InvokeDynamic(int index)
    {
        var descriptor = _pool.NameAndType(_pool.B(index)).Descriptor;
        var parameters = Bytecode.Parameters(descriptor);
        var ret = Bytecode.ReturnKind(descriptor);
        var first = _s.Count - parameters.Count;
        RecordPc();
        var argBase = SpillArguments(first, parameters);
        LdThread();
        LdK(_cls);
        _il.Emit(OpCodes.Ldc_I4, index);
        _il.Emit(OpCodes.Ldloc, argBase);
        _il.Emit(OpCodes.Ldc_I4, parameters.Sum(p => Bytecode.Wide(p) ? 2 : 1));
        _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.InvokeDynamic)));
        if (ret == 'V') _il.Emit(OpCodes.Pop);
        else UnpackSlot(ret);
        StoreResult(first, ret);
        ReleaseArguments(first, parameters, ret);
        Drop(parameters.Count);
        if (ret != 'V') _s.Add(ret);
    }
}
