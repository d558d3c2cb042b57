using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;
using static Nido.Jvm.X64.Reg;

namespace Nido.Jvm.X64;

/// <summary>
/// One <see cref="PureMethod"/> in x86-64, in a single pass over its bytecode. The operand value at depth d lives
/// in register <see cref="S"/>[d]; locals 0–3 in callee-saved registers, the rest in the frame. Constants stay
/// virtual until an instruction needs them in a register (then most fold into an immediate operand), and every
/// value is in its register where control flow meets, so all paths agree on where things are. Calls pass arguments
/// in S[0..n) and return in rax; values below the arguments are kept in the frame across the call. r15 points at
/// the call's context (stack limit, saved rsp, bail flag); r11 is scratch.
/// A call of the method itself is inlined once (a second MethodCodegen over the same bytecode, its operand stack
/// above the caller's values and its locals after the caller's in the same frame): a recursion such as fib then makes
/// a third of the calls.
/// </summary>
internal sealed class MethodCodegen
{
    public static readonly Reg[] S = [Rax, Rcx, Rdx, Rsi, Rdi, R8, R9, R10];
    private static readonly Reg[] L = [Rbx, R12, R13, R14];
    private const Reg Ctx = R15, Tmp = R11;

    // The context's fields (a long each), shared with the entry stub and NativeEntry.
    public const int LimitOffset = 0, SavedRspOffset = 8, BailedOffset = 16, TargetOffset = 24;

    private readonly Assembler _a;
    private readonly PureMethod _p;
    private readonly Func<JMethod, (int Label, nint Address)> _callee;
    private readonly int _bail;
    private readonly int _savedLocals;
    private readonly int _memoryLocals;
    private readonly Dictionary<int, int> _labels = [];

    // The virtual operand stack: a value is either in S[d] or a constant not yet emitted. An inlined body shares it.
    private readonly bool[] _isConst;
    private readonly long[] _value;
    private readonly char[] _type;
    private int _depth;
    private int _skip = -1;
    private int _lastPc; // an inlined body's return there falls through to its exit

    // An inlined body: its operand stack starts at depth _base, its local i is the frame's local _localBase + i, and
    // its returns jump to _exit with the result in S[_base]. The method's own body has all three at 0, 0 and -1.
    private readonly int _base;
    private readonly int _localBase;
    private readonly int _exit = -1;

    /// <summary>Bytecode bytes up to which a method's calls of itself are inlined.</summary>
    private const int InlineBytes = 100;

    public MethodCodegen(Assembler a, PureMethod p, int bail, Func<JMethod, (int Label, nint Address)> callee)
    {
        _a = a;
        _p = p;
        _bail = bail;
        _callee = callee;
        _isConst = new bool[PureMethod.MaxDepth + 2];
        _value = new long[PureMethod.MaxDepth + 2];
        _type = new char[PureMethod.MaxDepth + 2];
        var locals = p.MaxLocals + (p.Calls.Keys.Any(InlinesAt) ? p.MaxLocals : 0);
        _savedLocals = Math.Min(locals, L.Length);
        _memoryLocals = Math.Max(0, locals - L.Length);
    }

    /// <summary>The body of a call of the method itself, inlined into <paramref name="caller"/> at operand depth <paramref name="first"/>.</summary>
    private MethodCodegen(MethodCodegen caller, int first)
    {
        _a = caller._a;
        _p = caller._p;
        _bail = caller._bail;
        _callee = caller._callee;
        _savedLocals = caller._savedLocals;
        _memoryLocals = caller._memoryLocals;
        _isConst = caller._isConst;
        _value = caller._value;
        _type = caller._type;
        _base = first;
        _depth = first;
        _localBase = _p.MaxLocals;
        _exit = _a.NewLabel();
    }

    /// <summary>
    /// Whether the invokestatic at <paramref name="pc"/> is a call of the method itself that is inlined: only in the
    /// method's own body (one level), in a small method, and where the inlined operand stack still fits S.
    /// </summary>
    private bool InlinesAt(int pc) =>
        _exit < 0 && _p.Code.Length <= InlineBytes && _p.Calls.TryGetValue(pc, out var call) && call.Target == _p.Method
        && _p.Stacks[pc].Length - call.Arguments + _p.MaxStack <= PureMethod.MaxDepth;

