using System.Diagnostics;
using System.Reflection.Emit;
using Nido.Jvm.Compiled;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jit;

/// <summary>
/// The JVM's JIT (tier 2 after the interpreter): a method called <see cref="CallThreshold"/> times is translated to
/// CIL together with the direct callees that are warm (<see cref="GroupCalls"/>) and not compiled yet (so hot call chains call each other
/// directly), and a loop that turns <see cref="LoopThreshold"/> times in an interpreted frame continues in compiled
/// code (on-stack replacement). Methods are compiled on a background thread, as HotSpot does: the thread that
/// crosses the threshold goes on interpreting, and the methods are published once .NET has compiled them (a call
/// without a thread makes .NET compile a method and returns at once), so a Java thread does not wait for .NET's JIT
/// for code that is warm only (the class library's boot); on a single CPU, one that calls the method
/// <see cref="WaitFactor"/> times the threshold before its code is ready waits for it (<see cref="WaitAt"/>).
/// Loops are compiled on the thread that runs them (it enters the code at once), one compilation at a time.
/// </summary>
public sealed class JitCompiler : IMethodCompiler
{
    /// <summary>Methods compiled together at most (the hot method and callees reached from it).</summary>
    private const int MaxGroup = 64;

    private readonly object _lock = new();
    private readonly Dictionary<JMethod, CompiledMethod> _group = [];
    private readonly Queue<(CompiledMethod Method, StackKinds Kinds)> _pending = new();
    private readonly bool _trace;
    private readonly bool _background;
    /// <summary>Methods waiting for the background thread, with their call count when asked for (see <see cref="TakeHottest"/>).</summary>
    private readonly List<(JMethod Method, int Calls)> _requests = [];
    private readonly HashSet<JMethod> _inFlight = [];
    private Thread? _worker;
    private readonly (int First, int Last)? _range = ReadRange();
    private int _declarations;

    private static (int, int)? ReadRange()
    {
        var text = Environment.GetEnvironmentVariable("NIDO_JIT_RANGE");
        if (text?.Split('-') is [var a, var b] && int.TryParse(a, out var first) && int.TryParse(b, out var last)) return (first, last);
        return null;
    }

    /// <param name="background">Methods are compiled on a thread of the JIT's own; otherwise before the call that crossed the threshold.</param>
    public JitCompiler(int callThreshold = 2000, int loopThreshold = 20000, bool trace = false, bool background = false)
    {
        CallThreshold = Math.Max(1, callThreshold);
        LoopThreshold = Math.Max(1, loopThreshold);
        _trace = trace;
        _background = background;
    }

    /// <summary>
    /// Thresholds from NIDO_JIT_CALLS and NIDO_JIT_LOOPS (tests set 1 to compile everything that runs, which then
    /// compiles on first use, in the calling thread); NIDO_JIT_BACKGROUND=0 compiles in the calling thread always;
    /// NIDO_JIT_TRACE=1 logs.
    /// </summary>
    public static JitCompiler FromEnvironment()
    {
        static int Read(string name, int fallback)
        {
            var text = Environment.GetEnvironmentVariable(name);
            if (text is null) return fallback;
            return int.TryParse(text, out var v) && v > 0 ? v : throw new ArgumentException($"{name}={text}: expected a positive number");
        }
        var calls = Read("NIDO_JIT_CALLS", 2000);
        var background = calls > 1 && Environment.GetEnvironmentVariable("NIDO_JIT_BACKGROUND") != "0";
        return new JitCompiler(calls, Read("NIDO_JIT_LOOPS", 20000), Environment.GetEnvironmentVariable("NIDO_JIT_TRACE") == "1", background);
    }

    public int CallThreshold { get; }

    /// <summary>
    /// Calls a callee must have run to be compiled with its caller: a method compiled for a hot loop (nbody's main)
    /// otherwise drew in everything it calls once (printf, the Formatter, Locale, regex: 65 methods, ~60 ms of .NET's
    /// JIT on the second core). A colder callee is called through the interpreter, and through its own code once it
    /// is hot itself.
    /// </summary>
    private int GroupCalls => Math.Max(1, CallThreshold / 16);

