namespace Nido.Jvm.Runtime;

/// <summary>
/// The VM side of a Java thread running on a .NET thread: the slot stack that interpreter frames live in (locals of
/// a callee overlap the caller's pushed arguments, so calls copy nothing), the frame list for stack traces, the
/// java.lang.Thread object, and interrupt/park state.
/// </summary>
public sealed class JThread
{
    [ThreadStatic] private static JThread? _current;

    public JThread(JavaVm vm, int stackSlots)
    {
        Vm = vm;
        Stacks = vm.StackPool.Rent(stackSlots);
        Stack = Stacks.Stack;
        FrameMethodIds = Stacks.MethodIds;
        FramePcs = Stacks.Pcs;
        FrameBases = Stacks.Bases;
        FrameAtInvoke = Stacks.AtInvoke;
    }

    /// <summary>The arrays below, from and back to <see cref="JavaVm.StackPool"/>.</summary>
    internal ThreadStackPool.ThreadStacks Stacks { get; }

    /// <summary>A started thread has ended: its arrays go back to the pool (nothing runs on this JThread again).</summary>
    internal void ReleaseStacks()
    {
        Depth = 0;
        Top = 0;
        Vm.StackPool.Return(Stacks);
    }

    public static JThread? Current => _current;

    public JavaVm Vm { get; }
    public Slot[] Stack { get; }
    /// <summary>First slot above the innermost frame: where a call from C# places its arguments.</summary>
    public int Top;

    /// <summary>Each frame's method by <see cref="JMethod.Id"/> (an int store per call: no write barrier).</summary>
    public readonly int[] FrameMethodIds;
    /// <summary>The method of frame <paramref name="depth"/> (0 is the outermost).</summary>
    public JMethod FrameMethod(int depth) => Vm.MethodById(FrameMethodIds[depth]);
    public readonly int[] FramePcs;
    /// <summary>Where an interpreted frame's locals start in <see cref="Stack"/>; -1 for compiled and native frames.</summary>
    public readonly int[] FrameBases;
    /// <summary>An interpreted frame stopped at the invoke its pc names (not in a class initialiser or loader it triggered).</summary>
    public readonly bool[] FrameAtInvoke;
    public int Depth;
    /// <summary>Bytes this thread allocated since the heap limit was last checked (<see cref="Heap"/>).</summary>
    internal long AllocatedSinceCheck;

    /// <summary>The java.lang.Thread object.</summary>
    public JObject? JavaThread { get; internal set; }
    public Thread? Host { get; internal set; }
    /// <summary>Thread.interrupted's flag, which JDK 17 keeps in the Thread object's "interrupted" field.</summary>
    public bool Interrupted
    {
        get => JavaThread is { } o && Volatile.Read(ref o.Fields[Vm.ThreadInterruptedSlot].P) != 0;
        set { if (JavaThread is { } o) Volatile.Write(ref o.Fields[Vm.ThreadInterruptedSlot].P, value ? 1 : 0); }
    }

    /// <summary>LockSupport.park's permit and the event park waits on.</summary>
    internal readonly SemaphoreSlim ParkPermit = new(0, 1);
    /// <summary>The object this thread waits on in Object.wait, so interrupt can wake it.</summary>
    internal volatile object? WaitingOn;
    internal volatile bool Sleeping;
    /// <summary>Orders an interrupt's wake-up against the end of the wait or sleep it aims at (<see cref="Threads.Interrupt"/>).</summary>
    internal readonly object WakeLock = new();
    /// <summary>A .NET interrupt was sent to the current wait or sleep (guarded by <see cref="WakeLock"/>).</summary>
    internal bool InterruptSent;

    /// <summary>
    /// Binds this JThread to the calling .NET thread, whose stack is <paramref name="stackBytes"/> long: calls made
    /// deeper than that minus a margin throw StackOverflowError instead of overflowing the process's stack.
    /// </summary>
    public unsafe void Attach(long stackBytes)
    {
        _current = this;
        Host = Thread.CurrentThread;
        var here = 0;
        var margin = stackBytes / 4;
        StackFloor = (nint)(&here) - (nint)(stackBytes - margin);
    }

    /// <summary>The lowest stack address a Java call may start at (stacks grow down).</summary>
    internal nint StackFloor;

    public static void Detach() => _current = null;

    /// <summary>Calls a Java method from C#: arguments in JVM slot layout (receiver first, long/double as two slots).</summary>
    public Slot Invoke(JMethod method, params ReadOnlySpan<Slot> args)
    {
        var fp = Top;
        if (fp + args.Length >= Stack.Length) throw Vm.Throw("java/lang/StackOverflowError", null);
        args.CopyTo(Stack.AsSpan(fp));
        try
        {
            return Interpreter.Call(this, method, fp);
        }
        finally
        {
            Top = fp;
        }
    }

    public override string ToString() => $"JThread({Host?.Name})";
}
