using System.Text;
using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Runtime;

/// <summary>
/// JEP 358's helpful NullPointerException messages, worded as HotSpot 17's: the action that failed at the faulting
/// bytecode ("Cannot invoke \"String.length()\"") and, when a data-flow pass over the method can tell, what was null
/// (" because \"&lt;local1&gt;.next\" is null"). The pass records, for every pc, which instruction pushed each
/// operand-stack slot (-1 where paths disagree) and which locals were stored to, as HotSpot's simulation does.
/// </summary>
internal static class HelpfulNullPointer
{
    private const int MaxDetail = 5;

    /// <summary>The message for an NPE raised at <paramref name="pc"/> of <paramref name="m"/>, or null (explicitly constructed, native, unknown).</summary>
    public static string? Message(JMethod m, int pc)
    {
        if (m.IsNative || m.Code is not { } code || pc < 0 || pc >= code.Code.Length) return null;
        var pool = m.Owner.File!.Pool;
        var text = new StringBuilder();
        try
        {
            var slot = NullSlot(code.Code, pc, pool);
            if (slot < 0 || !FailedAction(text, code.Code, pc, pool)) return null;
            var analysis = new Analysis(m, code.Code, pool);
            analysis.Run(code.Handlers);
            var cause = new StringBuilder();
            if (analysis.Cause(cause, pc, slot, MaxDetail, innerExpression: false, prefix: " because \""))
                text.Append(cause).Append("\" is null");
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidOperationException or ClassFormatException
            or InvalidCastException)
        {
            // Code the analysis cannot follow: the action alone (if known), as HotSpot when its analysis fails.
            if (text.Length == 0) return null;
        }
        return text.ToString();
    }

    /// <summary>The operand-stack slot (from the top) that held the null reference; -1 for a constructor call or other.</summary>
    private static int NullSlot(byte[] code, int pc, ConstantPool pool)
    {
        int op = code[pc];
        switch (op)
        {
            case 0xb4 or 0xbe or 0xbf or 0xc2 or 0xc3: return 0; // getfield arraylength athrow monitorenter monitorexit
            case >= 0x2e and <= 0x35: return 1; // xaload
            case 0x50 or 0x52: return 3; // lastore dastore
            case >= 0x4f and <= 0x56: return 2; // other xastore
            case 0xb5: return Size(pool.MemberRef(U2(code, pc + 1)).Descriptor); // putfield
            case 0xb6 or 0xb7 or 0xb9:
                var (_, name, descriptor) = pool.MemberRef(U2(code, pc + 1));
                return name == "<init>" ? -1 : Descriptors.ArgumentSlots(descriptor);
            default: return -1;
        }
    }

    private static bool FailedAction(StringBuilder s, byte[] code, int pc, ConstantPool pool)
    {
        int op = code[pc];
        string[] arrays = ["int", "long", "float", "double", "object", "byte/boolean", "char", "short"];
        switch (op)
        {
            case >= 0x2e and <= 0x35: s.Append("Cannot load from ").Append(arrays[op - 0x2e]).Append(" array"); return true;
            case >= 0x4f and <= 0x56: s.Append("Cannot store to ").Append(arrays[op - 0x4f]).Append(" array"); return true;
            case 0xbe: s.Append("Cannot read the array length"); return true;
            case 0xbf: s.Append("Cannot throw exception"); return true;
            case 0xc2: s.Append("Cannot enter synchronized block"); return true;
            case 0xc3: s.Append("Cannot exit synchronized block"); return true;
            case 0xb4: s.Append("Cannot read field \"").Append(pool.MemberRef(U2(code, pc + 1)).Name).Append('"'); return true;
            case 0xb5: s.Append("Cannot assign field \"").Append(pool.MemberRef(U2(code, pc + 1)).Name).Append('"'); return true;
            case 0xb6 or 0xb7 or 0xb9: s.Append("Cannot invoke \"").Append(MethodName(pool, U2(code, pc + 1))).Append('"'); return true;
            default: return false;
        }
    }

