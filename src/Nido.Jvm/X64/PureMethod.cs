using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.X64;

/// <summary>
/// Decides whether a method is one the native tier compiles — static, its parameters and result int-like or long,
/// and its code only int/long arithmetic, comparisons, branches, switches, locals and static calls of such methods
/// in initialised classes: no heap, no allocation, no monitors, no handlers — and types its operand stack and locals
/// at every instruction (a data-flow pass, as the verifier's). Such a call has no effect but its result, so compiled
/// code that meets what it cannot do (a division by zero, too deep a recursion) can give the call up and the
/// interpreter run it again from the start.
/// </summary>
internal sealed class PureMethod
{
    /// <summary>Operand values at most (each in a register of its own).</summary>
    public const int MaxDepth = 8;

    private const int MaxLocalsCompiled = 64, MaxCodeCompiled = 4096;

    /// <summary>Cases of a switch at most (compiled as a chain of compares).</summary>
    private const int MaxCases = 64;

    public JMethod Method { get; }
    public byte[] Code { get; }
    public int MaxLocals { get; }

    /// <summary>The operand stack's value types ('I' or 'J', one per value) before each reachable instruction.</summary>
    public Dictionary<int, char[]> Stacks { get; } = [];

    /// <summary>The most operand values live at once (the deepest instruction's stack before it runs).</summary>
    public int MaxStack => _maxStack >= 0 ? _maxStack : _maxStack = Stacks.Count == 0 ? 0 : Stacks.Values.Max(s => s.Length);

    private int _maxStack = -1; // measured on first use, once the analysis is done

    /// <summary>Instructions that branches and switches go to.</summary>
    public HashSet<int> Targets { get; } = [];

    /// <summary>The static methods called, with their argument count and result kind, by the pc of their invokestatic.</summary>
    public Dictionary<int, (JMethod Target, int Arguments, char Return)> Calls { get; } = [];

    /// <summary>Parameter value types in order ('I' or 'J').</summary>
    public char[] Parameters { get; }

    /// <summary>'I', 'J' or 'V'.</summary>
    public char Return { get; }

    private PureMethod(JMethod m, byte[] code, char[] parameters, char ret)
    {
        Method = m;
        Code = code;
        MaxLocals = m.Code!.MaxLocals;
        Parameters = parameters;
        Return = ret;
    }

    /// <summary>The method's analysis, or null with the reason it is not compiled.</summary>
    public static PureMethod? Analyze(JMethod m, out string? reason)
    {
        reason = Eligible(m, out var parameters, out var ret);
        if (reason is not null) return null;
        var p = new PureMethod(m, m.Code!.Code, parameters!, ret);
        try
        {
            reason = p.Flow();
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            reason = "truncated code"; // a switch or operand cut off by the code's end
        }
        return reason is null ? p : null;
    }

    private static string? Eligible(JMethod m, out char[]? parameters, out char ret)
    {
        parameters = null;
        ret = 'V';
        if (!m.IsStatic) return "not static";
        if (m.IsSynchronized || m.IsNative || m.Native is not null || m.Code is null) return "synchronized, native or an intrinsic";
        if (m.Code.Handlers.Length > 0) return "exception handlers";
        // The analysis keeps the locals' types per instruction, and a frame holds every local: large ones stay interpreted.
        if (m.Code.MaxLocals > MaxLocalsCompiled || m.Code.Code.Length > MaxCodeCompiled) return "too large";
        var d = m.Descriptor;
        var list = new List<char>();
        var i = 1;
        for (; i < d.Length && d[i] != ')'; i++)
        {
            var k = Kind(d[i]);
            if (k == '?') return "a parameter that is not int-like or long";
            list.Add(k);
        }
        if (i + 1 >= d.Length) return "a bad descriptor";
        ret = d[i + 1] == 'V' ? 'V' : Kind(d[i + 1]);
        if (ret == '?') return "a result that is not int-like or long";
        if (list.Count > MaxDepth) return "too many parameters";
        parameters = [.. list];
        return null;
    }

    private static char Kind(char c) => c switch { 'I' or 'Z' or 'B' or 'C' or 'S' => 'I', 'J' => 'J', _ => '?' };

