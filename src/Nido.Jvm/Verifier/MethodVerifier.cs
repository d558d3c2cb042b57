using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Verifier;

/// <summary>
/// Type checking of one method against its StackMapTable (JVMS 4.10.1), instruction by instruction: every operand
/// and local has the type the instruction needs, branches and handlers land on frames the current one is assignable
/// to, constructors initialise this before returning. Class hierarchy questions load classes through the method's
/// class loader, as HotSpot does.
/// </summary>
internal sealed partial class MethodVerifier
{
    private readonly JavaVm _vm;
    private readonly JClass _cls;
    private readonly ConstantPool _pool;
    private readonly MethodInfo _method;
    private readonly byte[] _code;
    private readonly CodeAttribute _attr;
    private readonly string _returnType;
    private readonly Frame _frame;
    private Dictionary<int, Frame> _frames = [];
    private readonly bool[] _starts;
    private int _pc;
    /// <summary>The name the class's constant pool uses for it (a hidden class's runtime name has a suffix).</summary>
    private readonly string _self;
    /// <summary>Each handler's exception type, checked to be a Throwable with the exception table, before the code.</summary>
    private readonly VType[] _caught;
    /// <summary>The frame a handler is entered with, refilled for each check.</summary>
    private readonly Frame _handlerEntry;
    /// <summary>The frame before the current instruction, which a VerifyError's details show.</summary>
    private readonly Frame _snapshot;

    public MethodVerifier(JavaVm vm, JClass cls, MethodInfo method)
    {
        _vm = vm;
        _cls = cls;
        _pool = cls.File!.Pool;
        _method = method;
        _attr = method.Code!;
        _code = _attr.Code;
        _returnType = Descriptors.Return(method.Descriptor);
        _frame = new Frame(_attr.MaxLocals, _attr.MaxStack);
        _starts = new bool[_code.Length];
        _self = cls.File!.Name;
        _caught = new VType[_attr.Handlers.Length];
        _handlerEntry = new Frame(_attr.MaxLocals, Math.Max(1, _attr.MaxStack));
        _snapshot = new Frame(_attr.MaxLocals, _attr.MaxStack);
    }

    private bool IsConstructor => _method.Name == "<init>";

    public void Verify()
    {
        FindInstructions();
        var initial = InitialLocals();
        CheckExceptionTable();
        _frames = StackMaps.Decode(_attr.StackMapTable, initial, _attr.MaxLocals, _attr.MaxStack, _code, _starts, _pool);
        SetInitialFrame(initial);
        var reachable = true;
        for (_pc = 0; _pc < _code.Length; _pc++)
        {
            if (!_starts[_pc]) continue;
            if (_frames.TryGetValue(_pc, out var mapped))
            {
                if (reachable) Match(_frame, _frame, _pc, mapped, _pc, "Instruction type does not match stack map");
                _frame.CopyFrom(mapped);
            }
            else if (!reachable)
                throw new VerifyException("Expecting a stack map frame", _pc, "Expected stackmap frame at this location.");
            // HotSpot's order: a store is checked against the handlers with the locals before it (JVMS), any other
            // instruction with those after it.
            var store = IsStore(_code[_pc] == 0xc4 ? _code[_pc + 1] : _code[_pc]);
            if (store) CheckHandlers();
            _snapshot.SnapshotFrom(_frame);
            reachable = Execute();
            if (!store) CheckHandlers();
        }
        if (reachable) throw new VerifyException("Control flow falls through code end", _code.Length, "Error exists in the bytecode");
    }

    private static bool IsStore(byte op) => op is >= 0x36 and <= 0x4e;

    /// <summary>
    /// Marks where instructions start, as HotSpot does before anything else: a byte that is no opcode at all (nor one
    /// of HotSpot's own), a wide of something else, or an instruction cut off by the code's end, is a bad instruction.
    /// HotSpot's own opcodes, and jsr/ret, get their lengths here and fail when the type checker reaches them.
    /// </summary>
    private void FindInstructions()
    {
        for (var pc = 0; pc < _code.Length;)
        {
            var op = _code[pc];
            int length;
            try { length = op > 0xc9 ? HotSpotLength(pc) : Instructions.Length(_code, pc); }
            catch (ArgumentOutOfRangeException) { length = int.MaxValue; }
            catch (IndexOutOfRangeException) { length = int.MaxValue; }
            if (length <= 0 || length > _code.Length - pc) throw new VerifyException("Bad instruction", pc, "Error exists in the bytecode");
            if (op == 0xc4 && _code[pc + 1] is not ((>= 0x15 and <= 0x19) or (>= 0x36 and <= 0x3a) or 0x84 or 0xa9))
                throw new VerifyException("Bad instruction", pc, "Error exists in the bytecode");
            _starts[pc] = true;
            pc += length;
        }
    }