    /// <summary>Bytes of native stack one activation takes (return address, rbp, saved registers, frame slots).</summary>
    public int FrameBytes => 8 * (2 + _savedLocals + _memoryLocals + PureMethod.MaxDepth);

    private int LocalDisp(int i) => -8 * (1 + _savedLocals + (i - L.Length));
    private int SpillDisp(int d) => -8 * (1 + _savedLocals + _memoryLocals + d);

    public void Emit(int entry)
    {
        _a.Bind(entry);
        _a.Push(Rbp);
        _a.Mov(true, Rbp, Rsp);
        for (var i = 0; i < _savedLocals; i++) _a.Push(L[i]);
        _a.Alu(Assembler.Sub, true, Rsp, 8 * (_memoryLocals + PureMethod.MaxDepth));
        // Too deep (the Java stack's depth or the thread's own): the call is given up and interpreted.
        _a.CmpMem(true, Rsp, Ctx, LimitOffset);
        _a.Jcc(Cond.B, _bail);
        StoreParameters();
        Body();
    }

    /// <summary>The arguments, in S from depth _base, to the body's locals.</summary>
    private void StoreParameters()
    {
        var slot = 0;
        for (var j = 0; j < _p.Parameters.Length; j++)
        {
            StoreLocal(slot, S[_base + j]);
            slot += _p.Parameters[j] == 'J' ? 2 : 1;
        }
    }

    private void Body()
    {
        foreach (var t in _p.Targets) _labels[t] = _a.NewLabel();
        var pcs = _p.Stacks.Keys.ToArray();
        Array.Sort(pcs);
        _lastPc = pcs[^1];
        var fallsThrough = true;
        foreach (var pc in pcs)
        {
            if (pc == _skip) continue;
            if (_p.Targets.Contains(pc))
            {
                if (fallsThrough) MaterializeAll();
                _a.Bind(_labels[pc]);
                Reset(pc);
            }
            else if (!fallsThrough) Reset(pc);
            else if (_depth - _base != _p.Stacks[pc].Length) throw new InvalidOperationException($"x64: operand depth {_depth} where the analysis has {_p.Stacks[pc].Length} at pc {pc} of {_p.Method}");
            fallsThrough = Instruction(pc);
        }
    }

    /// <summary>The operand stack the analysis has at a pc (values below _base are the caller's, in their registers).</summary>
    private void Reset(int pc)
    {
        var types = _p.Stacks[pc];
        _depth = _base + types.Length;
        for (var d = _base; d < _depth; d++)
        {
            _isConst[d] = false;
            _type[d] = types[d - _base];
        }
    }

    private void Push(char type)
    {
        _type[_depth] = type;
        _isConst[_depth++] = false;
    }

    private void PushConst(char type, long value)
    {
        _type[_depth] = type;
        _value[_depth] = type == 'I' ? (int)value : value;
        _isConst[_depth++] = true;
    }

    private void Materialize(int d)
    {
        if (!_isConst[d]) return;
        _a.MovImm(_type[d] == 'J', S[d], _value[d]);
        _isConst[d] = false;
    }

    private void MaterializeAll()
    {
        for (var d = 0; d < _depth; d++) Materialize(d);
    }

    /// <summary>A constant operand that fits an instruction's imm32.</summary>
    private bool Imm(int d, out int imm)
    {
        imm = (int)_value[d];
        return _isConst[d] && _value[d] == imm;
    }

    /// <summary>The value at depth d in a register (a long constant too wide for imm32 goes to the scratch register).</summary>
    private Reg InReg(int d)
    {
        if (!_isConst[d]) return S[d];
        _a.MovImm(_type[d] == 'J', Tmp, _value[d]);
        return Tmp;
    }

    private void LoadLocal(int i, Reg dst)
    {
        i += _localBase;
        if (i < L.Length) _a.Mov(true, dst, L[i]);
        else _a.Load(dst, Rbp, LocalDisp(i));
    }

    private void StoreLocal(int i, Reg src)
    {
        i += _localBase;
        if (i < L.Length) _a.Mov(true, L[i], src);
        else _a.Store(Rbp, LocalDisp(i), src);
    }

    private void StoreTop(int i)
    {
        var d = --_depth;
        if (!_isConst[d])
        {
            StoreLocal(i, S[d]);
            return;
        }
        i += _localBase;
        if (i < L.Length) _a.MovImm(_type[d] == 'J', L[i], _value[d]);
        else if (Imm(d, out var imm)) _a.StoreImm(Rbp, LocalDisp(i), imm);
        else
        {
            _a.MovImm(_type[d] == 'J', Tmp, _value[d]);
            _a.Store(Rbp, LocalDisp(i), Tmp);
        }
    }

