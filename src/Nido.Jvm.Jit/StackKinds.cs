using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;
using static Nido.Jvm.Jit.Bytecode;

namespace Nido.Jvm.Jit;

/// <summary>Why a method stays interpreted.</summary>
internal sealed class NotCompilableException(string reason) : Exception(reason);

/// <summary>
/// The kinds (I, J, F, D, R) of the operand stack's values at the start of every reachable instruction, by
/// data flow over the code and its exception handlers — what the emitter needs to give each stack position a typed
/// CIL local. Java locals need no analysis: every load and store names its kind. Code the compiler does not take
/// (jsr/ret, inconsistent stacks) is refused here, before anything is emitted.
/// </summary>
internal sealed class StackKinds
{
    private readonly JMethod _method;
    private readonly byte[] _code;
    private readonly ConstantPool _pool;

    /// <summary>Stack kinds at each pc (bottom first); null where the code is unreachable.</summary>
    public readonly char[]?[] In;

    public StackKinds(JMethod method)
    {
        _method = method;
        var code = method.Code ?? throw new NotCompilableException("no code");
        _code = code.Code;
        _pool = method.Owner.File?.Pool ?? throw new NotCompilableException("no constant pool");
        In = new char[]?[_code.Length];
        Analyse(code);
    }

    private void Analyse(CodeAttribute code)
    {
        var work = new Stack<int>();
        Merge(0, [], work);
        var handled = new bool[code.Handlers.Length];
        while (true)
        {
            while (work.Count > 0) Flow(work.Pop(), work);
            var added = false;
            for (var h = 0; h < code.Handlers.Length; h++)
            {
                if (handled[h]) continue;
                var range = code.Handlers[h];
                for (var pc = range.Start; pc < range.End && pc < _code.Length; pc++)
                    if (In[pc] is not null)
                    {
                        handled[h] = added = true;
                        Merge(range.Handler, ['R'], work);
                        break;
                    }
            }
            if (!added) return;
        }
    }

    private void Merge(int pc, char[] stack, Stack<int> work)
    {
        if ((uint)pc >= (uint)_code.Length) throw new NotCompilableException($"branch to {pc} outside the code");
        var old = In[pc];
        if (old is null)
        {
            In[pc] = stack;
            work.Push(pc);
            return;
        }
        if (!old.AsSpan().SequenceEqual(stack)) throw new NotCompilableException($"operand stack differs at {pc}");
    }