    /// <summary>The lengths of HotSpot's internal bytecodes (0xca–0xee), 0 for bytes that are none.</summary>
    private int HotSpotLength(int pc) => _code[pc] switch
    {
        0xca or 0xdc or 0xe8 or 0xec or 0xee => 1,
        0xe0 or 0xe6 or 0xed => 2,
        (>= 0xcb and <= 0xdb) or 0xe2 or 0xe3 or 0xe7 or 0xe9 or 0xea or 0xeb => 3,
        0xdd or 0xde or 0xdf or 0xe1 => 4,
        0xe4 or 0xe5 => LookupSwitchLength(pc),
        _ => 0,
    };

    private int LookupSwitchLength(int pc)
    {
        var p = (pc + 4) & ~3;
        return p - pc + 8 + S4(p + 4) * 8;
    }

    private List<VType> InitialLocals()
    {
        var locals = new List<VType>();
        if ((_method.Flags & AccessFlags.Static) == 0)
            locals.Add(IsConstructor && _self != "java/lang/Object" ? VType.UninitializedThis : VType.Ref(_self));
        foreach (var p in Descriptors.Parameters(_method.Descriptor)) locals.Add(VType.OfDescriptor(p));
        return locals;
    }

    private void SetInitialFrame(List<VType> locals)
    {
        if (locals.Sum(t => t.IsCategory2 ? 2 : 1) > _frame.Locals.Length)
            throw new VerifyException("Arguments can't fit into locals", 0, $"max_locals {_frame.Locals.Length} is too small for the arguments");
        StackMaps.Expand(locals, _frame.Locals, out _frame.LocalsSize);
        _frame.Sp = 0;
        _frame.ThisUninitialized = IsConstructor && _self != "java/lang/Object";
    }

    // ---- assignability (JVMS 4.10.1.2) ----

    private bool IsAssignable(VType from, VType to)
    {
        if (from == to || to.Tag == VTag.Top) return true;
        if (to.Tag != VTag.Reference) return false;
        return from.Tag == VTag.Null || from.Tag == VTag.Reference && IsReferenceAssignable(from.Name!, to.Name!);
    }

    private bool IsReferenceAssignable(string from, string to)
    {
        // Arrays of references: strip a dimension from both at a time (a loop: names may have thousands).
        while (to[0] == '[' && from[0] == '[')
        {
            string fc = from[1..], tc = to[1..];
            if (fc[0] is not ('L' or '[') || tc[0] is not ('L' or '[')) return fc == tc;
            (from, to) = (NameOf(fc), NameOf(tc));
        }
        if (from == to || to == "java/lang/Object") return true;
        if (to[0] == '[') return false;
        // Interfaces are treated as Object (JVMS 4.10.1.2): invokeinterface checks the receiver at run time. An
        // array is only Cloneable and Serializable.
        var target = Load(to);
        if (target.IsInterface) return from[0] != '[' || to is "java/lang/Cloneable" or "java/io/Serializable";
        return from[0] != '[' && Load(from).IsSubtypeOf(target);
    }

    private static string NameOf(string descriptor) => descriptor[0] == 'L' ? descriptor[1..^1] : descriptor;

    private JClass Load(string name) => name == _self ? _cls : _vm.ResolveClassName(_cls, name);

    /// <summary>
    /// The frame control brings to a stack map frame must be assignable to it. A failure names the stack map frame's
    /// offset and shows <paramref name="shown"/> (the frame before a branch, the handler's entry, or the frame that
    /// falls through) beside the stack map frame.
    /// </summary>
    private void Match(Frame current, Frame shown, int shownBci, Frame target, int targetBci, string headline)
    {
        VerifyException Mismatch(string reason, int bci) => new(headline, bci, reason) { Current = shown, CurrentBci = shownBci, StackMap = target, StackMapBci = targetBci };
        // HotSpot's order: the stack's size, the locals, the stack's types, then the flags. A size mismatch names the
        // current instruction, a type or flags mismatch the stack map frame.
        if (current.Sp != target.Sp) throw Mismatch("Current frame's stack size doesn't match stackmap.", shownBci);
        for (var i = 0; i < current.Locals.Length; i++)
            if (!IsAssignable(current.Locals[i], target.Locals[i]))
                throw Mismatch($"Type {current.Locals[i]} (current frame, locals[{i}]) is not assignable to {target.Locals[i]} (stack map, locals[{i}])", targetBci);
        for (var i = 0; i < current.Sp; i++)
            if (!IsAssignable(current.Stack[i], target.Stack[i]))
                throw Mismatch($"Type {current.Stack[i]} (current frame, stack[{i}]) is not assignable to {target.Stack[i]} (stack map, stack[{i}])", targetBci);
        if (current.ThisUninitialized && !target.ThisUninitialized) throw Mismatch("Current frame's flags are not assignable to stack map frame's.", targetBci);
    }