    // Local types: 'I', 'J', 'H' (a long's high half) and 'T' (unusable).
    private string? Flow()
    {
        var locals0 = new char[MaxLocals];
        Array.Fill(locals0, 'T');
        var slot = 0;
        foreach (var p in Parameters)
        {
            if (slot + (p == 'J' ? 2 : 1) > MaxLocals) return "parameters beyond max_locals";
            locals0[slot++] = p;
            if (p == 'J') locals0[slot++] = 'H';
        }
        var localsAt = new Dictionary<int, char[]>();
        var work = new Stack<int>();
        Stacks[0] = [];
        localsAt[0] = locals0;
        work.Push(0);
        while (work.Count > 0)
        {
            var pc = work.Pop();
            var stack = new List<char>(Stacks[pc]);
            var locals = (char[])localsAt[pc].Clone();
            var error = Step(pc, stack, locals, out var next, out var branches);
            if (error is not null) return $"{error} at pc {pc}";
            if (stack.Count > MaxDepth) return $"more than {MaxDepth} operand values at pc {pc}";
            foreach (var target in branches) Targets.Add(target);
            var successors = next >= 0 ? branches.Append(next) : branches;
            foreach (var s in successors)
            {
                if (s < 0 || s >= Code.Length) return $"a branch out of the code at pc {pc}";
                if (!Stacks.TryGetValue(s, out var known))
                {
                    Stacks[s] = [.. stack];
                    localsAt[s] = (char[])locals.Clone();
                    work.Push(s);
                    continue;
                }
                if (!known.AsSpan().SequenceEqual(stack.ToArray())) return $"operand stacks that differ where paths meet at pc {s}";
                var merged = localsAt[s];
                var changed = false;
                for (var i = 0; i < merged.Length; i++)
                    if (merged[i] != locals[i] && merged[i] != 'T')
                    {
                        merged[i] = 'T';
                        changed = true;
                    }
                if (changed) work.Push(s);
            }
        }
        return null;
    }