    /// <summary>"Class.name(params)" with java.lang.Object and java.lang.String shortened, as HotSpot prints methods.</summary>
    private static string MethodName(ConstantPool pool, int index)
    {
        var (cls, name, descriptor) = pool.MemberRef(index);
        return $"{ClassName(cls)}.{name}({string.Join(", ", Descriptors.Parameters(descriptor).Select(p => Shorten(DescriptorText.Type(p))))})";
    }

    private static string ClassName(string internalName) => Shorten(internalName.StartsWith('[') ? DescriptorText.Type(internalName) : internalName.Replace('/', '.'));

    private static string Shorten(string type) =>
        type.StartsWith("java.lang.Object", StringComparison.Ordinal) && (type.Length == 16 || type[16] == '[') ? "Object" + type[16..]
        : type.StartsWith("java.lang.String", StringComparison.Ordinal) && (type.Length == 16 || type[16] == '[') ? "String" + type[16..]
        : type;

    private static int Size(string descriptor) => descriptor is "J" or "D" ? 2 : 1;
    private static int U2(byte[] c, int at) => c[at] << 8 | c[at + 1];
    private static int S4(byte[] c, int at) => c[at] << 24 | c[at + 1] << 16 | c[at + 2] << 8 | c[at + 3];

    /// <summary>The data-flow pass: per pc, the pushing pc of each stack slot (top last) and the locals stored to so far.</summary>
    private sealed class Analysis(JMethod m, byte[] code, ConstantPool pool)
    {
        private readonly int[]?[] _stacks = new int[]?[code.Length];
        private readonly ulong[][] _written = new ulong[code.Length][];

        public void Run(ExceptionHandler[] handlers)
        {
            var words = (m.Code!.MaxLocals + 63) / 64 + 1;
            var work = new Stack<int>();
            Merge(0, [], new ulong[words], work);
            var guard = 0;
            while (work.Count > 0)
            {
                if (++guard > 200_000) throw new InvalidOperationException("analysis does not converge");
                var pc = work.Pop();
                var stack = new List<int>(_stacks[pc]!);
                var written = (ulong[])_written[pc].Clone();
                foreach (var h in handlers)
                    if (pc >= h.Start && pc < h.End) Merge(h.Handler, [-1], written, work);
                foreach (var next in Step(pc, stack, written)) Merge(next, stack, written, work);
            }
        }

        private void Merge(int pc, IReadOnlyList<int> stack, ulong[] written, Stack<int> work)
        {
            if (pc < 0 || pc >= code.Length) throw new InvalidOperationException("branch out of the code");
            if (_stacks[pc] is not { } known)
            {
                _stacks[pc] = [.. stack];
                _written[pc] = (ulong[])written.Clone();
                work.Push(pc);
                return;
            }
            if (known.Length != stack.Count) throw new InvalidOperationException("stack heights differ");
            var changed = false;
            for (var i = 0; i < known.Length; i++)
                if (known[i] != stack[i] && known[i] != -1) { known[i] = -1; changed = true; }
            for (var i = 0; i < written.Length; i++)
                if ((_written[pc][i] | written[i]) != _written[pc][i]) { _written[pc][i] |= written[i]; changed = true; }
            if (changed) work.Push(pc);
        }

