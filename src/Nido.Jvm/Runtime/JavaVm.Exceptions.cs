using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Runtime;

public sealed partial class JavaVm
{
    /// <summary>
    /// A new Java exception of <paramref name="className"/> constructed on the current thread (so its stack trace is
    /// the Java stack right here), wrapped for throwing: <c>throw vm.Throw("java/lang/ArithmeticException", "/ by zero")</c>.
    /// </summary>
    /// <summary>NIDO_JAVA_DEBUG: "1" prints the .NET exception behind an InternalError; "all" also where the VM makes each Java exception.</summary>
    private static readonly string? DebugExceptions = Environment.GetEnvironmentVariable("NIDO_JAVA_DEBUG");

    public JavaThrow Throw(string className, string? message, JObject? cause = null)
    {
        var t = JThread.Current ?? throw new InvalidOperationException($"{className}: {message} (no Java thread)");
        if (className == "java/lang/StackOverflowError") return StackOverflow(t);
        if (DebugExceptions == "all") Console.Error.WriteLine($"nido: {className}: {message}\n{Environment.StackTrace}");
        var c = BootClass(className);
        EnsureInitialized(t, c);
        var o = NewObject(c);
        var ctor = c.DeclaredMethod("<init>", "(Ljava/lang/String;)V");
        if (ctor is not null) t.Invoke(ctor, Slot.OfRef(o), Slot.OfRef(message is null ? null : NewString(message)));
        else
        {
            t.Invoke(c.DeclaredMethod("<init>", "()V") ?? throw new InvalidOperationException($"{className} has no usable constructor"), Slot.OfRef(o));
            if (message is not null) SetField(o, c, "detailMessage", Slot.OfRef(NewString(message)));
        }
        if (cause is not null) SetField(o, c, "cause", Slot.OfRef(cause));
        return new JavaThrow(o) { Implicit = true, OriginDepth = t.Depth };
    }

    /// <summary>
    /// StackOverflowError is made without running Java code (its constructor would need the stack that is full):
    /// the object and its backtrace are filled in directly, as HotSpot does.
    /// </summary>
    private JavaThrow StackOverflow(JThread t)
    {
        var c = BootClass("java/lang/StackOverflowError");
        var o = NewObject(c);
        var bt = Nido.Jvm.Natives.JavaLangThrowable.Capture(t, null);
        SetField(o, c, "backtrace", Slot.OfRef(new VmBox(ObjectClass, bt)));
        SetField(o, c, "depth", Slot.OfInt(bt.Methods.Length));
        SetField(o, c, "cause", Slot.OfRef(o));
        return new JavaThrow(o);
    }

    /// <summary>
    /// The Java throwable for an exception caught by the interpreter: Java exceptions as they are; the runtime's own
    /// faults mapped to what the JVM would throw (null dereference → NullPointerException, and so on).
    /// </summary>
    public JObject ToJava(JThread t, Exception e, JMethod m, int pc)
    {
        if (e is JavaThrow j) return j.Throwable;
        t.FramePcs[t.Depth - 1] = pc;
        var (cls, msg) = e switch
        {
            NullReferenceException => ("java/lang/NullPointerException", (string?)null),
            SynchronizationLockException => ("java/lang/IllegalMonitorStateException", "current thread is not owner"),
            OutOfMemoryException => ("java/lang/OutOfMemoryError", "Java heap space"),
            InsufficientExecutionStackException => ("java/lang/StackOverflowError", null),
            ClassFormatException f => (f.JavaError, f.Message),
            InvalidCastException => ("java/lang/ClassCastException", e.Message),
            _ => ("java/lang/InternalError", $"{e.GetType().Name}: {e.Message} in {m} at pc {pc}"),
        };
        if (DebugExceptions == "all" || (DebugExceptions == "1" && cls == "java/lang/InternalError")) Console.Error.WriteLine(e);
        return Throw(cls, msg).Throwable;
    }

    /// <summary>
    /// An exception the VM made for a failing instruction of the innermost frame <paramref name="frame"/> carries
    /// that instruction's pc in its stack trace (the interpreter records pcs only at calls, allocation and throws).
    /// </summary>
    public void AtPc(JavaThrow e, int frame, int pc)
    {
        // Only in the frame that raised it (hidden frames left out of the backtrace make its length no guide).
        if (e.Implicit && e.OriginDepth == frame + 1 && GetField(e.Throwable, "backtrace").R?.Vm is Natives.Backtrace { Methods.Length: > 0 } bt) bt.Pcs[0] = pc;
    }

    /// <summary>HotSpot's ClassCastException detail: where each class comes from.</summary>
    public string Describe(JClass from, JClass to)
    {
        string Where(JClass c) => c.Loader is null ? $"module {ModuleOf(c) ?? "java.base"} of loader 'bootstrap'" : $"unnamed module of loader {LoaderName(c.Loader)}";
        var a = Where(from);
        var b = Where(to);
        return a == b ? $"{from.JavaName} and {to.JavaName} are in {a}" : $"{from.JavaName} is in {a}; {to.JavaName} is in {b}";
    }
}

public sealed partial class JavaVm
{
    /// <summary>A throwable's class, message and captured frames, formatted by the VM itself (for failures before System.err exists).</summary>
    public string Describe(JObject throwable)
    {
        var text = new System.Text.StringBuilder();
        for (var e = throwable; e is not null;)
        {
            var message = StringOf(GetField(e, "detailMessage").R);
            text.Append(ReferenceEquals(e, throwable) ? "" : "Caused by: ").Append(e.Class.JavaName).Append(message is null ? "" : ": " + message).Append('\n');
            if (GetField(e, "backtrace").R?.Vm is Natives.Backtrace bt)
                for (var i = 0; i < bt.Methods.Length; i++)
                {
                    var m = bt.Methods[i];
                    var line = bt.Pcs[i] < 0 ? -2 : m.Code?.LineOf(bt.Pcs[i]) ?? -1;
                    text.Append("\tat ").Append(m.Owner.JavaName).Append('.').Append(m.Name)
                        .Append(line == -2 ? "(Native Method)" : $"({m.Owner.SourceFile}:{line})").Append('\n');
                }
            var cause = GetField(e, "cause").R;
            e = ReferenceEquals(cause, e) ? null : cause;
        }
        return text.ToString();
    }
}
