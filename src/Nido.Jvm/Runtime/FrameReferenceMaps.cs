using System.Runtime.CompilerServices;
using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Runtime;

/// <summary>
/// Which locals of an interpreted frame are references at a pc, decided as HotSpot's interpreter oop maps do
/// (GenerateOopMap): a local counts only if every path reaching the pc stored a reference in it. A loop variable
/// whose scope ended, or a slot reused for an int, is not a root there; System.gc clears such slots, so what they
/// last held can be collected as it is under java.
/// </summary>
internal static class FrameReferenceMaps
{
    private static readonly ConditionalWeakTable<JMethod, ulong[]?[]> Cache = new();
    private static readonly ulong[]?[] NotAnalysed = [];

    /// <summary>A bit per local, set where the local holds a reference at <paramref name="pc"/>; null when unknown.</summary>
    public static ulong[]? At(JMethod m, int pc)
    {
        var states = Cache.GetValue(m, Compute);
        return (uint)pc < (uint)states.Length ? states[pc] : null;
    }

    public static bool IsSet(ulong[] bits, int local) => (bits[local >> 6] & (1UL << local)) != 0;

    private static ulong[]?[] Compute(JMethod m) => m.Code is { } code ? Analyse(code, m.IsStatic, m.Descriptor) : NotAnalysed;

    /// <summary>The reference locals at every instruction start (null where unreachable); empty when not analysable.</summary>
    internal static ulong[]?[] Analyse(CodeAttribute code, bool isStatic, string descriptor)
    {
        var bc = code.Code;
        var words = Math.Max(1, (code.MaxLocals + 63) / 64);
        var states = new ulong[]?[bc.Length];
        var entry = new ulong[words];
        var local = 0;
        if (!isStatic) Set(entry, local++);
        foreach (var p in Descriptors.Parameters(descriptor))
        {
            if (p[0] is 'L' or '[') Set(entry, local);
            local += p is "J" or "D" ? 2 : 1;
        }
        states[0] = entry;
        var work = new Stack<int>();
        work.Push(0);
        var next = new List<int>();
        var current = new ulong[words];
        try
        {
            while (work.TryPop(out var pc))
            {
                states[pc]!.CopyTo(current, 0);
                foreach (var h in code.Handlers)
                    if (pc >= h.Start && pc < h.End && !Merge(states, h.Handler, current, work)) return NotAnalysed;
                if (!Instructions.Successors(bc, pc, next)) return NotAnalysed; // jsr/ret: not worth following
                Store(bc, pc, current);
                foreach (var target in next)
                    if (!Merge(states, target, current, work)) return NotAnalysed;
            }
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return NotAnalysed; // truncated instruction: the interpreter reports it when it gets there
        }
        return states;
    }

    /// <summary>The effect of a store instruction: astore makes the local a reference, other stores make it not one.</summary>
    private static void Store(byte[] bc, int pc, ulong[] s)
    {
        int op = bc[pc], index;
        if (op == 0xc4)
        {
            op = bc[pc + 1];
            if (op is < 0x36 or > 0x3a) return;
            index = (bc[pc + 2] << 8) | bc[pc + 3];
        }
        else if (op is >= 0x36 and <= 0x3a) index = bc[pc + 1];
        else if (op is >= 0x3b and <= 0x4e)
        {
            index = (op - 0x3b) % 4;
            op = 0x36 + (op - 0x3b) / 4; // the istore..astore with that index
        }
        else return;
        switch (op)
        {
            case 0x3a: Set(s, index); break;
            case 0x37 or 0x39: Clear(s, index); Clear(s, index + 1); break;
            default: Clear(s, index); break;
        }
    }

    private static bool Merge(ulong[]?[] states, int pc, ulong[] incoming, Stack<int> work)
    {
        if ((uint)pc >= (uint)states.Length) return false;
        if (states[pc] is not { } known)
        {
            states[pc] = (ulong[])incoming.Clone();
            work.Push(pc);
            return true;
        }
        var changed = false;
        for (var i = 0; i < known.Length; i++)
        {
            var met = known[i] & incoming[i];
            if (met == known[i]) continue;
            known[i] = met;
            changed = true;
        }
        if (changed) work.Push(pc);
        return true;
    }

    private static void Set(ulong[] bits, int local)
    {
        if (local >> 6 < bits.Length) bits[local >> 6] |= 1UL << local;
    }

    private static void Clear(ulong[] bits, int local)
    {
        if (local >> 6 < bits.Length) bits[local >> 6] &= ~(1UL << local);
    }
}