    private void Increment(int i, int by)
    {
        i += _localBase;
        if (i < L.Length) _a.Alu(Assembler.Add, false, L[i], by);
        else _a.AluMem(Assembler.Add, false, Rbp, LocalDisp(i), by);
    }

    /// <summary>Emits the instruction at <paramref name="pc"/>; false when control does not go on to the next one.</summary>
    private bool Instruction(int pc)
    {
        var bc = _p.Code;
        var op = bc[pc];
        switch (op)
        {
            case 0x00: return true;
            case >= 0x02 and <= 0x08: PushConst('I', op - 0x03); return true;
            case 0x09 or 0x0a: PushConst('J', op - 0x09); return true;
            case 0x10: PushConst('I', (sbyte)bc[pc + 1]); return true;
            case 0x11: PushConst('I', Instructions.S2(bc, pc + 1)); return true;
            case 0x12 or 0x13:
                PushConst('I', _p.Method.Owner.File!.Pool.Integer(op == 0x12 ? bc[pc + 1] : (bc[pc + 1] << 8) | bc[pc + 2]));
                return true;
            case 0x14: PushConst('J', _p.Method.Owner.File!.Pool.Long((bc[pc + 1] << 8) | bc[pc + 2])); return true;
            case 0x15 or 0x16: LoadLocal(bc[pc + 1], S[_depth]); Push(op == 0x15 ? 'I' : 'J'); return true;
            case >= 0x1a and <= 0x1d: LoadLocal(op - 0x1a, S[_depth]); Push('I'); return true;
            case >= 0x1e and <= 0x21: LoadLocal(op - 0x1e, S[_depth]); Push('J'); return true;
            case 0x36 or 0x37: StoreTop(bc[pc + 1]); return true;
            case >= 0x3b and <= 0x3e: StoreTop(op - 0x3b); return true;
            case >= 0x3f and <= 0x42: StoreTop(op - 0x3f); return true;
            case 0x57: _depth--; return true;
            case 0x58: _depth -= _type[_depth - 1] == 'J' ? 1 : 2; return true;
            case 0x59: Duplicate(_depth - 1); return true;
            case 0x5c:
                if (_type[_depth - 1] == 'J') Duplicate(_depth - 1);
                else
                {
                    Duplicate(_depth - 2);
                    Duplicate(_depth - 2);
                }
                return true;
            case 0x5f: Swap(); return true;
            case 0x60 or 0x61: Alu(Assembler.Add, op == 0x61); return true;
            case 0x64 or 0x65: Alu(Assembler.Sub, op == 0x65); return true;
            case 0x7e or 0x7f: Alu(Assembler.And, op == 0x7f); return true;
            case 0x80 or 0x81: Alu(Assembler.Or, op == 0x81); return true;
            case 0x82 or 0x83: Alu(Assembler.Xor, op == 0x83); return true;
            case 0x68 or 0x69: Multiply(op == 0x69); return true;
            case 0x6c or 0x6d: Divide(op == 0x6d, remainder: false); return true;
            case 0x70 or 0x71: Divide(op == 0x71, remainder: true); return true;
            case 0x74 or 0x75: Negate(); return true;
            case 0x78 or 0x79: Shift(Assembler.Shl, op == 0x79); return true;
            case 0x7a or 0x7b: Shift(Assembler.Sar, op == 0x7b); return true;
            case 0x7c or 0x7d: Shift(Assembler.Shr, op == 0x7d); return true;
            case 0x84: Increment(bc[pc + 1], (sbyte)bc[pc + 2]); return true;
            case 0x85: Convert('J', v => (int)v, r => _a.Movsxd(r, r)); return true;
            case 0x88: Convert('I', v => (int)v, null); return true;
            case 0x91: Narrow('B'); return true;
            case 0x92: Narrow('C'); return true;
            case 0x93: Narrow('S'); return true;
            case 0x94: return CompareLongs(pc);
            case >= 0x99 and <= 0x9e: BranchOnZero(JavaCond(op - 0x99), pc + Instructions.S2(bc, pc + 1)); return true;
            case >= 0x9f and <= 0xa4: BranchOnCompare(JavaCond(op - 0x9f), false, pc + Instructions.S2(bc, pc + 1)); return true;
            case 0xa7 or 0xc8:
                MaterializeAll();
                _a.Jmp(_labels[pc + (op == 0xa7 ? Instructions.S2(bc, pc + 1) : Instructions.S4(bc, pc + 1))]);
                return false;
            case 0xaa or 0xab: Switch(pc, op == 0xaa); return false;
            case 0xac or 0xad:
            {
                if (op == 0xac) Narrow(_p.Method.ReturnKind);
                var d = _depth - 1;
                if (_exit >= 0)
                {
                    if (_isConst[d]) _a.MovImm(op == 0xad, S[_base], _value[d]);
                    else if (S[d] != S[_base]) _a.Mov(true, S[_base], S[d]);
                    if (pc != _lastPc) _a.Jmp(_exit);
                    return false;
                }
                if (_isConst[d]) _a.MovImm(op == 0xad, Rax, _value[d]);
                else _a.Mov(true, Rax, S[d]);
                Epilogue();
                return false;
            }
            case 0xb1:
                if (_exit >= 0)
                {
                    if (pc != _lastPc) _a.Jmp(_exit);
                }
                else Epilogue();
                return false;
            case 0xb8:
                if (InlinesAt(pc)) Inline(_p.Calls[pc]);
                else Call(_p.Calls[pc]);
                return true;
            case 0xc4:
            {
                var index = (bc[pc + 2] << 8) | bc[pc + 3];
                switch (bc[pc + 1])
                {
                    case 0x15 or 0x16: LoadLocal(index, S[_depth]); Push(bc[pc + 1] == 0x15 ? 'I' : 'J'); break;
                    case 0x36 or 0x37: StoreTop(index); break;
                    default: Increment(index, Instructions.S2(bc, pc + 4)); break;
                }
                return true;
            }
            default: throw new InvalidOperationException($"x64: instruction {op:x2} passed the analysis of {_p.Method}");
        }
    }

