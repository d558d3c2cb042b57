using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Compiled;

/// <summary>
/// What compiled code calls for everything but straight-line arithmetic, locals and resolved field access: checks
/// that throw Java exceptions (each records the bytecode pc first, so stack traces name the right line), slow-path
/// resolution, allocation, and calls that go through the interpreter's selection. Compiled code keeps the frame
/// index of its method; a helper that throws stores the pc in that frame's slot.
/// </summary>
public static class CompiledSupport
{
    private static void At(JThread t, int pc) => t.FramePcs[t.Depth - 1] = pc;

    public static JavaThrow StackOverflow(JThread t) => t.Vm.Throw("java/lang/StackOverflowError", null);

    public static JavaThrow NullPointer(JThread t, int pc)
    {
        At(t, pc);
        return t.Vm.Throw("java/lang/NullPointerException", null);
    }

    /// <summary>
    /// The element <paramref name="index"/> of the Java array <paramref name="o"/>, after the checks xaload/xastore
    /// make (NullPointerException, then ArrayIndexOutOfBoundsException, at <paramref name="pc"/>). A reference to it
    /// rather than the array: an ldelem after this check made .NET's own bound check again wherever RyuJIT could not
    /// connect the two (nbody's bodies[j], in a loop whose array length it had hoisted).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T Element<T>(JThread t, JObject? o, int index, int pc)
    {
        if (o is null) throw NullPointer(t, pc);
        var a = Unsafe.As<JArray<T>>(o).Data;
        if ((uint)index >= (uint)a.Length) throw OutOfBounds(t, index, a.Length, pc);
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), (nint)(uint)index);
    }

    /// <summary>
    /// System.arraycopy from compiled code when nothing can fail; false otherwise, and the caller makes the real call,
    /// whose exception shows the native frame as in java.
    /// </summary>
    public static bool ArrayCopy(JObject? src, int srcPos, JObject? dst, int dstPos, int length) =>
        Natives.JavaLangSystem.TryArrayCopy(src, srcPos, dst, dstPos, length);

    /// <summary>arraylength.</summary>
    public static int Length(JThread t, JObject? o, int pc) => o is JArray a ? a.Length : throw NullPointer(t, pc);

    private static JavaThrow OutOfBounds(JThread t, int index, int length, int pc)
    {
        At(t, pc);
        return Interpreter.OutOfBounds(t, index, length);
    }

    // The interpreter's stores report a null array as a .NET fault its own frame converts; compiled code has no
    // such catch, so null is checked here.
    public static void StoreByte(JThread t, JObject? o, int index, int value, int pc)
    {
        At(t, pc);
        Interpreter.StoreByte(t, o ?? throw NullPointer(t, pc), index, value);
    }

    public static void StoreReference(JThread t, JObject? o, int index, JObject? value, int pc)
    {
        At(t, pc);
        Interpreter.StoreReference(t, o ?? throw NullPointer(t, pc), index, value);
    }

    public static int IDiv(JThread t, int a, int b, int pc) { if (b == 0) At(t, pc); return Interpreter.IDiv(t, a, b); }
    public static int IRem(JThread t, int a, int b, int pc) { if (b == 0) At(t, pc); return Interpreter.IRem(t, a, b); }
    public static long LDiv(JThread t, long a, long b, int pc) { if (b == 0) At(t, pc); return Interpreter.LDiv(t, a, b); }
    public static long LRem(JThread t, long a, long b, int pc) { if (b == 0) At(t, pc); return Interpreter.LRem(t, a, b); }

    public static JClass ResolveClass(JThread t, JClass cls, int index, int pc)
    {
        At(t, pc);
        return Interpreter.ResolveClass(t, cls, index);
    }

    public static void Initialize(JThread t, JClass c, int pc)
    {
        if (c.State == ClassState.Initialized) return;
        At(t, pc);
        t.Vm.EnsureInitialized(t, c);
    }

    /// <summary>checkcast's failure.</summary>
    public static JObject CheckCast(JThread t, JObject o, JClass target, int pc)
    {
        if (o.Class.IsSubtypeOf(target)) return o;
        At(t, pc);
        throw Interpreter.ClassCast(t, o.Class, target);
    }

    public static bool InstanceOf(JObject? o, JClass target) => o is not null && (ReferenceEquals(o.Class, target) || o.Class.IsSubtypeOf(target));

    public static JObject New(JThread t, JClass cls, int index, int pc)
    {
        At(t, pc);
        return Interpreter.New(t, cls, index);
    }

    /// <summary>new of a class already resolved and initialised when the code was compiled.</summary>
    public static JObject NewObject(JThread t, JClass c, int pc)
    {
        At(t, pc);
        return JavaVm.NewObject(t, c);
    }

    /// <summary>
    /// new of a small class without a finalizer, inlined into compiled code: the allocation counted in the thread
    /// and the object built directly; every few MiB the full path runs the -Xmx check.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static JObject NewSmall<TStorage>(JThread t, JClass c, int slots, int pc) where TStorage : struct
    {
        var since = t.AllocatedSinceCheck + Heap.InstanceBytes(slots);
        if (since >= Heap.CheckEvery) return NewObject(t, c, pc);
        t.AllocatedSinceCheck = since;
        return new JObject<TStorage>(c);
    }

    public static JObject NewPrimitiveArray(JThread t, int type, int length, int pc)
    {
        At(t, pc);
        return t.Vm.NewPrimitiveArray(type, length);
    }

    public static JObject NewArray(JThread t, JClass cls, int index, int length, int pc)
    {
        At(t, pc);
        return t.Vm.NewArray(Interpreter.ResolveClass(t, cls, index), length);
    }

    public static JObject NewMultiArray(JThread t, JClass cls, int index, int[] lengths, int pc)
    {
        At(t, pc);
        return t.Vm.NewMultiArray(Interpreter.ResolveClass(t, cls, index), lengths);
    }

    public static Exception Throw(JThread t, JObject? o, int pc)
    {
        At(t, pc);
        return new JavaThrow(o ?? throw t.Vm.Throw("java/lang/NullPointerException", null));
    }

    public static void MonitorEnter(JThread t, JObject? o, int pc) => Threads.EnterMonitor(t, o ?? throw NullPointer(t, pc));

    public static void MonitorExit(JThread t, JObject? o, int pc)
    {
        At(t, pc);
        Interpreter.MonitorExit(t, o ?? throw t.Vm.Throw("java/lang/NullPointerException", null));
    }

    /// <summary>ldc of a string, class, method type/handle or dynamic constant (numbers are compiled in).</summary>
    public static Slot Constant(JThread t, JClass cls, int index, int pc)
    {
        At(t, pc);
        var sp = t.Top;
        Interpreter.LoadConstant(t, cls, index, t.Stack, ref sp);
        var value = t.Stack[t.Top];
        t.Stack[t.Top].R = null;
        return value;
    }

    /// <summary>The slot of a static field, the class initialised (getstatic/putstatic not resolved at compile time).</summary>
    public static ref Slot Static(JThread t, JClass cls, int index, int pc)
    {
        At(t, pc);
        var f = Interpreter.StaticField(t, cls, index);
        return ref f.Owner.Statics[f.Slot];
    }

    /// <summary>A compiled getfield/putfield whose receiver lacks the field: bytecode that a verifier would reject.</summary>
    public static JavaThrow IncompatibleReceiver(JThread t, int pc)
    {
        At(t, pc);
        return t.Vm.Throw("java/lang/VerifyError", "Bad type on operand stack: the receiver of a field access is not an instance of the field's class");
    }

    /// <summary>
    /// The same fault in a method compiled without a frame (CodeFacts): its frame is pushed first, so the trace
    /// names it and its line and the caller's recorded pc stays. The frame is dropped as compiled frames are when
    /// an exception leaves them (by the interpreter's call or the catching method). Inlined, the caller does not record
    /// its pc before the body: <paramref name="callerPc"/> (≥ 0) is it.
    /// </summary>
    public static JavaThrow IncompatibleReceiverFrameless(JThread t, JMethod m, int pc, int callerPc)
    {
        var depth = t.Depth;
        if ((uint)depth >= (uint)t.FrameMethodIds.Length || (uint)depth >= (uint)t.FramePcs.Length) return StackOverflow(t);
        if (callerPc >= 0 && depth > 0) t.FramePcs[depth - 1] = callerPc;
        t.FrameMethodIds[depth] = m.Id;
        t.Depth = depth + 1;
        return IncompatibleReceiver(t, pc);
    }

    /// <summary>The slot of an instance field (getfield/putfield not resolved at compile time).</summary>
    public static ref Slot Field(JThread t, JClass cls, int index, JObject? o, int pc)
    {
        At(t, pc);
        var f = Interpreter.InstanceField(t, cls, index);
        return ref (o ?? throw t.Vm.Throw("java/lang/NullPointerException", null)).Fields[f.Slot];
    }

    /// <summary>A call through the interpreter's resolution and selection: arguments at t.Stack[argBase..].</summary>
    public static Slot Invoke(JThread t, JClass cls, int op, int index, int argBase)
    {
        try
        {
            var site = Interpreter.MethodSite(t, cls, (byte)op, index);
            return Interpreter.Invoke(t, site, argBase);
        }
        finally
        {
            t.Top = argBase;
        }
    }

    /// <summary>A call of a known method (no selection): arguments at t.Stack[argBase..].</summary>
    public static Slot Call(JThread t, JMethod m, int argBase)
    {
        try
        {
            if (m.IsStatic && m.Owner.State != ClassState.Initialized) t.Vm.EnsureInitialized(t, m.Owner);
            return Interpreter.Call(t, m, argBase);
        }
        finally
        {
            t.Top = argBase;
        }
    }

    /// <summary>invokedynamic: arguments at t.Stack[argBase..]; the result, if any, comes back as a slot.</summary>
    public static Slot InvokeDynamic(JThread t, JClass cls, int index, int argBase, int argSlots)
    {
        try
        {
            Interpreter.InvokeDynamic(t, cls, index, t.Stack, argBase + argSlots);
            return t.Stack[argBase];
        }
        finally
        {
            t.Top = argBase;
        }
    }

    /// <summary>A loop entry has read the interpreted frame it continues: its slots are cleared for the GC's sake.</summary>
    public static void ReleaseFrame(JThread t, int fp, int slots) => System.Array.Clear(t.Stack, fp, Math.Min(slots, t.Stack.Length - fp));

    /// <summary>
    /// Where a call's arguments go: above every interpreted frame, checked against the stack's end. The top moves
    /// above them (so class initialisers and natives run by the call do not overwrite them) until the call returns.
    /// </summary>
    public static int ArgumentBase(JThread t, int slots)
    {
        var b = t.Top;
        if (b + slots + 2 >= t.Stack.Length) throw StackOverflow(t);
        t.Top = b + slots;
        return b;
    }

    /// <summary>
    /// An exception reached a compiled method with handlers: the frame is made innermost again, the exception mapped
    /// to its Java throwable, and the handler for the recorded pc looked up. Returns the handler's index in
    /// <paramref name="handlerPcs"/> or -1 (then the caller rethrows <paramref name="throwable"/>).
    /// </summary>
    public static int Catch(JThread t, JMethod m, int frame, Exception e, int[] handlerPcs, out JObject throwable)
    {
        t.Depth = frame + 1;
        var pc = t.FramePcs[frame];
        throwable = t.Vm.ToJava(t, e, m, pc);
        var handler = Interpreter.FindHandler(t, m, pc, throwable.Class);
        return handler < 0 ? -1 : System.Array.IndexOf(handlerPcs, handler);
    }

    public static Exception Rethrow(Exception e, JObject throwable) => e is JavaThrow ? e : new JavaThrow(throwable);
}
