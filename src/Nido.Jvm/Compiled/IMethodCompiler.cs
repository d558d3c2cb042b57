using Nido.Jvm.Runtime;

namespace Nido.Jvm.Compiled;

/// <summary>A compiled method entered from the interpreter: arguments in JVM slot layout at t.Stack[fp..].</summary>
public delegate Slot CompiledEntry(JThread thread, int fp);

/// <summary>
/// The JIT, as the interpreter sees it. It lives in Nido.Jvm.Jit (it emits CIL, so only the CoreCLR host has it);
/// the interpreter counts calls and loop back-edges and asks it to compile what is hot.
/// </summary>
public interface IMethodCompiler
{
    /// <summary>Calls before a method is compiled.</summary>
    int CallThreshold { get; }
    /// <summary>Calls after which the interpreter asks again for a method still not compiled (and waits for it).</summary>
    int WaitAt { get; }
    /// <summary>Back-edges in one method before its loop is compiled and entered on the stack (OSR).</summary>
    int LoopThreshold { get; }

    /// <summary>
    /// Compiles <paramref name="method"/> (setting its <see cref="JMethod.Compiled"/>, possibly later, on a thread of
    /// the JIT's), or marks it refused. Asked again for the same method (at <see cref="WaitAt"/> calls), it returns
    /// once the method's code is ready.
    /// </summary>
    void Compile(JMethod method);

    /// <summary>
    /// Queues <paramref name="method"/> for a whole compile on the JIT's own thread, not waited for by any call;
    /// false when the JIT compiles only where it is asked (then nothing is queued).
    /// </summary>
    bool CompileInBackground(JMethod method);

    /// <summary>
    /// Code that continues an interpreted frame of <paramref name="method"/> at the loop head <paramref name="pc"/>
    /// (operand stack empty, locals in the frame's slots), runs it to the end and returns its result; null when it
    /// cannot be compiled.
    /// </summary>
    CompiledEntry? CompileLoop(JMethod method, int pc);
}