    private void Epilogue()
    {
        _a.Lea(Rsp, Rbp, -8 * _savedLocals);
        for (var i = _savedLocals - 1; i >= 0; i--) _a.Pop(L[i]);
        _a.Pop(Rbp);
        _a.Ret();
    }

    private void Duplicate(int d)
    {
        if (_isConst[d]) PushConst(_type[d], _value[d]);
        else
        {
            _a.Mov(true, S[_depth], S[d]);
            Push(_type[d]);
        }
    }

    private void Swap()
    {
        int a = _depth - 2, b = _depth - 1;
        if (!_isConst[a] || !_isConst[b])
        {
            Materialize(a);
            Materialize(b);
            _a.Mov(true, Tmp, S[a]);
            _a.Mov(true, S[a], S[b]);
            _a.Mov(true, S[b], Tmp);
        }
        else (_value[a], _value[b]) = (_value[b], _value[a]);
    }

    private void Alu(int op, bool w)
    {
        int a = _depth - 2, b = _depth - 1;
        Materialize(a);
        if (Imm(b, out var imm)) _a.Alu(op, w, S[a], imm);
        else _a.Alu(op, w, S[a], InReg(b));
        _depth--;
    }

    private void Multiply(bool w)
    {
        int a = _depth - 2, b = _depth - 1;
        Materialize(a);
        if (Imm(b, out var imm)) _a.Imul(w, S[a], S[a], imm);
        else _a.Imul(w, S[a], InReg(b));
        _depth--;
    }

    private void Negate()
    {
        var d = _depth - 1;
        Materialize(d);
        _a.Neg(_type[d] == 'J', S[d]);
    }

    /// <summary>
    /// The top int narrowed to a boolean, byte, char or short descriptor (Conversions.Narrow): i2b, i2c, i2s, and
    /// ireturn in a method of such a result.
    /// </summary>
    private void Narrow(char descriptor)
    {
        switch (descriptor)
        {
            case 'Z': Convert('I', v => v & 1, r => _a.Alu(Assembler.And, false, r, 1)); break;
            case 'B': Convert('I', v => (sbyte)v, r => _a.Extend(Assembler.Movsx8, r, r)); break;
            case 'C': Convert('I', v => (char)v, r => _a.Extend(Assembler.Movzx16, r, r)); break;
            case 'S': Convert('I', v => (short)v, r => _a.Extend(Assembler.Movsx16, r, r)); break;
        }
    }

