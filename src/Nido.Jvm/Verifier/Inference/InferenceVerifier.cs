using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Verifier.Inference;

/// <summary>
/// Verification by type inference (JVMS 4.10.2), for class files older than version 51, which carry no
/// StackMapTable; HotSpot runs its old verifier (libverify) on them, and on version 50 files that fail type checking.
/// In HotSpot's order: instruction lengths, then every instruction's operands (reachable or not), then the exception
/// table, then a data-flow pass that sweeps the code in order, re-running every instruction whose incoming state
/// changed, until nothing changes. Subroutines (jsr/ret) are followed with a mask of the registers each one uses,
/// so the code after a jsr gets those registers from the ret and the others from the jsr. Failures carry libverify's
/// wording, prefixed with the class, method and signature.
/// </summary>
internal sealed partial class InferenceVerifier
{
    private readonly JavaVm _vm;
    private readonly JClass _cls;
    private readonly ConstantPool _pool;
    private readonly MethodInfo _method;
    private readonly CodeAttribute _attr;
    private readonly byte[] _code;
    private readonly string _self;
    private readonly int _major;
    private readonly int _maxLocals, _maxStack, _stackCapacity;
    private readonly bool[] _starts;
    /// <summary>Per instruction: getfield, putfield, invokevirtual or invokespecial of a protected member that a superclass in another package declares.</summary>
    private readonly bool[] _protected;
    private readonly InferenceFrame?[] _in;
    private readonly bool[] _changed;
    /// <summary>Per jsr: the ret that returns from its subroutine (-1 until one does).</summary>
    private readonly int[] _jsrRet;
    /// <summary>Per ret: the jsrs whose following instructions it returns to, fixed when it is first reached.</summary>
    private readonly Dictionary<int, int[]> _retCallers = [];
    private readonly InferenceFrame _w, _before, _scratch;
    private long _storedSlots;
    private int _pc;

    public InferenceVerifier(JavaVm vm, JClass cls, MethodInfo method)
    {
        _vm = vm;
        _cls = cls;
        _pool = cls.File!.Pool;
        _method = method;
        _attr = method.Code!;
        _code = _attr.Code;
        _self = cls.File!.Name;
        _major = cls.File!.MajorVersion;
        _maxLocals = _attr.MaxLocals;
        _maxStack = _attr.MaxStack;
        // An instruction may push up to two slots past max_stack before the overflow is reported.
        _stackCapacity = _maxStack + 4;
        _starts = new bool[_code.Length];
        _protected = new bool[_code.Length];
        _in = new InferenceFrame?[_code.Length];
        _changed = new bool[_code.Length];
        _jsrRet = new int[_code.Length];
        _w = NewFrame();
        _before = NewFrame();
        _scratch = NewFrame();
    }

    private InferenceFrame NewFrame() => new(_maxLocals, _stackCapacity);

    private InferenceException Error(string message) => new(Prefix + message, formatError: false);

    private string Prefix => $"(class: {_self}, method: {_method.Name} signature: {_method.Descriptor}) ";

    public void Verify()
    {
        if ((_method.Flags & (AccessFlags.Abstract | AccessFlags.Native)) != 0) return;
        FindInstructions();
        CheckOperands();
        CheckExceptionTable();
        _in[0] = InitialFrame();
        _changed[0] = true;
        Array.Fill(_jsrRet, -1);
        RunDataflow();
    }

    /// <summary>Marks where instructions start; the lengths are libverify's (a switch's table, wide's operand).</summary>
    private void FindInstructions()
    {
        for (var pc = 0; pc < _code.Length;)
        {
            var length = LengthAt(pc);
            if (length <= 0) throw Error($"Illegal instruction found at offset {pc}");
            if (pc + length > _code.Length) throw Error($"Code stops in the middle of instruction  starting at offset {pc}");
            _starts[pc] = true;
            pc += length;
        }
    }