    /// <summary>A branch from the current instruction: the target must start an instruction and have a frame this one fits.</summary>
    private void Branch(int target)
    {
        // Frames sit only at instruction starts (checked when decoded), so a target inside an instruction, or outside
        // the code, has none.
        if (!_frames.TryGetValue(target, out var frame))
            throw new VerifyException("Expecting a stackmap frame at branch target " + target, _pc, "Expected stackmap frame at this location.");
        Match(_frame, _snapshot, _pc, frame, target, "Inconsistent stackmap frames at branch target " + target);
    }

    /// <summary>Every handler covering this instruction gets its locals and the exception on an otherwise empty stack.</summary>
    private void CheckHandlers()
    {
        for (var k = 0; k < _attr.Handlers.Length; k++)
        {
            var h = _attr.Handlers[k];
            if (_pc < h.Start || _pc >= h.End) continue;
            // Frames sit only at instruction starts, so a handler inside an instruction has none either.
            if (!_frames.TryGetValue(h.Handler, out var target))
                throw new VerifyException("Expecting a stackmap frame at branch target " + h.Handler, _pc, "Expected stackmap frame at this location.");
            var caught = _caught[k];
            _frame.Locals.CopyTo(_handlerEntry.Locals, 0);
            _handlerEntry.LocalsSize = _frame.LocalsSize;
            _handlerEntry.Stack[0] = caught;
            _handlerEntry.Sp = 1;
            _handlerEntry.ThisUninitialized = _frame.ThisUninitialized;
            Match(_handlerEntry, _handlerEntry, _pc, target, h.Handler, "Stack map does not match the one at exception handler " + h.Handler);
        }
    }

    /// <summary>HotSpot's check before the stack map is read: each row on instruction boundaries, each catch type a Throwable.</summary>
    private void CheckExceptionTable()
    {
        for (var k = 0; k < _attr.Handlers.Length; k++)
        {
            var h = _attr.Handlers[k];
            if (h.Start >= _code.Length || !_starts[h.Start]) throw new VerifierFormatException($"Illegal exception table start_pc {h.Start}", inMethod: true);
            if (h.End != _code.Length && (h.End > _code.Length || !_starts[h.End])) throw new VerifierFormatException($"Illegal exception table end_pc {h.End}", inMethod: true);
            if (h.Handler >= _code.Length || !_starts[h.Handler]) throw new VerifierFormatException($"Illegal exception table handler_pc {h.Handler}", inMethod: true);
            _caught[k] = CatchType(h);
        }
    }

    private VType CatchType(ExceptionHandler h)
    {
        var caught = h.CatchType == 0 ? VType.Ref("java/lang/Throwable") : ClassOperand(h.CatchType);
        if (!IsAssignable(caught, VType.Ref("java/lang/Throwable")))
            throw new VerifyException("Catch type is not a subclass of Throwable in exception handler " + h.Handler, h.Handler,
                $"Type {caught} (constant pool {h.CatchType}) is not assignable to 'java/lang/Throwable'");
        return caught;
    }

    // ---- the operand stack ----

    private VerifyException BadType(string headline, int slot, VType found, string expected, string where = "stack") =>
        Here(headline, $"Type {found} (current frame, {where}[{slot}]) is not assignable to {expected}");

    /// <summary>HotSpot's "bad code" failures: no frame, the reason fixed.</summary>
    private VerifyException BadCode(string headline) => new(headline, _pc, "Error exists in the bytecode");

    /// <summary>A constant-pool entry of the wrong kind for the instruction.</summary>
    private VerifyException BadConstant(int index) =>
        new(index <= 0 || index >= _pool.Count ? $"Illegal constant pool index {index} in class {_cls.Name}" : $"Illegal type at constant pool entry {index} in class {_cls.Name}",
            _pc, $"Constant pool index {index} is invalid");

    /// <summary>The class an instruction's operand names (a CONSTANT_Class).</summary>
    private VType ClassOperand(int index) =>
        _pool.Tag(index) == ConstantTag.Class && index > 0 ? VType.Ref(_pool.ClassName(index)) : throw BadConstant(index);

    /// <summary>A failure of the current instruction, shown with the frame before it.</summary>
    private VerifyException Here(string headline, string reason) => new(headline, _pc, reason) { Current = _snapshot, CurrentBci = _pc };

    private VType Pop1()
    {
        if (_frame.Sp == 0) throw Here("Operand stack underflow", "Attempt to pop empty stack.");
        return _frame.Stack[--_frame.Sp];
    }

