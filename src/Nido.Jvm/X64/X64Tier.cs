using System.Runtime.InteropServices;
using Nido.Jvm.Compiled;
using Nido.Jvm.Runtime;
using Nido.Linux;
using static Nido.Jvm.X64.Reg;

namespace Nido.Jvm.X64;

/// <summary>
/// The NativeAOT binary's compiler: it cannot run CIL, so the methods <see cref="PureMethod"/> accepts (int and long
/// arithmetic over static calls: fib, gcd, hashing, bit tricks) are translated to x86-64 here, a group at a time (a
/// method with the static callees it reaches, which call each other directly), into executable memory mapped
/// read-write, filled and then made read-execute. Everything else stays interpreted; the CIL JIT in the CoreCLR host
/// is the tier for the rest. A compiled call that meets what it does not handle (a zero divisor, too deep a
/// recursion) gives itself up; since such a call has no effect but its result, the interpreter then runs it again
/// from the start, and the tier's code stays interpreted from then on.
/// </summary>
public sealed class X64Tier : IMethodCompiler
{
    private readonly object _lock = new();
    private readonly Dictionary<JMethod, nint> _addresses = [];
    private readonly List<MappedMemory> _code = []; // held: the mappings live as long as the process
    private readonly bool _trace;
    private bool _off;

    public X64Tier(int callThreshold = 2000, bool trace = false)
    {
        CallThreshold = Math.Max(1, callThreshold);
        _trace = trace;
    }

    public static bool IsSupported => RuntimeInformation.ProcessArchitecture == Architecture.X64 && OperatingSystem.IsLinux();

    /// <summary>NIDO_JIT_CALLS sets the threshold as for the CIL JIT; NIDO_JIT_TRACE=1 says what is compiled and what is not.</summary>
    public static X64Tier FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("NIDO_JIT_CALLS");
        var calls = 2000;
        if (text is not null && (!int.TryParse(text, out calls) || calls <= 0))
            throw new ArgumentException($"NIDO_JIT_CALLS={text}: expected a positive number");
        return new X64Tier(calls, Environment.GetEnvironmentVariable("NIDO_JIT_TRACE") == "1");
    }

    /// <summary>Calls into compiled code not yet returned, over all threads (the speculative start waits while there are).</summary>
    public static int CallsInProgress => Volatile.Read(ref s_inProgress);

    /// <summary>Calls into compiled code made so far, over all threads.</summary>
    public static long Calls => Interlocked.Read(ref s_calls);

    internal static int s_inProgress;
    internal static long s_calls;

    public int CallThreshold { get; }
    public int WaitAt => int.MaxValue;
    public int LoopThreshold => int.MaxValue;
    public bool CompileInBackground(JMethod method) => false;
    public CompiledEntry? CompileLoop(JMethod method, int pc) => null;

    public void Compile(JMethod method)
    {
        lock (_lock)
        {
            if (method.Compiled is not null || method.CompileRefused) return;
            method.CompileRefused = true; // until it is compiled: a failure below leaves it interpreted
            if (_off) return;
            try
            {
                var group = Collect(method, out var reason);
                if (group is null)
                {
                    Trace($"{method} refused: {reason}");
                    return;
                }
                Emit(group);
            }
            catch (ErrnoException e)
            {
                // No executable memory (MemoryDenyWriteExecute, PR_SET_MDWE, SELinux execmem): interpreted from here on.
                _off = true;
                Trace($"off: {e.Message}");
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
            {
                Trace($"{method} failed: {e.Message}"); // a fault of the tier itself: the method stays interpreted
            }
        }
    }

    /// <summary>The method and every static callee it reaches that has no code yet, all of them compilable.</summary>
    private List<PureMethod>? Collect(JMethod root, out string? reason)
    {
        reason = null;
        var group = new List<PureMethod>();
        var seen = new HashSet<JMethod> { root };
        var work = new Queue<JMethod>();
        work.Enqueue(root);
        while (work.TryDequeue(out var m))
        {
            if (m != root && m.CompileRefused)
            {
                reason = $"it calls {m}, which is interpreted";
                return null;
            }
            var p = PureMethod.Analyze(m, out var why);
            if (p is null)
            {
                reason = m == root ? why : $"it calls {m}: {why}";
                return null;
            }
            group.Add(p);
            foreach (var call in p.Calls.Values)
                if (!_addresses.ContainsKey(call.Target) && seen.Add(call.Target)) work.Enqueue(call.Target);
        }
        return group;
    }

    private void Emit(List<PureMethod> group)
    {
        var a = new Assembler();
        var stub = a.NewLabel();
        var exit = a.NewLabel();
        var bail = a.NewLabel();
        var entries = new Dictionary<JMethod, int>();
        foreach (var p in group) entries[p.Method] = a.NewLabel();
        EntryStub(a, stub, exit, bail);

        var frameBytes = 0;
        foreach (var p in group)
        {
            var codegen = new MethodCodegen(a, p, bail, callee => _addresses.TryGetValue(callee, out var at) ? (-1, at) : (entries[callee], 0));
            codegen.Emit(entries[p.Method]);
            frameBytes = Math.Max(frameBytes, codegen.FrameBytes);
        }
        var bytes = a.Finish();
        if (Environment.GetEnvironmentVariable("NIDO_X64_DUMP") is { } dump) File.WriteAllBytes($"{dump}.{_code.Count}", bytes);
        var memory = MappedMemory.Anonymous((bytes.Length + 4095) & ~4095);
        bytes.CopyTo(memory.AsSpan(0, bytes.Length));
        memory.Protect(Protection.Read | Protection.Exec);
        _code.Add(memory);

        var compiled = new Group(this, memory.Address + a.LabelPosition(stub), frameBytes);
        foreach (var p in group)
        {
            var address = memory.Address + a.LabelPosition(entries[p.Method]);
            _addresses[p.Method] = address;
            var entry = new NativeEntry(compiled, p.Method, address, p.Parameters, p.Return);
            p.Method.CompiledState = entry;
            p.Method.CompileRefused = false;
            Volatile.Write(ref p.Method.Compiled, entry.Run);
        }
        Trace($"compiled {string.Join(", ", group.Select(p => p.Method))} ({bytes.Length} bytes)");
    }

    /// <summary>
    /// The way in from C# (System V: rdi = the arguments, rsi = the context): saves the callee-saved registers and
    /// rsp, loads the arguments into S[0..8) and calls the context's target; a give-up restores rsp and returns.
    /// </summary>
    private static void EntryStub(Assembler a, int stub, int exit, int bail)
    {
        a.Bind(stub);
        a.Push(Rbp);
        a.Mov(true, Rbp, Rsp);
        a.Push(Rbx);
        a.Push(R12);
        a.Push(R13);
        a.Push(R14);
        a.Push(R15);
        a.Mov(true, R15, Rsi);
        a.Store(R15, MethodCodegen.SavedRspOffset, Rsp);
        a.Mov(true, R11, Rdi);
        for (var j = 0; j < MethodCodegen.S.Length; j++) a.Load(MethodCodegen.S[j], R11, 8 * j);
        a.CallMem(R15, MethodCodegen.TargetOffset);
        a.Bind(exit);
        a.Pop(R15);
        a.Pop(R14);
        a.Pop(R13);
        a.Pop(R12);
        a.Pop(Rbx);
        a.Pop(Rbp);
        a.Ret();
        a.Bind(bail);
        a.Load(Rsp, R15, MethodCodegen.SavedRspOffset);
        a.StoreImm(R15, MethodCodegen.BailedOffset, 1);
        a.Jmp(exit);
    }

    /// <summary>
    /// A compiled call gave up (in its own group's code or in an earlier group it calls, which is not known here):
    /// every compiled method goes back to the interpreter for good, which runs the call. Give-ups are rare (a zero
    /// divisor, a recursion too deep), and code left compiled could give up again at every level of a recursion.
    /// </summary>
    internal Slot GiveUp(JThread t, JMethod method, int fp)
    {
        lock (_lock)
        {
            foreach (var m in _addresses.Keys)
            {
                if (m.CompiledState is not NativeEntry) continue;
                Volatile.Write(ref m.Compiled, null);
                m.CompiledState = null;
                m.CompileRefused = true;
            }
            _off = true;
        }
        Trace($"{method}: a call gave up (a zero divisor or too deep); the tier's code is interpreted from now on");
        return Interpreter.Call(t, method, fp);
    }

    private void Trace(string text)
    {
        if (_trace) Console.Error.WriteLine($"nido: x64: {text}");
    }

    /// <summary>One emitted group: its entry stub and the largest frame among its methods.</summary>
    internal sealed record Group(X64Tier Tier, nint Stub, int FrameBytes);
}