    /// <summary>Calls, in thresholds, after which a thread waits for a method's background compilation.</summary>
    public const int WaitFactor = 4;

    /// <summary>
    /// Only on a single CPU does a thread wait for a hot method's code: there the JIT's thread needs the CPU the
    /// interpreter holds. With a second CPU, interpreting on is progress that waiting is not (the first
    /// String.format's cold code waited 14 ms for StringUTF16.getChar behind the queue's HashMap.putVal).
    /// </summary>
    public int WaitAt => _background && Environment.ProcessorCount == 1 ? CallThreshold * WaitFactor : int.MaxValue;
    public int LoopThreshold { get; }

    public (int Methods, int Loops, int Refused, TimeSpan Time) Statistics => (_methods, _loops, _refused, _time);
    private int _methods, _loops, _refused;
    private TimeSpan _time;

    public void Compile(JMethod method)
    {
        if (!_background)
        {
            Publish(CompileNow(method));
            return;
        }
        lock (_requests)
        {
            // Asked again (the method stayed hot while it waited): interpreting it longer would cost more than waiting.
            if (!_inFlight.Add(method))
            {
                // A Java interrupt pending on this thread (Thread.interrupt) is kept for the Java code that checks it.
                var interrupted = false;
                var waited = _trace ? Stopwatch.StartNew() : null;
                while (_inFlight.Contains(method))
                {
                    try { Monitor.Wait(_requests); }
                    catch (ThreadInterruptedException) { interrupted = true; }
                }
                if (waited is not null) Trace($"{method}: waited {waited.Elapsed.TotalMilliseconds:F1} ms for its code");
                if (interrupted) Thread.CurrentThread.Interrupt();
                return;
            }
            Enqueue(method);
        }
    }

    public bool CompileInBackground(JMethod method)
    {
        if (!_background || method.CompileRefused) return false;
        CompileLater(method);
        return true;
    }

    /// <summary>
    /// A method whose loop went hot is compiled whole too, in the background: called again (spectral-norm's
    /// multiplyAv, 20 calls of a million turns each), it then runs its typed code from the start instead of being
    /// interpreted up to the loop's entry. HotSpot counts back edges toward a method's compilation likewise.
    /// </summary>
    private void CompileLater(JMethod method)
    {
        if (!_background || method.CompiledState is not null || method.CompileRefused) return;
        // Not marked in flight: the method's own threshold still asks (and only its WaitAt call waits); the worker
        // skips a method compiled meanwhile.
        lock (_requests) Enqueue(method);
    }

    /// <summary>Queues a method for the background thread (started on first use); the caller holds the queue's lock.</summary>
    private void Enqueue(JMethod method)
    {
        _requests.Add((method, method.Calls));
        if (_worker is null)
        {
            _worker = new Thread(Work) { IsBackground = true, Name = "nido-jvm-jit" };
            _worker.Start();
        }
        else Monitor.Pulse(_requests);
    }

    /// <summary>
    /// The waiting method called most since it was asked for (the first asked of equals): the queue fills while the
    /// host boots the class library, and in arrival order nbody's advance, hot from its first calls, waited behind 26
    /// methods of that boot (HashMap.putVal, String.hashCode …; ~35 ms of compiling) that ran no more once main began.
    /// </summary>
    private JMethod TakeHottest()
    {
        var best = 0;
        for (var i = 1; i < _requests.Count; i++)
            if (_requests[i].Method.Calls - _requests[i].Calls > _requests[best].Method.Calls - _requests[best].Calls) best = i;
        var method = _requests[best].Method;
        _requests.RemoveAt(best);
        return method;
    }