    private int LengthAt(int pc)
    {
        var op = _code[pc];
        if (op > 0xc9) return 0;
        switch (op)
        {
            case 0xc4:
                if (pc + 1 >= _code.Length) return 0;
                var inner = _code[pc + 1];
                if (inner is not ((>= 0x15 and <= 0x19) or (>= 0x36 and <= 0x3a) or 0xa9 or 0x84)) return 0;
                return inner == 0x84 ? 6 : 4;
            case 0xaa:
            {
                var p = (pc + 4) & ~3;
                if (p + 12 > _code.Length) return 0;
                // HotSpot 17 takes high - low in 32 bits.
                var span = unchecked(Instructions.S4(_code, p + 8) - Instructions.S4(_code, p + 4));
                if (span is < 0 or > 65535) return 0;
                return p - pc + 16 + span * 4;
            }
            case 0xab:
            {
                var p = (pc + 4) & ~3;
                if (p + 8 > _code.Length) return 0;
                var pairs = Instructions.S4(_code, p + 4);
                if (pairs is < 0 or >= 65536) return 0;
                return p - pc + 8 + pairs * 8;
            }
            default:
                return Instructions.Length(_code, pc);
        }
    }

    private void CheckExceptionTable()
    {
        var handlers = _attr.Handlers;
        if (handlers.Length > 0 && _maxStack < 1) throw Error("Stack size too large");
        for (var k = handlers.Length - 1; k >= 0; k--)
        {
            var h = handlers[k];
            if (h.Start >= h.End || !IsStart(h.Start) || h.End != _code.Length && !IsStart(h.End))
                throw new InferenceException(Prefix + "Illegal exception table range", formatError: true);
            if (h.Handler <= 0 || !IsStart(h.Handler))
                throw new InferenceException(Prefix + "Illegal exception table handler", formatError: true);
            if (h.CatchType != 0 && !IsAssignable(CatchType(h), VType.Ref("java/lang/Throwable")))
                throw Error("catch_type not a subclass of Throwable");
        }
    }

    private VType CatchType(ExceptionHandler h) =>
        h.CatchType == 0 ? VType.Ref("java/lang/Throwable") : VType.Ref(_pool.ClassName(h.CatchType));

    private bool IsStart(int pc) => (uint)pc < (uint)_code.Length && _starts[pc];

    private InferenceFrame InitialFrame()
    {
        var f = NewFrame();
        var n = 0;
        if ((_method.Flags & AccessFlags.Static) == 0)
        {
            var uninitializedThis = _method.Name == "<init>" && _self != Object;
            f.Registers[n++] = uninitializedThis ? VType.UninitializedThis : VType.Ref(_self);
            if (uninitializedThis) f.Or |= InferenceFrame.NeedConstructor;
        }
        foreach (var p in Descriptors.Parameters(_method.Descriptor))
        {
            var t = VType.OfDescriptor(p);
            f.Registers[n++] = t;
            if (t.IsCategory2) f.Registers[n++] = t.SecondHalf;
        }
        f.RegisterCount = n;
        return f;
    }

    /// <summary>Sweeps the code in order, running every instruction whose state changed, until a sweep runs none.</summary>
    private void RunDataflow()
    {
        for (var work = true; work;)
        {
            work = false;
            for (var pc = 0; pc < _code.Length; pc++)
            {
                if (!_changed[pc]) continue;
                _changed[pc] = false;
                work = true;
                Process(pc);
            }
        }
    }

    private void Process(int pc)
    {
        _pc = pc;
        _before.CopyFrom(_in[pc]!);
        _w.CopyFrom(_before);
        var op = _code[pc];
        var initThis = Execute();
        if (_w.Sp > _maxStack) throw Error("Stack size too large");
        var crossesSubroutine = op is 0xa8 or 0xc9 or 0xa9 || op == 0xc4 && _code[pc + 1] == 0xa9;
        MergeIntoHandlers(crossesSubroutine, initThis);
        MergeIntoSuccessors(op);
    }

    /// <summary>Each handler covering the instruction gets the registers from before it and the exception alone on the stack.</summary>
    private void MergeIntoHandlers(bool crossesSubroutine, bool initThis)
    {
        var handlers = _attr.Handlers;
        for (var k = handlers.Length - 1; k >= 0; k--)
        {
            var h = handlers[k];
            if (_pc < h.Start || _pc >= h.End) continue;
            var caught = CatchType(h);
            if (initThis)
            {
                // A constructor's super() or this() that throws: the handler is entered with this both uninitialized
                // and initialized, and must not return normally.
                HandlerEntry(_before, caught, _before.And, _before.Or);
                Merge(h.Handler, _scratch);
                HandlerEntry(_w, caught, _w.And, _w.Or | InferenceFrame.NoReturn);
                Merge(h.Handler, _scratch);
                continue;
            }
            HandlerEntry(_before, caught, _w.And & _before.And, _w.Or | _before.Or);
            if (crossesSubroutine) _scratch.ForgetNewObjects();
            Merge(h.Handler, _scratch);
        }
    }

