using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Runtime;

/// <summary>Native methods receive the arguments in JVM slot layout (receiver first; long and double take two slots).</summary>
public delegate Slot NativeMethod(JThread thread, Span<Slot> args);

/// <summary>A linked method: code or native binding, argument slot count, and its vtable index for virtual dispatch.</summary>
public sealed class JMethod
{
    public JMethod(JClass owner, MethodInfo info, int index)
    {
        Owner = owner;
        Info = info;
        Index = index;
        ArgSlots = Descriptors.ArgumentSlots(info.Descriptor) + (IsStatic ? 0 : 1);
        ReturnKind = Descriptors.Return(info.Descriptor)[0];
        Id = owner.Vm.RegisterMethod(this);
    }

    public JClass Owner { get; }
    public MethodInfo Info { get; }
    public string Name => Info.Name;
    public string Descriptor => Info.Descriptor;
    public AccessFlags Flags => Info.Flags;
    public CodeAttribute? Code => Info.Code;
    /// <summary>Index among the owner's declared methods (reflection's slot).</summary>
    public int Index { get; }
    /// <summary>This method's number in its VM (<see cref="JavaVm.MethodById"/>): what a thread's frames record.</summary>
    public int Id { get; }
    public int ArgSlots { get; }
    /// <summary>First character of the return descriptor: V, I, J, F, D, Z, B, C, S, L or [.</summary>
    public char ReturnKind { get; }
    public int VTableIndex { get; internal set; } = -1;

    public bool IsStatic => (Info.Flags & AccessFlags.Static) != 0;
    public bool IsNative => (Info.Flags & AccessFlags.Native) != 0;
    public bool IsAbstract => (Info.Flags & AccessFlags.Abstract) != 0;
    public bool IsPrivate => (Info.Flags & AccessFlags.Private) != 0;
    public bool IsSynchronized => (Info.Flags & AccessFlags.Synchronized) != 0;
    public bool IsConstructor => Info.Name == "<init>";

    /// <summary>The C# implementation of a native method (or an intrinsic replacing bytecode), bound on first call.</summary>
    public NativeMethod? Native { get; set; }

    /// <summary>Cached java.lang.reflect object for this method (Method or Constructor).</summary>
    public JObject? Reflected { get; set; }

    /// <summary>Interpreter invocations and taken back-edges, for the JIT's tiering.</summary>
    public int Calls;
    public int BackEdges;

    /// <summary>The JIT's code for this method, entered by the interpreter's calls; null while interpreted.</summary>
    public Compiled.CompiledEntry? Compiled;
    /// <summary>The JIT's own data for this method (its emitted code and constants); opaque to the runtime.</summary>
    public object? CompiledState;
    /// <summary>The JIT declined this method (shape it does not compile, or it failed): it stays interpreted.</summary>
    public bool CompileRefused;
    /// <summary>Its back-edges once reached the loop threshold over many calls, and its whole compile was asked instead.</summary>
    internal bool LoopDeferred;
    /// <summary>Loop entries compiled for interpreted frames (on-stack replacement), by loop-head pc.</summary>
    internal Dictionary<int, Compiled.CompiledEntry?>? LoopEntries;

    public override string ToString() => $"{Owner.Name}.{Name}{Descriptor}";
}