    /// <summary>
    /// A value of the expected type. HotSpot pops a long or double of an instruction's own operands as a pair, its
    /// first half checked first; arguments and field values slot by slot, from the top.
    /// </summary>
    private VType Pop(VType expected, bool slotBySlot = false)
    {
        if (expected.IsCategory2)
        {
            var second = expected.SecondHalf;
            if (slotBySlot)
            {
                var top = Pop1();
                if (!top.IsSecondHalf) throw BadType("Bad type on operand stack", _frame.Sp, top, second.ToString());
                var first = Pop1();
                if (first != expected) throw BadType("Bad type on operand stack", _frame.Sp, first, expected.ToString());
                return first;
            }
            if (_frame.Sp < 2) throw Here("Operand stack underflow", "Attempt to pop empty stack.");
            var lo = _frame.Stack[_frame.Sp - 2];
            if (lo != expected) throw BadType("Bad type on operand stack", _frame.Sp - 2, lo, expected.ToString());
            var hi = _frame.Stack[_frame.Sp - 1];
            if (hi != second) throw BadType("Bad type on operand stack", _frame.Sp - 1, hi, second.ToString());
            _frame.Sp -= 2;
            return lo;
        }
        var t = Pop1();
        if (!IsAssignable(t, expected)) throw BadType("Bad type on operand stack", _frame.Sp, t, expected.ToString());
        return t;
    }

    /// <summary>Any reference, initialized or not (aload's and acmp's operands).</summary>
    private VType PopReference()
    {
        var t = Pop1();
        if (!t.IsReference) throw BadType("Bad type on operand stack", _frame.Sp, t, "reference type");
        return t;
    }

    /// <summary>An initialized reference (or null).</summary>
    private VType PopObject()
    {
        var t = Pop1();
        if (t.Tag is not (VTag.Reference or VTag.Null)) throw BadType("Bad type on operand stack", _frame.Sp, t, "reference type");
        return t;
    }

    private void Push(VType t)
    {
        var width = t.IsCategory2 ? 2 : 1;
        if (_frame.Sp + width > _frame.Stack.Length) throw Here("Operand stack overflow", "Exceeded max stack size.");
        _frame.Stack[_frame.Sp++] = t;
        if (width == 2) _frame.Stack[_frame.Sp++] = t.SecondHalf;
    }

    private void PushDescriptor(string descriptor)
    {
        if (descriptor != "V") Push(VType.OfDescriptor(descriptor));
    }

    /// <summary>Stack manipulation (pop2, dup_x2, …) must not split a long or double: the slot at this depth is not a second half.</summary>
    private void Unsplit(int depth)
    {
        if (_frame.Sp < depth) throw Here("Operand stack underflow", "Attempt to pop empty stack.");
        if (_frame.Stack[_frame.Sp - depth].IsSecondHalf)
            throw BadType("Bad type on operand stack", _frame.Sp - depth, _frame.Stack[_frame.Sp - depth], "category1 type");
    }

    // ---- locals ----

    private void CheckLocal(int index, int width)
    {
        if (index + width > _frame.Locals.Length)
            throw new VerifyException("Local variable table overflow", _pc, $"Local index {index} is invalid");
    }

    /// <summary>A long or double load: the pair must lie within the locals defined so far (HotSpot's locals_size).</summary>
    private void CheckPair(int index)
    {
        if (index >= _frame.LocalsSize - 1)
            throw new VerifyException("get long/double overflows locals", _pc, $"Local index {index} is invalid");
    }

    private VType Load(int index, VType expected)
    {
        if (expected.IsCategory2) CheckPair(index);
        else CheckLocal(index, 1);
        var t = _frame.Locals[index];
        if (expected.Tag == VTag.Reference ? !t.IsReference : t != expected)
            throw BadType("Bad local variable type", index, t, expected.Tag == VTag.Reference ? "reference type" : expected.ToString(), "locals");
        if (expected.IsCategory2 && !_frame.Locals[index + 1].IsSecondHalf)
            throw BadType("Bad local variable type", index + 1, _frame.Locals[index + 1], expected.SecondHalf.ToString(), "locals");
        return t;
    }

    private void Store(int index, VType t)
    {
        var width = t.IsCategory2 ? 2 : 1;
        CheckLocal(index, width);
        var locals = _frame.Locals;
        if (index > 0 && locals[index - 1].IsCategory2) locals[index - 1] = VType.Top;
        if (index + width < locals.Length && locals[index + width - 1].IsCategory2) locals[index + width] = VType.Top;
        locals[index] = t;
        if (width == 2) locals[index + 1] = t.SecondHalf;
        _frame.LocalsSize = Math.Max(_frame.LocalsSize, index + width);
    }
}