    private void Flow(int pc, Stack<int> work)
    {
        var s = new List<char>(In[pc]!);
        var op = _code[pc];
        var next = pc + Instructions.Length(_code, pc);
        char Pop()
        {
            if (s.Count == 0) throw new NotCompilableException($"stack underflow at {pc}");
            var k = s[^1];
            s.RemoveAt(s.Count - 1);
            return k;
        }
        void Push(char k) => s.Add(k);
        void PopN(int n) { for (var i = 0; i < n; i++) Pop(); }
        void Goto(int target) => Merge(target, [.. s], work);
        switch (op)
        {
            case 0x00: break;
            case 0x01: Push('R'); break;
            case >= 0x02 and <= 0x08 or 0x10 or 0x11: Push('I'); break;
            case 0x09 or 0x0a: Push('J'); break;
            case >= 0x0b and <= 0x0d: Push('F'); break;
            case 0x0e or 0x0f: Push('D'); break;
            case 0x12 or 0x13 or 0x14: Push(ConstantKind(op == 0x12 ? _code[pc + 1] : U2(_code, pc + 1))); break;
            case 0x15 or (>= 0x1a and <= 0x1d): Push('I'); break;
            case 0x16 or (>= 0x1e and <= 0x21): Push('J'); break;
            case 0x17 or (>= 0x22 and <= 0x25): Push('F'); break;
            case 0x18 or (>= 0x26 and <= 0x29): Push('D'); break;
            case 0x19 or (>= 0x2a and <= 0x2d): Push('R'); break;
            case 0x2e or 0x33 or 0x34 or 0x35: PopN(2); Push('I'); break;
            case 0x2f: PopN(2); Push('J'); break;
            case 0x30: PopN(2); Push('F'); break;
            case 0x31: PopN(2); Push('D'); break;
            case 0x32: PopN(2); Push('R'); break;
            case (>= 0x36 and <= 0x3a) or (>= 0x3b and <= 0x4e): Pop(); break;
            case >= 0x4f and <= 0x56: PopN(3); break;
            case >= 0x57 and <= 0x5f:
            {
                char KindAt(int i) => i < s.Count ? s[^(1 + i)] : throw new NotCompilableException($"stack underflow at {pc}");
                var order = Bytecode.Shuffle(op, KindAt, out var take);
                KindAt(take - 1);
                var taken = s.GetRange(s.Count - take, take);
                PopN(take);
                foreach (var i in order) Push(taken[i]);
                break;
            }
            case >= 0x60 and <= 0x73: { Pop(); var k = Pop(); Push(k); break; }
            case >= 0x74 and <= 0x77: break;
            case >= 0x78 and <= 0x7d: Pop(); break;
            case >= 0x7e and <= 0x83: { Pop(); var k = Pop(); Push(k); break; }
            case 0x84: break;
            case >= 0x85 and <= 0x93:
                Pop();
                Push(op switch
                {
                    0x85 or 0x8c or 0x8f => 'J',
                    0x86 or 0x89 or 0x90 => 'F',
                    0x87 or 0x8a or 0x8d => 'D',
                    _ => 'I',
                });
                break;
            case >= 0x94 and <= 0x98: PopN(2); Push('I'); break;
            case >= 0x99 and <= 0x9e or 0xc6 or 0xc7: Pop(); Goto(pc + S2(_code, pc + 1)); break;
            case >= 0x9f and <= 0xa6: PopN(2); Goto(pc + S2(_code, pc + 1)); break;
            case 0xa7: Goto(pc + S2(_code, pc + 1)); return;
            case 0xc8: Goto(pc + S4(_code, pc + 1)); return;
            case 0xa8 or 0xa9 or 0xc9: throw new NotCompilableException("jsr/ret");
            case 0xaa:
            {
                Pop();
                var p = (pc + 4) & ~3;
                Goto(pc + S4(_code, p));
                var low = S4(_code, p + 4);
                var high = S4(_code, p + 8);
                for (var i = 0; i <= high - low; i++) Goto(pc + S4(_code, p + 12 + i * 4));
                return;
            }
            case 0xab:
            {
                Pop();
                var p = (pc + 4) & ~3;
                Goto(pc + S4(_code, p));
                var n = S4(_code, p + 4);
                for (var i = 0; i < n; i++) Goto(pc + S4(_code, p + 12 + i * 8));
                return;
            }
            case >= 0xac and <= 0xb1 or 0xbf: return;
            case 0xb2: Push(Kind(FieldDescriptor(pc))); break;
            case 0xb3: Pop(); break;
            case 0xb4: Pop(); Push(Kind(FieldDescriptor(pc))); break;
            case 0xb5: PopN(2); break;
            case >= 0xb6 and <= 0xba:
            {
                var descriptor = op == 0xba
                    ? _pool.NameAndType(_pool.B(U2(_code, pc + 1))).Descriptor
                    : _pool.MemberRef(U2(_code, pc + 1)).Descriptor;
                PopN(Parameters(descriptor).Count + (op is 0xb8 or 0xba ? 0 : 1));
                var r = ReturnKind(descriptor);
                if (r != 'V') Push(r);
                break;
            }
            case 0xbb: Push('R'); break;
            case 0xbc or 0xbd: Pop(); Push('R'); break;
            case 0xbe: Pop(); Push('I'); break;
            case 0xc0: break;
            case 0xc1: Pop(); Push('I'); break;
            case 0xc2 or 0xc3: Pop(); break;
            case 0xc4:
                switch (_code[pc + 1])
                {
                    case 0x15: Push('I'); break;
                    case 0x16: Push('J'); break;
                    case 0x17: Push('F'); break;
                    case 0x18: Push('D'); break;
                    case 0x19: Push('R'); break;
                    case >= 0x36 and <= 0x3a: Pop(); break;
                    case 0x84: break;
                    default: throw new NotCompilableException($"wide {_code[pc + 1]:x2}");
                }
                break;
            case 0xc5: PopN(_code[pc + 3]); Push('R'); break;
            default: throw new NotCompilableException($"opcode {op:x2} at {pc}");
        }
        if (next >= _code.Length) throw new NotCompilableException("code falls off its end");
        Goto(next);
    }

    private string FieldDescriptor(int pc) => _pool.MemberRef(U2(_code, pc + 1)).Descriptor;

    private char ConstantKind(int index) => _pool.Tag(index) switch
    {
        ConstantTag.Integer => 'I',
        ConstantTag.Float => 'F',
        ConstantTag.Long => 'J',
        ConstantTag.Double => 'D',
        ConstantTag.String or ConstantTag.Class or ConstantTag.MethodType or ConstantTag.MethodHandle => 'R',
        ConstantTag.Dynamic => Kind(_pool.NameAndType(_pool.B(index)).Descriptor),
        var tag => throw new NotCompilableException($"ldc of {tag}"),
    };

    public override string ToString() => _method.ToString();
}