    private void Convert(char to, Func<long, long> fold, Action<Reg>? emit)
    {
        var d = _depth - 1;
        if (_isConst[d]) _value[d] = fold(_value[d]);
        else emit?.Invoke(S[d]);
        _type[d] = to;
    }

    /// <summary>
    /// idiv/irem, ldiv/lrem: a zero divisor gives the call up (the interpreter throws ArithmeticException with its
    /// trace); MIN / -1, which traps on x86, is Java's MIN with remainder 0. rax and rdx, which idiv uses, are
    /// kept in the frame while they hold values below the operands.
    /// </summary>
    private void Divide(bool w, bool remainder)
    {
        int a = _depth - 2, b = _depth - 1;
        Materialize(a);
        var done = _a.NewLabel();
        var divide = _a.NewLabel();
        if (_isConst[b])
        {
            if (_value[b] == 0) _a.Jmp(_bail);
            _a.MovImm(w, Tmp, _value[b]);
        }
        else
        {
            _a.Mov(true, Tmp, S[b]);
            _a.Test(w, Tmp, Tmp);
            _a.Jcc(Cond.E, _bail);
        }
        if (!_isConst[b] || _value[b] == -1)
        {
            _a.Alu(Assembler.Cmp, w, Tmp, -1);
            _a.Jcc(Cond.NE, divide);
            if (remainder) _a.Alu(Assembler.Xor, false, S[a], S[a]);
            else _a.Neg(w, S[a]);
            _a.Jmp(done);
        }
        _a.Bind(divide);
        var saveRax = a > 0;
        var saveRdx = a > 2;
        if (saveRax) _a.Store(Rbp, SpillDisp(0), Rax);
        if (saveRdx) _a.Store(Rbp, SpillDisp(2), Rdx);
        _a.Mov(true, Rax, S[a]);
        _a.SignExtendAx(w);
        _a.Idiv(w, Tmp);
        _a.Mov(true, S[a], remainder ? Rdx : Rax);
        if (saveRax && S[a] != Rax) _a.Load(Rax, Rbp, SpillDisp(0));
        if (saveRdx && S[a] != Rdx) _a.Load(Rdx, Rbp, SpillDisp(2));
        _a.Bind(done);
        _depth--;
    }

    /// <summary>Shifts: x86 masks the count as Java does (5 bits for int, 6 for long); a variable count goes through cl.</summary>
    private void Shift(int op, bool w)
    {
        int a = _depth - 2, b = _depth - 1;
        Materialize(a);
        if (_isConst[b])
        {
            var count = (int)_value[b] & (w ? 63 : 31);
            if (count != 0) _a.ShiftImm(op, w, S[a], count);
        }
        else if (S[b] == Rcx) _a.ShiftCl(op, w, S[a]);
        else if (S[a] == Rcx)
        {
            _a.Mov(true, Tmp, Rcx);
            _a.Mov(true, Rcx, S[b]);
            _a.ShiftCl(op, w, Tmp);
            _a.Mov(true, Rcx, Tmp);
        }
        else
        {
            _a.Mov(true, Tmp, Rcx);
            _a.Mov(true, Rcx, S[b]);
            _a.ShiftCl(op, w, S[a]);
            _a.Mov(true, Rcx, Tmp);
        }
        _depth--;
    }

    private static Cond JavaCond(int i) => i switch { 0 => Cond.E, 1 => Cond.NE, 2 => Cond.L, 3 => Cond.GE, 4 => Cond.G, _ => Cond.LE };

    private static Cond Swapped(Cond c) => c switch { Cond.L => Cond.G, Cond.G => Cond.L, Cond.GE => Cond.LE, Cond.LE => Cond.GE, _ => c };

    private static bool Holds(Cond c, long x, long y) => c switch
    {
        Cond.E => x == y, Cond.NE => x != y, Cond.L => x < y, Cond.GE => x >= y, Cond.G => x > y, _ => x <= y,
    };

    private void BranchOnZero(Cond c, int target)
    {
        var d = --_depth;
        MaterializeAll();
        if (_isConst[d])
        {
            if (Holds(c, _value[d], 0)) _a.Jmp(_labels[target]);
            return;
        }
        _a.Test(false, S[d], S[d]);
        _a.Jcc(c, _labels[target]);
    }