        /// <summary>Applies one instruction to the stack and locals; returns the pcs that can follow it.</summary>
        private IEnumerable<int> Step(int pc, List<int> stack, ulong[] written)
        {
            int op = code[pc];
            void Pop(int n) => stack.RemoveRange(stack.Count - n, n);
            void Push(int n) { for (var i = 0; i < n; i++) stack.Add(pc); }
            void Store(int local, int size) { for (var i = 0; i < size; i++) written[(local + i) / 64] |= 1UL << ((local + i) % 64); }
            var next = pc + 1;
            switch (op)
            {
                case 0x00: break;
                case 0x01 or (>= 0x02 and <= 0x08) or 0x0b or 0x0c or 0x0d: Push(1); break;
                case 0x09 or 0x0a or 0x0e or 0x0f: Push(2); break;
                case 0x10: Push(1); next = pc + 2; break;
                case 0x11: Push(1); next = pc + 3; break;
                case 0x12: Push(1); next = pc + 2; break;
                case 0x13: Push(1); next = pc + 3; break;
                case 0x14: Push(2); next = pc + 3; break;
                case 0x15 or 0x17 or 0x19: Push(1); next = pc + 2; break;
                case 0x16 or 0x18: Push(2); next = pc + 2; break;
                case (>= 0x1a and <= 0x1d) or (>= 0x22 and <= 0x25) or (>= 0x2a and <= 0x2d): Push(1); break;
                case (>= 0x1e and <= 0x21) or (>= 0x26 and <= 0x29): Push(2); break;
                case 0x2e or 0x30 or 0x32 or 0x33 or 0x34 or 0x35: Pop(2); Push(1); break;
                case 0x2f or 0x31: Pop(2); Push(2); break;
                case 0x36 or 0x38 or 0x3a: Pop(1); Store(code[pc + 1], 1); next = pc + 2; break;
                case 0x37 or 0x39: Pop(2); Store(code[pc + 1], 2); next = pc + 2; break;
                case >= 0x3b and <= 0x4e:
                {
                    var kind = (op - 0x3b) / 4; // istore lstore fstore dstore astore
                    var size = kind is 1 or 3 ? 2 : 1;
                    Pop(size);
                    Store((op - 0x3b) % 4, size);
                    break;
                }
                case 0x50 or 0x52: Pop(4); break;
                case >= 0x4f and <= 0x56: Pop(3); break;
                case 0x57: Pop(1); break;
                case 0x58: Pop(2); break;
                case 0x59: stack.Add(stack[^1]); break;
                case 0x5a: stack.Insert(stack.Count - 2, stack[^1]); break;
                case 0x5b: stack.Insert(stack.Count - 3, stack[^1]); break;
                case 0x5c: stack.AddRange([stack[^2], stack[^1]]); break;
                case 0x5d: stack.InsertRange(stack.Count - 3, [stack[^2], stack[^1]]); break;
                case 0x5e: stack.InsertRange(stack.Count - 4, [stack[^2], stack[^1]]); break;
                case 0x5f: (stack[^1], stack[^2]) = (stack[^2], stack[^1]); break;
                case >= 0x60 and <= 0x73: // add sub mul div rem: i l f d
                {
                    var size = (op - 0x60) % 4 is 1 or 3 ? 2 : 1;
                    Pop(2 * size);
                    Push(size);
                    break;
                }
                case 0x74 or 0x76: Pop(1); Push(1); break;
                case 0x75 or 0x77: Pop(2); Push(2); break;
                case 0x78 or 0x7a or 0x7c: Pop(2); Push(1); break;
                case 0x79 or 0x7b or 0x7d: Pop(3); Push(2); break;
                case 0x7e or 0x80 or 0x82: Pop(2); Push(1); break;
                case 0x7f or 0x81 or 0x83: Pop(4); Push(2); break;
                case 0x84: Store(code[pc + 1], 1); next = pc + 3; break;
                case >= 0x85 and <= 0x93:
                {
                    // i2l i2f i2d l2i l2f l2d f2i f2l f2d d2i d2l d2f i2b i2c i2s: (pop, push)
                    ReadOnlySpan<(int, int)> sizes = [(1, 2), (1, 1), (1, 2), (2, 1), (2, 1), (2, 2), (1, 1), (1, 2), (1, 2), (2, 1), (2, 2), (2, 1), (1, 1), (1, 1), (1, 1)];
                    var (p, q) = sizes[op - 0x85];
                    Pop(p);
                    Push(q);
                    break;
                }
                case 0x94: Pop(4); Push(1); break;
                case 0x95 or 0x96: Pop(2); Push(1); break;
                case 0x97 or 0x98: Pop(4); Push(1); break;
                case (>= 0x99 and <= 0x9e) or 0xc6 or 0xc7: Pop(1); return [pc + 3, pc + (short)U2(code, pc + 1)];
                case >= 0x9f and <= 0xa6: Pop(2); return [pc + 3, pc + (short)U2(code, pc + 1)];
                case 0xa7: return [pc + (short)U2(code, pc + 1)];
                case 0xc8: return [pc + S4(code, pc + 1)];
                case 0xa8 or 0xc9 or 0xa9: throw new InvalidOperationException("jsr/ret"); // not in class files of version 51+
                case 0xaa:
                {
                    Pop(1);
                    var at = (pc + 4) & ~3;
                    int low = S4(code, at + 4), high = S4(code, at + 8);
                    var targets = new List<int> { pc + S4(code, at) };
                    for (var i = 0; i <= high - low; i++) targets.Add(pc + S4(code, at + 12 + 4 * i));
                    return targets;
                }
                case 0xab:
                {
                    Pop(1);
                    var at = (pc + 4) & ~3;
                    var pairs = S4(code, at + 4);
                    var targets = new List<int> { pc + S4(code, at) };
                    for (var i = 0; i < pairs; i++) targets.Add(pc + S4(code, at + 12 + 8 * i));
                    return targets;
                }
                case >= 0xac and <= 0xb1: return [];
                case 0xbf: return [];
                case 0xb2: Push(Size(pool.MemberRef(U2(code, pc + 1)).Descriptor)); next = pc + 3; break;
                case 0xb3: Pop(Size(pool.MemberRef(U2(code, pc + 1)).Descriptor)); next = pc + 3; break;
                case 0xb4: Pop(1); Push(Size(pool.MemberRef(U2(code, pc + 1)).Descriptor)); next = pc + 3; break;
                case 0xb5: Pop(1 + Size(pool.MemberRef(U2(code, pc + 1)).Descriptor)); next = pc + 3; break;
                case >= 0xb6 and <= 0xb9:
                {
                    var descriptor = pool.MemberRef(U2(code, pc + 1)).Descriptor;
                    Pop(Descriptors.ArgumentSlots(descriptor) + (op == 0xb8 ? 0 : 1));
                    var result = Descriptors.Return(descriptor);
                    if (result != "V") Push(Size(result));
                    next = pc + (op == 0xb9 ? 5 : 3);
                    break;
                }
                case 0xba:
                {
                    var descriptor = pool.NameAndType(pool.B(U2(code, pc + 1))).Descriptor;
                    Pop(Descriptors.ArgumentSlots(descriptor));
                    var result = Descriptors.Return(descriptor);
                    if (result != "V") Push(Size(result));
                    next = pc + 5;
                    break;
                }
                case 0xbb: Push(1); next = pc + 3; break;
                case 0xbc: Pop(1); Push(1); next = pc + 2; break;
                case 0xbd: Pop(1); Push(1); next = pc + 3; break;
                case 0xbe: Pop(1); Push(1); break;
                case 0xc0: next = pc + 3; break; // checkcast keeps the value's origin
                case 0xc1: Pop(1); Push(1); next = pc + 3; break;
                case 0xc2 or 0xc3: Pop(1); break;
                case 0xc4:
                {
                    int wide = code[pc + 1], local = U2(code, pc + 2);
                    switch (wide)
                    {
                        case 0x15 or 0x17 or 0x19: Push(1); break;
                        case 0x16 or 0x18: Push(2); break;
                        case 0x36 or 0x38 or 0x3a: Pop(1); Store(local, 1); break;
                        case 0x37 or 0x39: Pop(2); Store(local, 2); break;
                        case 0x84: Store(local, 1); return [pc + 6];
                        default: throw new InvalidOperationException("wide");
                    }
                    next = pc + 4;
                    break;
                }
                case 0xc5: Pop(code[pc + 3]); Push(1); next = pc + 4; break;
                default: throw new InvalidOperationException($"opcode {op}");
            }
            return [next];
        }

