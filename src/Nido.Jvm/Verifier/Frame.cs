namespace Nido.Jvm.Verifier;

/// <summary>The types of a method's locals and operand stack at one instruction, slot by slot.</summary>
internal sealed class Frame
{
    public readonly VType[] Locals;
    public readonly VType[] Stack;
    public int Sp;

    public Frame(int maxLocals, int maxStack)
    {
        Locals = new VType[maxLocals];
        Stack = new VType[maxStack];
    }

    public void CopyFrom(Frame other)
    {
        other.Locals.CopyTo(Locals, 0);
        other.Stack.AsSpan(0, other.Sp).CopyTo(Stack);
        Sp = other.Sp;
        ThisUninitialized = other.ThisUninitialized;
    }

    /// <summary>
    /// JVMS's flagThisUninit: a constructor has not yet called super() or this(). Set on entry to &lt;init&gt; and for
    /// stack map frames that hold uninitializedThis; cleared only by the &lt;init&gt; call (a store over local 0 does not).
    /// </summary>
    public bool ThisUninitialized;

    /// <summary>Replaces every occurrence of an uninitialized type with the initialized one (after its &lt;init&gt;).</summary>
    public void Initialize(VType uninitialized, VType initialized)
    {
        for (var i = 0; i < Locals.Length; i++) if (Locals[i] == uninitialized) Locals[i] = initialized;
        for (var i = 0; i < Sp; i++) if (Stack[i] == uninitialized) Stack[i] = initialized;
    }
}