    private void HandlerEntry(InferenceFrame registers, VType caught, int and, int or)
    {
        _scratch.CopyFrom(registers);
        _scratch.Sp = 1;
        _scratch.Stack[0] = caught;
        _scratch.And = and;
        _scratch.Or = or;
    }

    private void MergeIntoSuccessors(int op)
    {
        var pc = _pc;
        switch (op)
        {
            case (>= 0x99 and <= 0xa6) or 0xc6 or 0xc7:
                Merge(pc + 3, _w);
                Merge(pc + Instructions.S2(_code, pc + 1), _w);
                return;
            case 0xa7: Merge(pc + Instructions.S2(_code, pc + 1), _w); return;
            case 0xc8: Merge(pc + Instructions.S4(_code, pc + 1), _w); return;
            case 0xa8 or 0xc9: Jsr(op == 0xa8 ? pc + Instructions.S2(_code, pc + 1) : pc + Instructions.S4(_code, pc + 1)); return;
            case 0xa9: Ret(_code[pc + 1]); return;
            case 0xc4 when _code[pc + 1] == 0xa9: Ret(U2(pc + 2)); return;
            case 0xaa:
            {
                var p = (pc + 4) & ~3;
                var count = unchecked(Instructions.S4(_code, p + 8) - Instructions.S4(_code, p + 4) + 1);
                for (var i = count - 1; i >= 0; i--) Merge(pc + Instructions.S4(_code, p + 12 + i * 4), _w);
                Merge(pc + Instructions.S4(_code, p), _w);
                return;
            }
            case 0xab:
            {
                var p = (pc + 4) & ~3;
                for (var i = Instructions.S4(_code, p + 4) - 1; i >= 0; i--) Merge(pc + Instructions.S4(_code, p + 12 + i * 8), _w);
                Merge(pc + Instructions.S4(_code, p), _w);
                return;
            }
            case (>= 0xac and <= 0xb1) or 0xbf: return;
            default: Merge(pc + LengthAt(pc), _w); return;
        }
    }

    /// <summary>A jsr enters its subroutine with a return address and a fresh mask; a ret already seen returns past it.</summary>
    private void Jsr(int target)
    {
        foreach (var m in _w.Masks)
            if (m.Entry == target) throw Error("Recursive call to jsr entry");
        _w.ForgetNewObjects();
        _w.Masks = [.. _w.Masks, new SubroutineMask(target, _maxLocals)];
        Merge(target, _w);
        if (_jsrRet[_pc] >= 0) _changed[_jsrRet[_pc]] = true;
    }

    private void Ret(int register)
    {
        var entry = _w.Registers[register].Offset;
        if (!_retCallers.TryGetValue(_pc, out var callers))
        {
            var list = new List<int>();
            for (var pc = _code.Length - 1; pc >= 0; pc--)
                if (_starts[pc] && _code[pc] is 0xa8 or 0xc9 && JsrTarget(pc) == entry) list.Add(pc);
            _retCallers[_pc] = callers = [.. list];
        }
        _w.ForgetNewObjects();
        foreach (var jsr in callers)
        {
            var next = jsr + LengthAt(jsr);
            if (next >= _code.Length) throw Error("Falling off the end of the code");
            if (_jsrRet[jsr] >= 0 && _jsrRet[jsr] != _pc) throw Error("Multiple returns to single jsr");
            _jsrRet[jsr] = _pc;
            if (_in[jsr] is not { } caller) continue; // merged when that jsr is reached
            var at = Array.FindLastIndex(_w.Masks, m => m.Entry == entry);
            if (at < 0) throw Error("Illegal return from subroutine");
            var mask = _w.Masks[at];
            var s = _scratch;
            var count = Math.Max(_w.RegisterCount, caller.RegisterCount);
            for (var i = 0; i < count; i++)
                s.Registers[i] = mask.Has(i)
                    ? i < _w.RegisterCount ? _w.Registers[i] : VType.Top
                    : i < caller.RegisterCount ? caller.Registers[i] : VType.Top;
            s.RegisterCount = count;
            _w.Stack.AsSpan(0, _w.Sp).CopyTo(s.Stack);
            s.Sp = _w.Sp;
            s.And = _w.And;
            s.Or = _w.Or;
            s.Masks = _w.Masks[..at];
            Merge(next, s);
        }
    }