        /// <summary>Describes what pushed stack slot <paramref name="slot"/> (0 = top) at <paramref name="pc"/>; false if it cannot.</summary>
        public bool Cause(StringBuilder s, int pc, int slot, int maxDetail, bool innerExpression, string? prefix = null)
        {
            if (maxDetail <= 0 || _stacks[pc] is not { } stack || slot >= stack.Length) return false;
            var source = stack[stack.Length - 1 - slot];
            if (source < 0) return false;
            int op = code[source];
            var wide = op == 0xc4;
            if (wide) op = code[source + 1];
            var isInvoke = op is >= 0xb6 and <= 0xb9;
            var described = op is (>= 0x01 and <= 0x08) or 0x10 or 0x11 or 0x15 or 0x19 or (>= 0x1a and <= 0x1d) or (>= 0x2a and <= 0x2d)
                or 0x2e or 0x32 or 0xb2 or 0xb4;
            if (!described && !isInvoke) return false;
            if (maxDetail == MaxDetail && prefix is not null && !isInvoke) s.Append(prefix);
            switch (op)
            {
                case >= 0x1a and <= 0x1d: Local(s, source, op - 0x1a, _written[pc]); return true;
                case >= 0x2a and <= 0x2d: Local(s, source, op - 0x2a, _written[pc]); return true;
                case 0x15 or 0x19: Local(s, source, wide ? U2(code, source + 2) : code[source + 1], _written[pc]); return true;
                case 0x01: s.Append("null"); return true;
                case >= 0x02 and <= 0x08: s.Append(op - 0x03); return true;
                case 0x10: s.Append((sbyte)code[source + 1]); return true;
                case 0x11: s.Append(U2(code, source + 1)); return true; // HotSpot prints sipush's operand unsigned
                case 0x2e or 0x32:
                    if (!Cause(s, source, 1, maxDetail - 1, innerExpression)) s.Append("<array>");
                    s.Append('[');
                    if (!Cause(s, source, 0, maxDetail - 1, innerExpression: true)) s.Append("...");
                    s.Append(']');
                    return true;
                case 0xb2:
                {
                    var (cls, name, _) = pool.MemberRef(U2(code, source + 1));
                    s.Append(ClassName(cls)).Append('.').Append(name);
                    return true;
                }
                case 0xb4:
                    if (Cause(s, source, 0, maxDetail - 1, innerExpression: true)) s.Append('.');
                    s.Append(pool.MemberRef(U2(code, source + 1)).Name);
                    return true;
                default: // invocations
                    if (maxDetail == MaxDetail && !innerExpression) s.Append(" because the return value of \"");
                    s.Append(MethodName(pool, U2(code, source + 1)));
                    return true;
            }
        }

        /// <summary>
        /// A local's name: from the LocalVariableTable when the class has one, else "this", "&lt;parameterN&gt;" while
        /// a parameter slot is unchanged, or "&lt;localN&gt;".
        /// </summary>
        private void Local(StringBuilder s, int pc, int local, ulong[] written)
        {
            foreach (var v in m.Code!.LocalVariables)
                if (v.Slot == local && pc >= v.Start && pc < v.Start + v.Length) { s.Append(v.Name); return; }
            var isParameter = (written[local / 64] & 1UL << (local % 64)) == 0;
            if (!m.IsStatic && local == 0 && isParameter) { s.Append("this"); return; }
            var current = m.IsStatic ? 0 : 1;
            var index = 1;
            foreach (var p in Descriptors.Parameters(m.Descriptor))
            {
                var size = Size(p);
                if (local >= current && local < current + size)
                {
                    if (isParameter) { s.Append("<parameter").Append(index).Append('>'); return; }
                    break;
                }
                index++;
                current += size;
            }
            s.Append("<local").Append(local).Append('>');
        }
    }
}