/// <summary>The interpreter's way into one compiled method: arguments from the slot stack, the context set, the stub called.</summary>
internal sealed class NativeEntry(X64Tier.Group group, JMethod method, nint target, char[] parameters, char ret)
{
    public unsafe Slot Run(JThread t, int fp)
    {
        var args = stackalloc long[MethodCodegen.S.Length];
        var s = t.Stack;
        var k = fp;
        for (var j = 0; j < parameters.Length; j++)
        {
            args[j] = s[k].P;
            k += parameters[j] == 'J' ? 2 : 1;
        }
        var context = stackalloc long[4];
        // As deep as the Java stack still allows (each native frame counts as a Java frame; one with a call of the
        // method itself inlined stands for two, so a recursion goes up to twice as deep before StackOverflowError, as
        // java's own depth changes once C2 inlines), and never below the thread's own floor.
        var byDepth = (long)context - (long)(t.FrameMethodIds.Length - t.Depth) * group.FrameBytes;
        context[MethodCodegen.LimitOffset / 8] = Math.Max((long)t.StackFloor, byDepth);
        context[MethodCodegen.SavedRspOffset / 8] = 0;
        context[MethodCodegen.BailedOffset / 8] = 0;
        context[MethodCodegen.TargetOffset / 8] = target;
        Interlocked.Increment(ref X64Tier.s_calls);
        Interlocked.Increment(ref X64Tier.s_inProgress);
        var result = ((delegate* unmanaged<long*, long*, long>)group.Stub)(args, context);
        Interlocked.Decrement(ref X64Tier.s_inProgress);
        if (context[MethodCodegen.BailedOffset / 8] != 0) return group.Tier.GiveUp(t, method, fp);
        return ret switch { 'J' => Slot.OfLong(result), 'I' => Slot.OfInt((int)result), _ => default };
    }
}
