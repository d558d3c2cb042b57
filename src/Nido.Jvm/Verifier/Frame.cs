namespace Nido.Jvm.Verifier;

/// <summary>The types of a method's locals and operand stack at one instruction, slot by slot.</summary>
internal sealed class Frame
{
    public readonly VType[] Locals;
    public readonly VType[] Stack;
    public int Sp;
    /// <summary>HotSpot's locals_size: the locals a VerifyError's frame dump shows (arguments, then raised by stores, or a stack map frame's).</summary>
    public int LocalsSize;

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
        LocalsSize = other.LocalsSize;
        ThisUninitialized = other.ThisUninitialized;
    }

    /// <summary>A copy of what a dump shows (the defined locals and the stack), taken before each instruction.</summary>
    public void SnapshotFrom(Frame other)
    {
        other.Locals.AsSpan(0, other.LocalsSize).CopyTo(Locals);
        other.Stack.AsSpan(0, other.Sp).CopyTo(Stack);
        Sp = other.Sp;
        LocalsSize = other.LocalsSize;
        ThisUninitialized = other.ThisUninitialized;
    }

    /// <summary>As HotSpot prints a frame in a VerifyError (four lines, indented four spaces).</summary>
    public void Print(System.Text.StringBuilder text, int bci)
    {
        text.Append("    bci: @").Append(bci).Append('\n');
        text.Append("    flags: {").Append(ThisUninitialized ? " flagThisUninit" : "").Append(" }\n");
        List("locals", Locals.AsSpan(0, LocalsSize));
        List("stack", Stack.AsSpan(0, Sp));

        void List(string name, ReadOnlySpan<VType> types)
        {
            text.Append("    ").Append(name).Append(": {");
            for (var i = 0; i < types.Length; i++) text.Append(i == 0 ? " " : ", ").Append(types[i]);
            text.Append(" }\n");
        }
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