    /// <summary>if_icmp (or lcmp followed by an if, fused): compares the two top values and branches.</summary>
    private void BranchOnCompare(Cond c, bool w, int target)
    {
        int a = _depth - 2, b = _depth - 1;
        _depth -= 2;
        MaterializeAll();
        if (_isConst[a] && _isConst[b])
        {
            if (Holds(c, _value[a], _value[b])) _a.Jmp(_labels[target]);
            return;
        }
        if (Imm(a, out var left))
        {
            _a.Alu(Assembler.Cmp, w, S[b], left);
            c = Swapped(c);
        }
        else
        {
            Materialize(a);
            if (Imm(b, out var right)) _a.Alu(Assembler.Cmp, w, S[a], right);
            else _a.Alu(Assembler.Cmp, w, S[a], InReg(b));
        }
        _a.Jcc(c, _labels[target]);
    }

    /// <summary>lcmp: fused with a following if (not itself a branch target) into one compare; otherwise -1, 0 or 1.</summary>
    private bool CompareLongs(int pc)
    {
        var bc = _p.Code;
        var next = pc + 1;
        if (next < bc.Length && bc[next] is >= 0x99 and <= 0x9e && !_p.Targets.Contains(next) && _p.Stacks.ContainsKey(next))
        {
            BranchOnCompare(JavaCond(bc[next] - 0x99), true, next + Instructions.S2(bc, next + 1));
            _skip = next;
            return true;
        }
        int a = _depth - 2, b = _depth - 1;
        Materialize(a);
        if (Imm(b, out var imm)) _a.Alu(Assembler.Cmp, true, S[a], imm);
        else _a.Alu(Assembler.Cmp, true, S[a], InReg(b));
        _a.Setcc(Cond.G, Tmp);
        _a.Extend(Assembler.Movzx8, Tmp, Tmp);
        _a.Setcc(Cond.L, S[a]);
        _a.Extend(Assembler.Movzx8, S[a], S[a]);
        _a.Alu(Assembler.Sub, false, Tmp, S[a]);
        _a.Mov(false, S[a], Tmp);
        _depth--;
        _type[a] = 'I';
        return true;
    }

    private void Switch(int pc, bool table)
    {
        var bc = _p.Code;
        var key = _depth - 1;
        Materialize(key);
        _depth--;
        MaterializeAll();
        var at = (pc + 4) & ~3;
        if (table)
        {
            var low = Instructions.S4(bc, at + 4);
            var high = Instructions.S4(bc, at + 8);
            for (long v = low; v <= high; v++)
            {
                _a.Alu(Assembler.Cmp, false, S[key], (int)v);
                _a.Jcc(Cond.E, _labels[pc + Instructions.S4(bc, at + 12 + 4 * (int)(v - low))]);
            }
        }
        else
        {
            var pairs = Instructions.S4(bc, at + 4);
            for (var i = 0; i < pairs; i++)
            {
                _a.Alu(Assembler.Cmp, false, S[key], Instructions.S4(bc, at + 8 + 8 * i));
                _a.Jcc(Cond.E, _labels[pc + Instructions.S4(bc, at + 12 + 8 * i)]);
            }
        }
        _a.Jmp(_labels[pc + Instructions.S4(bc, at)]);
    }

    /// <summary>A call of the method itself, its body emitted here (see <see cref="InlinesAt"/>).</summary>
    private void Inline((JMethod Target, int Arguments, char Return) call)
    {
        MaterializeAll();
        var first = _depth - call.Arguments;
        var body = new MethodCodegen(this, first);
        body.StoreParameters();
        body.Body();
        _a.Bind(body._exit);
        _depth = first;
        if (call.Return != 'V') Push(call.Return);
    }

    private void Call((JMethod Target, int Arguments, char Return) call)
    {
        var (target, n, ret) = call;
        MaterializeAll();
        var first = _depth - n;
        for (var k = 0; k < first; k++) _a.Store(Rbp, SpillDisp(k), S[k]);
        if (first > 0)
            for (var j = 0; j < n; j++) _a.Mov(true, S[j], S[first + j]);
        var (label, address) = _callee(target);
        if (address != 0)
        {
            _a.MovImm(true, Tmp, address);
            _a.Call(Tmp);
        }
        else _a.Call(label);
        _depth = first;
        if (ret != 'V')
        {
            _a.Mov(true, S[first], Rax);
            Push(ret);
        }
        for (var k = 0; k < first; k++) _a.Load(S[k], Rbp, SpillDisp(k));
    }
}
