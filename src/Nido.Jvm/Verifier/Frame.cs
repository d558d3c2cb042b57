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

    public Frame Copy()
    {
        var f = new Frame(Locals.Length, Stack.Length) { Sp = Sp };
        Locals.CopyTo(f.Locals, 0);
        Stack.AsSpan(0, Sp).CopyTo(f.Stack);
        return f;
    }

    public void CopyFrom(Frame other)
    {
        other.Locals.CopyTo(Locals, 0);
        other.Stack.AsSpan(0, other.Sp).CopyTo(Stack);
        Sp = other.Sp;
    }

    /// <summary>Is uninitializedThis still in the frame (a constructor that has not yet called super() or this())?</summary>
    public bool ThisUninitialized
    {
        get
        {
            foreach (var t in Locals) if (t.Tag == VTag.UninitializedThis) return true;
            for (var i = 0; i < Sp; i++) if (Stack[i].Tag == VTag.UninitializedThis) return true;
            return false;
        }
    }

    /// <summary>Replaces every occurrence of an uninitialized type with the initialized one (after its &lt;init&gt;).</summary>
    public void Initialize(VType uninitialized, VType initialized)
    {
        for (var i = 0; i < Locals.Length; i++) if (Locals[i] == uninitialized) Locals[i] = initialized;
        for (var i = 0; i < Sp; i++) if (Stack[i] == uninitialized) Stack[i] = initialized;
    }
}