    /// <summary>One instruction's effect on the types; <paramref name="next"/> is the fall-through pc (-1: none).</summary>
    private string? Step(int pc, List<char> stack, char[] locals, out int next, out List<int> branches)
    {
        var bc = Code;
        var op = bc[pc];
        var targets = branches = [];
        next = -1;
        string? Pop(char want)
        {
            if (stack.Count == 0) return "an empty operand stack";
            if (stack[^1] != want) return $"a {stack[^1]} where {want} is needed";
            stack.RemoveAt(stack.Count - 1);
            return null;
        }
        string? Load(int index, char want)
        {
            if (index + (want == 'J' ? 1 : 0) >= locals.Length) return "a local beyond max_locals";
            if (locals[index] != want) return $"local {index} is not {want}";
            stack.Add(want);
            return null;
        }
        string? Store(int index, char type)
        {
            if (Pop(type) is { } e) return e;
            if (index + (type == 'J' ? 1 : 0) >= locals.Length) return "a local beyond max_locals";
            if (index > 0 && locals[index - 1] == 'J') locals[index - 1] = 'T';
            if (locals[index] == 'J' && index + 1 < locals.Length) locals[index + 1] = 'T';
            locals[index] = type;
            if (type == 'J') locals[index + 1] = 'H';
            return null;
        }
        string? Binary(char a, char b, char result)
        {
            var e = Pop(b) ?? Pop(a);
            if (e is null) stack.Add(result);
            return e;
        }
        string? Branch(int offset, params char[] pops)
        {
            foreach (var p in pops)
                if (Pop(p) is { } e) return e;
            targets.Add(pc + offset);
            return null;
        }
        int S2(int at) => Instructions.S2(bc, at);
        int S4(int at) => Instructions.S4(bc, at);
        var length = Instructions.Length(bc, pc);
        if (length <= 0 || pc + length > bc.Length) return "an instruction past the code's end";
        next = pc + length;
        switch (op)
        {
            case 0x00: return null;
            case >= 0x02 and <= 0x08 or 0x10 or 0x11: stack.Add('I'); return null;
            case 0x09 or 0x0a: stack.Add('J'); return null;
            case 0x12 or 0x13 or 0x14:
            {
                var index = op == 0x12 ? bc[pc + 1] : (bc[pc + 1] << 8) | bc[pc + 2];
                var tag = Method.Owner.File!.Pool.Tag(index);
                if (op == 0x14 ? tag != ConstantTag.Long : tag != ConstantTag.Integer) return "a constant that is not an int or a long";
                stack.Add(op == 0x14 ? 'J' : 'I');
                return null;
            }
            case 0x15: return Load(bc[pc + 1], 'I');
            case 0x16: return Load(bc[pc + 1], 'J');
            case >= 0x1a and <= 0x1d: return Load(op - 0x1a, 'I');
            case >= 0x1e and <= 0x21: return Load(op - 0x1e, 'J');
            case 0x36: return Store(bc[pc + 1], 'I');
            case 0x37: return Store(bc[pc + 1], 'J');
            case >= 0x3b and <= 0x3e: return Store(op - 0x3b, 'I');
            case >= 0x3f and <= 0x42: return Store(op - 0x3f, 'J');
            case 0x57: return stack.Count > 0 && stack[^1] == 'I' ? Pop('I') : "pop of a long";
            case 0x58:
                if (stack.Count > 0 && stack[^1] == 'J') return Pop('J');
                return Pop('I') ?? Pop('I');
            case 0x59:
                if (stack.Count == 0 || stack[^1] != 'I') return "dup of a long";
                stack.Add('I');
                return null;
            case 0x5c:
                if (stack.Count > 0 && stack[^1] == 'J') { stack.Add('J'); return null; }
                if (stack.Count < 2 || stack[^2] != 'I' || stack[^1] != 'I') return "dup2 of mixed values";
                stack.Add('I');
                stack.Add('I');
                return null;
            case 0x5f:
                if (stack.Count < 2 || stack[^2] != 'I' || stack[^1] != 'I') return "swap of longs";
                return null;
            case 0x60 or 0x64 or 0x68 or 0x6c or 0x70 or 0x7e or 0x80 or 0x82: return Binary('I', 'I', 'I');
            case 0x61 or 0x65 or 0x69 or 0x6d or 0x71 or 0x7f or 0x81 or 0x83: return Binary('J', 'J', 'J');
            case 0x78 or 0x7a or 0x7c: return Binary('I', 'I', 'I');
            case 0x79 or 0x7b or 0x7d: return Binary('J', 'I', 'J');
            case 0x74: return Pop('I') ?? Push('I');
            case 0x75: return Pop('J') ?? Push('J');
            case 0x84:
                if (bc[pc + 1] >= locals.Length || locals[bc[pc + 1]] != 'I') return "iinc of a local that is not an int";
                return null;
            case 0x85: return Pop('I') ?? Push('J');
            case 0x88: return Pop('J') ?? Push('I');
            case 0x91 or 0x92 or 0x93: return Pop('I') ?? Push('I');
            case 0x94: return Binary('J', 'J', 'I');
            case >= 0x99 and <= 0x9e: return Branch(S2(pc + 1), 'I');
            case >= 0x9f and <= 0xa4: return Branch(S2(pc + 1), 'I', 'I');
            case 0xa7: next = -1; return Branch(S2(pc + 1));
            case 0xc8: next = -1; return Branch(S4(pc + 1));
            case 0xaa or 0xab:
            {
                if (Pop('I') is { } e) return e;
                var at = (pc + 4) & ~3;
                branches.Add(pc + S4(at));
                var cases = op == 0xaa ? (long)S4(at + 8) - S4(at + 4) + 1 : S4(at + 4);
                if (cases < 0 || cases > MaxCases) return "a switch of too many cases";
                for (var i = 0; i < cases; i++) branches.Add(pc + S4(op == 0xaa ? at + 12 + 4 * i : at + 12 + 8 * i));
                next = -1;
                return null;
            }
            case 0xac: next = -1; return Return == 'I' ? Pop('I') : "ireturn in a method that does not return an int";
            case 0xad: next = -1; return Return == 'J' ? Pop('J') : "lreturn in a method that does not return a long";
            case 0xb1: next = -1; return Return == 'V' ? null : "return in a method that returns a value";
            case 0xb8: return Invoke(pc, stack);
            case 0xc4:
            {
                var index = (bc[pc + 2] << 8) | bc[pc + 3];
                return bc[pc + 1] switch
                {
                    0x15 => Load(index, 'I'),
                    0x16 => Load(index, 'J'),
                    0x36 => Store(index, 'I'),
                    0x37 => Store(index, 'J'),
                    0x84 => index < locals.Length && locals[index] == 'I' ? null : "iinc of a local that is not an int",
                    _ => $"wide {bc[pc + 1]:x2}",
                };
            }
            default: return $"instruction {op:x2}";
        }

        string? Push(char type)
        {
            stack.Add(type);
            return null;
        }
    }

    private string? Invoke(int pc, List<char> stack)
    {
        var index = (Code[pc + 1] << 8) | Code[pc + 2];
        var resolved = Method.Owner.Resolved;
        if ((uint)index >= (uint)resolved.Length || resolved[index] is not MethodSite { Op: 0xb8, Polymorphic: false, Method: { } target })
            return "a call not resolved yet";
        if (!target.IsStatic || target.Owner.State != ClassState.Initialized) return $"a call of {target} in a class not initialised";
        if (Eligible(target, out var parameters, out var ret) is { } why) return $"a call of {target}: {why}";
        for (var i = parameters!.Length - 1; i >= 0; i--)
        {
            if (stack.Count == 0 || stack[^1] != parameters[i]) return $"arguments that do not match {target}";
            stack.RemoveAt(stack.Count - 1);
        }
        if (ret != 'V') stack.Add(ret);
        Calls[pc] = (target, parameters.Length, ret);
        return null;
    }
}