    private int JsrTarget(int pc) => _code[pc] == 0xa8 ? pc + Instructions.S2(_code, pc + 1) : pc + Instructions.S4(_code, pc + 1);

    private int U2(int at) => (_code[at] << 8) | _code[at + 1];

    /// <summary>Joins an incoming state into the instruction's; the instruction runs again if its state changed.</summary>
    private void Merge(int target, InferenceFrame incoming)
    {
        if ((uint)target >= (uint)_code.Length) throw Error("Falling off the end of the code");
        var t = _in[target];
        if (t is null)
        {
            // Each reached instruction keeps a frame; a method whose frames would not fit in memory is refused.
            _storedSlots += _maxLocals + _stackCapacity;
            if (_storedSlots > MaxStoredSlots) throw Error("Method too large to verify");
            t = _in[target] = NewFrame();
            t.CopyFrom(incoming);
            _changed[target] = true;
            return;
        }
        var changed = false;
        if (incoming.RegisterCount < t.RegisterCount)
        {
            t.RegisterCount = incoming.RegisterCount;
            changed = true;
        }
        var i = 0;
        while (i < t.RegisterCount && IsAssignable(incoming.Registers[i], t.Registers[i])) i++;
        for (; i < t.RegisterCount; i++)
        {
            var merged = Merge(incoming.Registers[i], t.Registers[i], assignment: false);
            if (merged != t.Registers[i])
            {
                t.Registers[i] = merged;
                changed = true;
            }
        }
        while (t.RegisterCount > 0 && t.Registers[t.RegisterCount - 1].Tag == VTag.Top)
        {
            t.RegisterCount--;
            changed = true;
        }
        if (incoming.Sp != t.Sp) throw Error($"Inconsistent stack height {incoming.Sp} != {t.Sp}");
        for (i = 0; i < t.Sp && IsAssignable(incoming.Stack[i], t.Stack[i]); i++) { }
        if (i < t.Sp)
        {
            for (i = 0; i < t.Sp; i++)
            {
                var merged = Merge(incoming.Stack[i], t.Stack[i], assignment: false);
                if (merged.Tag == VTag.Top) throw Error("Mismatched stack types");
                if (merged != t.Stack[i])
                {
                    t.Stack[i] = merged;
                    changed = true;
                }
            }
        }
        changed |= MergeMasks(t, incoming);
        var and = t.And & incoming.And;
        var or = t.Or | incoming.Or;
        if (and != t.And || or != t.Or)
        {
            (t.And, t.Or) = (and, or);
            changed = true;
        }
        if (changed) _changed[target] = true;
    }

    private const long MaxStoredSlots = 32_000_000;

    /// <summary>The target keeps the subroutines (in order) that the incoming state is also inside, with the registers of both.</summary>
    private static bool MergeMasks(InferenceFrame t, InferenceFrame incoming)
    {
        if (t.Masks.Length == 0) return false;
        var kept = new List<SubroutineMask>(t.Masks.Length);
        var changed = false;
        var from = 0;
        foreach (var m in t.Masks)
        {
            var k = from;
            while (k < incoming.Masks.Length && incoming.Masks[k].Entry != m.Entry) k++;
            if (k == incoming.Masks.Length)
            {
                changed = true;
                continue;
            }
            var merged = m.Union(incoming.Masks[k]);
            changed |= !ReferenceEquals(merged, m);
            kept.Add(merged);
            from = k + 1;
        }
        if (changed) t.Masks = [.. kept];
        return changed;
    }
}

/// <summary>A method failed the inference verifier: the whole message, and whether it is a ClassFormatError.</summary>
internal sealed class InferenceException(string message, bool formatError) : Exception(message)
{
    public bool FormatError { get; } = formatError;
}