    /// <summary>The background thread: compiles what is asked for, hottest first, and publishes it once .NET compiled it.</summary>
    private void Work()
    {
        while (true)
        {
            JMethod method;
            lock (_requests)
            {
                while (_requests.Count == 0) Monitor.Wait(_requests);
                method = TakeHottest();
            }
            try
            {
                Publish(CompileNow(method, warm: true));
            }
            catch (Exception e)
            {
                // A fault of the JIT itself: the method stays interpreted, and the VM goes on rather than dying here.
                method.CompileRefused = true;
                Trace($"{method} failed: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                lock (_requests)
                {
                    _inFlight.Remove(method);
                    Monitor.PulseAll(_requests);
                }
            }
        }
    }

    /// <summary>
    /// Emits <paramref name="method"/>'s group and, with <paramref name="warm"/>, has .NET compile it before other
    /// compiled code may call it (a group .NET rejects is taken back: its methods stay interpreted).
    /// </summary>
    private List<(CompiledMethod Method, CompiledEntry Entry)> CompileNow(JMethod method, bool warm = false)
    {
        lock (_lock)
        {
            if (method.CompiledState is not null || method.CompileRefused) return [];
            var watch = Stopwatch.StartNew();
            try
            {
                var group = Declare(method) is not null ? EmitGroup() : null;
                if (group is null) return [];
                try
                {
                    if (warm) foreach (var (_, entry) in group) Warm(entry);
                }
                catch
                {
                    foreach (var (c, _) in group)
                    {
                        c.Method.CompiledState = null;
                        c.Method.CompileRefused = true;
                    }
                    throw;
                }
                return group;
            }
            finally
            {
                _time += watch.Elapsed;
                Trace($"{method}: {watch.Elapsed.TotalMilliseconds:F1} ms");
            }
        }
    }

    /// <summary>The interpreter enters these methods' compiled code from now on.</summary>
    private static void Publish(List<(CompiledMethod Method, CompiledEntry Entry)> group)
    {
        foreach (var (c, entry) in group) Volatile.Write(ref c.Method.Compiled, entry);
    }

    /// <summary>Calls a bridge without a thread: .NET compiles it and its typed method, which both return at once.</summary>
    private static void Warm(CompiledEntry entry) => entry(null!, 0);

    public CompiledEntry? CompileLoop(JMethod method, int pc)
    {
        lock (_lock)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var kinds = new StackKinds(method);
                var dm = new DynamicMethod($"{method.Owner.Name}.{method.Name}@{pc}", typeof(Slot), [typeof(object[]), typeof(JThread), typeof(int)], typeof(JObject).Module, skipVisibility: true);
                var emitter = new MethodEmitter(this, method, kinds, dm.GetILGenerator(), pc);
                emitter.Emit();
                if (EmitGroup() is not { } group) return null;
                Publish(group);
                _loops++;
                Trace($"loop {method}@{pc}");
                CompileLater(method);
                return (CompiledEntry)dm.CreateDelegate(typeof(CompiledEntry), emitter.Constants);
            }
            catch (NotCompilableException e)
            {
                _refused++;
                Trace($"loop {method}@{pc} refused: {e.Message}");
                _group.Clear();
                _pending.Clear();
                return null;
            }
            finally
            {
                _time += watch.Elapsed;
                Trace($"loop {method}@{pc}: {watch.Elapsed.TotalMilliseconds:F1} ms");
            }
        }
    }

    /// <summary>
    /// The compiled form a call site can call directly: the method's own when it has one, or one declared now (and
    /// emitted in this group) when the method has run in the interpreter and can be compiled. Null: call through the
    /// interpreter.
    /// </summary>
    internal CompiledMethod? Callable(JMethod target)
    {
        if (target.CompiledState is CompiledMethod done) return done;
        if (_group.TryGetValue(target, out var declared)) return declared;
        if (target.CompileRefused || target.Calls < GroupCalls || _group.Count >= MaxGroup) return null;
        return Declare(target);
    }

    private CompiledMethod? Declare(JMethod method)
    {
        // NIDO_JIT_RANGE=a-b (debugging): only the a-th to b-th methods asked for are compiled.
        var n = _declarations++;
        if (_range is { } r && (n < r.First || n > r.Last))
        {
            method.CompileRefused = true;
            return null;
        }
        if (method.IsNative || method.Native is not null || method.IsAbstract || method.Code is null)
        {
            Refuse(method, method.Native is not null ? "intrinsic" : "no bytecode");
            return null;
        }
        StackKinds kinds;
        try
        {
            kinds = new StackKinds(method);
        }
        catch (NotCompilableException e)
        {
            Refuse(method, e.Message);
            return null;
        }
        var c = new CompiledMethod(method);
        _group[method] = c;
        _pending.Enqueue((c, kinds));
        Trace($"#{n} {method}");
        return c;
    }

    private void Refuse(JMethod method, string reason)
    {
        method.CompileRefused = true;
        _refused++;
        Trace($"{method} refused: {reason}");
    }

    /// <summary>
    /// Emits every declared method of the group and makes them callable from compiled code (their interpreter entries
    /// are returned, for <see cref="Publish"/>); a failure makes none callable.
    /// </summary>
    private List<(CompiledMethod, CompiledEntry)>? EmitGroup()
    {
        JMethod? current = null;
        try
        {
            while (_pending.TryDequeue(out var item))
            {
                current = item.Method.Method;
                var emitter = new MethodEmitter(this, item.Method, item.Kinds);
                emitter.Emit();
                item.Method.K = emitter.Constants;
                if (emitter.Frameless) Trace($"{current} is frameless");
            }
            var group = new List<(CompiledMethod, CompiledEntry)>(_group.Count);
            foreach (var c in _group.Values) group.Add((c, Bridge(c)));
            // Callable from compiled code only once every member has its code.
            foreach (var (c, _) in group)
            {
                c.Method.CompiledState = c;
                _methods++;
                Trace($"compiled {c.Method}");
            }
            return group;
        }
        catch (NotCompilableException e)
        {
            // The method that failed is refused for good; the others will be tried again when they are hot.
            if (current is not null) Refuse(current, e.Message);
            return null;
        }
        finally
        {
            _group.Clear();
            _pending.Clear();
        }
    }

    /// <summary>The interpreter's entry: arguments read from the slot stack, the typed method called, the result as a slot.</summary>
    private static CompiledEntry Bridge(CompiledMethod c)
    {
        var dm = new DynamicMethod(c.Typed.Name + "$entry", typeof(Slot), [typeof(object[]), typeof(JThread), typeof(int)], typeof(JObject).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        var run = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Brtrue, run);
        // The warm-up (no thread): the typed method is called with zeros and returns at once, compiled.
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldnull);
        foreach (var p in c.Parameters) SlotCode.Default(il, p);
        il.Emit(OpCodes.Call, c.Typed);
        SlotCode.Pack(il, c.Return);
        il.Emit(OpCodes.Ret);
        il.MarkLabel(run);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        var offset = 0;
        foreach (var p in c.Parameters)
        {
            SlotCode.StackSlot(il, null, offset);
            SlotCode.Load(il, p);
            offset += Bytecode.Wide(p) ? 2 : 1;
        }
        il.Emit(OpCodes.Call, c.Typed);
        SlotCode.Pack(il, c.Return);
        il.Emit(OpCodes.Ret);
        return (CompiledEntry)dm.CreateDelegate(typeof(CompiledEntry), c.K);
    }

    /// <summary>The emitter placed <paramref name="callee"/>'s body in <paramref name="caller"/> (for NIDO_JIT_TRACE).</summary>
    internal void Inlined(JMethod callee, JMethod caller) => Trace($"{callee} inlined into {caller}");

    private void Trace(string text)
    {
        if (_trace) Console.Error.WriteLine($"nido: jit: {text}");
    }
}
