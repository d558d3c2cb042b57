namespace Nido.Jvm.Verifier.Inference;

/// <summary>
/// The state the inference verifier keeps per instruction: registers (only the first <see cref="RegisterCount"/> are
/// defined; a read beyond them is of an uninitialized register), the operand stack in slots (a long or double is its
/// type followed by its second half), the subroutines the instruction runs inside, and the path flags.
/// </summary>
internal sealed class InferenceFrame
{
    public readonly VType[] Registers;
    public int RegisterCount;
    public readonly VType[] Stack;
    public int Sp;
    /// <summary>
    /// The active subroutine calls, outermost first, each with the registers used inside it. The array and its masks
    /// are never changed once made, so frames share them (nested subroutines would otherwise copy them at every step).
    /// </summary>
    public SubroutineMask[] Masks = [];
    /// <summary>Flags true on every path here (<see cref="Constructed"/>).</summary>
    public int And;
    /// <summary>Flags true on some path here (<see cref="NeedConstructor"/>, <see cref="NoReturn"/>).</summary>
    public int Or;

    public const int Constructed = 1;
    public const int NeedConstructor = 2, NoReturn = 4;

    public InferenceFrame(int maxLocals, int stackCapacity)
    {
        Registers = new VType[maxLocals];
        Stack = new VType[stackCapacity];
    }

    public void CopyFrom(InferenceFrame other)
    {
        other.Registers.AsSpan(0, other.RegisterCount).CopyTo(Registers);
        RegisterCount = other.RegisterCount;
        other.Stack.AsSpan(0, other.Sp).CopyTo(Stack);
        Sp = other.Sp;
        Masks = other.Masks;
        And = other.And;
        Or = other.Or;
    }

    /// <summary>A register was read or written: every active subroutine has now used it.</summary>
    public void Touch(int register)
    {
        SubroutineMask[]? changed = null;
        for (var i = 0; i < Masks.Length; i++)
            if (!Masks[i].Has(register))
            {
                changed ??= (SubroutineMask[])Masks.Clone();
                changed[i] = Masks[i].With(register);
            }
        if (changed is not null) Masks = changed;
    }

    /// <summary>Replaces every copy of <paramref name="from"/> (an uninitialized object, after its &lt;init&gt;).</summary>
    public void Replace(VType from, VType to)
    {
        for (var i = 0; i < RegisterCount; i++)
            if (Registers[i] == from)
            {
                Registers[i] = to;
                Touch(i);
            }
        for (var i = 0; i < Sp; i++) if (Stack[i] == from) Stack[i] = to;
    }

    /// <summary>Objects made by <c>new</c> cannot cross a jsr or ret: every one becomes unusable.</summary>
    public void ForgetNewObjects()
    {
        for (var i = 0; i < RegisterCount; i++) if (Registers[i].Tag == VTag.Uninitialized) Registers[i] = VType.Top;
        for (var i = 0; i < Sp; i++) if (Stack[i].Tag == VTag.Uninitialized) Stack[i] = VType.Top;
    }
}

/// <summary>One active subroutine call: the subroutine's entry and the registers used since it was entered (never changed once made).</summary>
internal sealed class SubroutineMask(int entry, ulong[] bits)
{
    public int Entry { get; } = entry;
    public ulong[] Bits { get; } = bits;

    public SubroutineMask(int entry, int maxLocals) : this(entry, new ulong[(maxLocals + 63) / 64]) { }

    public bool Has(int register) => (Bits[register >> 6] & (1UL << register)) != 0;

    public SubroutineMask With(int register)
    {
        var bits = (ulong[])Bits.Clone();
        bits[register >> 6] |= 1UL << register;
        return new(Entry, bits);
    }

    /// <summary>This mask with the other's registers too, or this one when it has them all.</summary>
    public SubroutineMask Union(SubroutineMask other)
    {
        ulong[]? bits = null;
        for (var w = 0; w < Bits.Length; w++)
            if ((other.Bits[w] & ~Bits[w]) != 0)
            {
                bits ??= (ulong[])Bits.Clone();
                bits[w] |= other.Bits[w];
            }
        return bits is null ? this : new(Entry, bits);
    }
}
