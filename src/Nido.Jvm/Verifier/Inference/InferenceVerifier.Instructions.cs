using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Verifier.Inference;

/// <summary>
/// One instruction applied to the working state, in libverify's order: register reads, the return checks, the
/// operands popped from the top down (each against the kind the instruction needs), the checks between them,
/// register writes, flags, and the results pushed.
/// </summary>
internal sealed partial class InferenceVerifier
{
    private static readonly VType[] Kinds = [VType.Integer, VType.Long, VType.Float, VType.Double];

    /// <summary>Applies the instruction at _pc to _w; true when it is the super() or this() call of a constructor.</summary>
    private bool Execute()
    {
        var op = _code[_pc];
        switch (op)
        {
            case 0x00: return false;
            case 0x01: Push(VType.Null); return false;
            case >= 0x02 and <= 0x08 or 0x10 or 0x11: Push(VType.Integer); return false;
            case 0x09 or 0x0a: Push(VType.Long); return false;
            case >= 0x0b and <= 0x0d: Push(VType.Float); return false;
            case 0x0e or 0x0f: Push(VType.Double); return false;
            case 0x12: Push(ConstantType(_code[_pc + 1])); return false;
            case 0x13 or 0x14: Push(ConstantType(U2(_pc + 1))); return false;
            case (>= 0x15 and <= 0x19) or (>= 0x36 and <= 0x3a) or 0x84 or 0xa9: Local(op, _code[_pc + 1]); return false;
            case >= 0x1a and <= 0x2d: Local((byte)(0x15 + (op - 0x1a) / 4), (op - 0x1a) % 4); return false;
            case >= 0x3b and <= 0x4e: Local((byte)(0x36 + (op - 0x3b) / 4), (op - 0x3b) % 4); return false;
            case 0xc4: Local(_code[_pc + 1], U2(_pc + 2)); return false;
            case >= 0x2e and <= 0x35: ArrayLoad(op - 0x2e); return false;
            case >= 0x4f and <= 0x56: ArrayStore(op - 0x4f); return false;
            case >= 0x57 and <= 0x5f: Shuffle(op); return false;
            case >= 0x60 and <= 0x73: Binary(Kinds[(op - 0x60) & 3]); return false;
            case >= 0x74 and <= 0x77: PopKind(Kinds[op - 0x74]); Push(Kinds[op - 0x74]); return false;
            case >= 0x78 and <= 0x7d:
            {
                PopKind(VType.Integer);
                var kind = (op & 1) == 0 ? VType.Integer : VType.Long;
                PopKind(kind);
                Push(kind);
                return false;
            }
            case >= 0x7e and <= 0x83: Binary((op & 1) == 0 ? VType.Integer : VType.Long); return false;
            case >= 0x85 and <= 0x90:
            {
                var n = op - 0x85;
                var from = n / 3;
                PopKind(Kinds[from]);
                Push(Kinds[n % 3 < from ? n % 3 : n % 3 + 1]);
                return false;
            }
            case >= 0x91 and <= 0x93: PopKind(VType.Integer); Push(VType.Integer); return false;
            case 0x94: PopKind(VType.Long); PopKind(VType.Long); Push(VType.Integer); return false;
            case 0x95 or 0x96: PopKind(VType.Float); PopKind(VType.Float); Push(VType.Integer); return false;
            case 0x97 or 0x98: PopKind(VType.Double); PopKind(VType.Double); Push(VType.Integer); return false;
            case >= 0x99 and <= 0x9e or 0xaa or 0xab: PopKind(VType.Integer); return false;
            case >= 0x9f and <= 0xa4: PopKind(VType.Integer); PopKind(VType.Integer); return false;
            case 0xa5 or 0xa6: PopObjectOrArray(); PopObjectOrArray(); return false;
            case 0xc6 or 0xc7: PopObjectOrArray(uninitialized: true); return false;
            case 0xa7 or 0xc8: return false;
            case 0xa8 or 0xc9:
                Push(VType.ReturnAddress(op == 0xa8 ? _pc + Instructions.S2(_code, _pc + 1) : _pc + Instructions.S4(_code, _pc + 1)));
                return false;
            case >= 0xac and <= 0xb1: Return(op); return false;
            case 0xb2: PushDescriptor(Field().Descriptor); return false;
            case 0xb3:
            {
                var f = Field();
                PopValue(f.Descriptor, "Bad type in putfield/putstatic");
                return false;
            }
            case 0xb4:
            {
                var f = Field();
                var target = PopObjectOrArray();
                FieldTarget(target, f.Class);
                PushDescriptor(f.Descriptor);
                return false;
            }
            case 0xb5: PutField(); return false;
            case >= 0xb6 and <= 0xb9: return Invoke(op);
            case 0xbb: New(); return false;
            case 0xbc: PopKind(VType.Integer); Push(VType.Ref("[" + "ZCFDBSIJ"[_code[_pc + 1] - 4])); return false;
            case 0xbd: PopKind(VType.Integer); Push(VType.Ref(VType.ArrayOf(ClassAt(_pc + 1)))); return false;
            case 0xbe: PopArray('?'); Push(VType.Integer); return false;
            case 0xbf:
            {
                var t = PopSlot();
                if (t.Tag != VTag.Null && (t.Tag != VTag.Reference || t.IsArray)) throw Error("Expecting to find object on stack");
                if (!IsAssignable(t, VType.Ref("java/lang/Throwable"))) throw Error("Can only throw Throwable objects");
                return false;
            }
            case 0xc0: PopObjectOrArray(); Push(VType.Ref(ClassAt(_pc + 1))); return false;
            case 0xc1: PopObjectOrArray(); Push(VType.Integer); return false;
            case 0xc2 or 0xc3: PopObjectOrArray(); return false;
            case 0xc5:
                for (var i = _code[_pc + 3]; i > 0; i--) PopKind(VType.Integer);
                Push(VType.Ref(ClassAt(_pc + 1)));
                return false;
            default: throw Error($"Illegal instruction found at offset {_pc}");
        }
    }

    private string ClassAt(int at) => _pool.ClassName(U2(at));

    // ---- the operand stack ----

    private VType PopSlot()
    {
        if (_w.Sp == 0) throw Error("Unable to pop operand off an empty stack");
        return _w.Stack[--_w.Sp];
    }

    private static string KindName(VType kind) => kind.Tag switch
    {
        VTag.Integer => "integer",
        VTag.Long => "long",
        VTag.Float => "float",
        _ => "double",
    };

    /// <summary>An int, float, long or double: a long or double is its second half on top of its first.</summary>
    private void PopKind(VType kind)
    {
        var expected = kind.IsCategory2 ? kind.SecondHalf : kind;
        if (PopSlot() != expected || kind.IsCategory2 && PopSlot() != kind) throw Error($"Expecting to find {KindName(kind)} on stack");
    }

    /// <summary>A class instance, array or null; a return address only for astore, an uninitialized object only where named.</summary>
    private VType PopObjectOrArray(bool returnAddress = false, bool uninitialized = false)
    {
        var t = PopSlot();
        var ok = t.Tag is VTag.Reference or VTag.Null
            || returnAddress && t.Tag == VTag.ReturnAddress
            || uninitialized && t.Tag is VTag.Uninitialized or VTag.UninitializedThis;
        if (!ok) throw Error("Expecting to find object/array on stack");
        return t;
    }

    /// <summary>An array of the kind an array instruction names (null passes): I J F D, A (of references), B (bytes or booleans), C, S, or ? (any).</summary>
    private VType PopArray(char kind)
    {
        var t = PopSlot();
        if (t.Tag == VTag.Null) return t;
        var name = t.IsArray ? t.Name! : null;
        var ok = kind switch
        {
            '?' => name is not null,
            'A' => name is not null && name[1] is 'L' or '[',
            'B' => name is "[B" or "[Z",
            _ => name == "[" + kind,
        };
        if (!ok)
            throw Error(kind switch
            {
                'I' => "Expecting to find array of ints on stack",
                'J' => "Expecting to find array of longs on stack",
                'F' => "Expecting to find array of floats on stack",
                'D' => "Expecting to find array of doubles on stack",
                'A' => "Expecting to find array of objects or arrays on stack",
                'B' => "Expecting to find array of bytes or Booleans on stack",
                'C' => "Expecting to find array of chars on stack",
                'S' => "Expecting to find array of shorts on stack",
                _ => "Expecting to find array on stack",
            });
        return t;
    }

    /// <summary>A value of a field or parameter descriptor's type; references must also be assignable to it.</summary>
    private VType PopValue(string descriptor, string mismatch)
    {
        var t = VType.OfDescriptor(descriptor);
        if (t.Tag != VTag.Reference)
        {
            PopKind(t);
            return t;
        }
        var value = PopObjectOrArray();
        if (!IsAssignable(value, t)) throw Error(mismatch);
        return value;
    }

    private void Push(VType t)
    {
        _w.Stack[_w.Sp++] = t;
        if (t.IsCategory2) _w.Stack[_w.Sp++] = t.SecondHalf;
    }

    private void PushDescriptor(string descriptor)
    {
        if (descriptor != "V") Push(VType.OfDescriptor(descriptor));
    }

    private void Binary(VType kind)
    {
        PopKind(kind);
        PopKind(kind);
        Push(kind);
    }

    /// <summary>pop … swap: stack words moved as they are, as long as no long or double is split.</summary>
    private void Shuffle(int op)
    {
        // (words taken, words that must start an item): pop 1; pop2 2; dup 1; dup_x1 2,1; dup_x2 3,1; dup2 2;
        // dup2_x1 3,2; dup2_x2 4,2; swap 2,1.
        var (taken, copied, boundaries) = op switch
        {
            0x57 => (1, 0, new[] { 1 }),
            0x58 => (2, 0, new[] { 2 }),
            0x59 => (1, 1, new[] { 1 }),
            0x5a => (2, 1, new[] { 1, 2 }),
            0x5b => (3, 1, new[] { 1, 3 }),
            0x5c => (2, 2, new[] { 2 }),
            0x5d => (3, 2, new[] { 2, 3 }),
            0x5e => (4, 2, new[] { 2, 4 }),
            _ => (2, 0, new[] { 1, 2 }),
        };
        var s = _w.Stack;
        var sp = _w.Sp;
        // Checked from the top down, as libverify pops: an empty stack before a split.
        for (var depth = 1; depth <= taken; depth++)
        {
            if (depth > sp) throw Error("Unable to pop operand off an empty stack");
            if (Array.IndexOf(boundaries, depth) >= 0 && s[sp - depth].IsSecondHalf) throw Error("Attempt to split long or double on the stack");
        }
        if (op == 0x57 || op == 0x58)
        {
            _w.Sp -= taken;
            return;
        }
        if (op == 0x5f)
        {
            (s[sp - 1], s[sp - 2]) = (s[sp - 2], s[sp - 1]);
            return;
        }
        var top = s.AsSpan(sp - copied, copied).ToArray();
        for (var i = sp - 1; i >= sp - taken; i--) s[i + copied] = s[i];
        top.CopyTo(s, sp - taken);
        _w.Sp = sp + copied;
    }

    // ---- locals ----

    /// <summary>Loads, stores, iinc and ret: a read is checked before anything else; every access marks the register used.</summary>
    private void Local(byte op, int index)
    {
        switch (op)
        {
            case 0x16 or 0x18:
            {
                var kind = op == 0x16 ? VType.Long : VType.Double;
                if (index + 1 >= _w.RegisterCount) throw Error($"Accessing value from uninitialized register pair {index}/{index + 1}");
                if (_w.Registers[index] != kind || _w.Registers[index + 1] != kind.SecondHalf)
                    throw Error($"Register pair {index}/{index + 1} contains wrong type");
                _w.Touch(index);
                _w.Touch(index + 1);
                Push(kind);
                return;
            }
            case 0x15 or 0x17 or 0x19 or 0x84 or 0xa9:
            {
                if (index >= _w.RegisterCount) throw Error($"Accessing value from uninitialized register {index}");
                var t = _w.Registers[index];
                var ok = op switch
                {
                    0x15 or 0x84 => t == VType.Integer,
                    0x17 => t == VType.Float,
                    0x19 => t.Tag is VTag.Reference or VTag.Null or VTag.Uninitialized or VTag.UninitializedThis,
                    _ => t.Tag == VTag.ReturnAddress,
                };
                if (!ok)
                    throw Error(t.Tag == VTag.ReturnAddress ? $"Cannot load return address from register {index}" : $"Register {index} contains wrong type");
                _w.Touch(index);
                if (op is 0x15 or 0x17 or 0x19) Push(t);
                return;
            }
            case 0x36 or 0x37 or 0x38 or 0x39:
            {
                var kind = Kinds[op - 0x36];
                PopKind(kind);
                SetRegister(index, kind);
                return;
            }
            default: SetRegister(index, PopObjectOrArray(returnAddress: true, uninitialized: true)); return;
        }
    }

    /// <summary>A store: the registers below it that were never written become unusable; the other half of a pair it overwrites stays as it was.</summary>
    private void SetRegister(int index, VType t)
    {
        var width = t.IsCategory2 ? 2 : 1;
        for (var i = _w.RegisterCount; i < index; i++) _w.Registers[i] = VType.Top;
        _w.Registers[index] = t;
        if (width == 2) _w.Registers[index + 1] = t.SecondHalf;
        _w.RegisterCount = Math.Max(_w.RegisterCount, index + width);
        _w.Touch(index);
        if (width == 2) _w.Touch(index + 1);
    }

    // ---- arrays ----

    private static readonly char[] ArrayKinds = ['I', 'J', 'F', 'D', 'A', 'B', 'C', 'S'];

    private void ArrayLoad(int k)
    {
        PopKind(VType.Integer);
        var array = PopArray(ArrayKinds[k]);
        if (k != 4)
        {
            Push(k < 4 ? Kinds[k] : VType.Integer);
            return;
        }
        if (array.Tag == VTag.Null) { Push(VType.Null); return; }
        var element = array.Name![1..];
        Push(VType.Ref(element[0] == 'L' ? element[1..^1] : element));
    }

    private void ArrayStore(int k)
    {
        if (k == 4) PopObjectOrArray();
        else PopKind(k < 4 ? Kinds[k] : VType.Integer);
        PopKind(VType.Integer);
        PopArray(ArrayKinds[k]);
    }

    // ---- returns, fields, objects ----

    private void Return(int op)
    {
        var declared = Descriptors.Return(_method.Descriptor);
        if (op == 0xb1 && (_w.Or & InferenceFrame.NeedConstructor) != 0 && (_w.And & InferenceFrame.Constructed) == 0)
            throw Error("Constructor must call super() or this()");
        if ((_w.Or & InferenceFrame.NoReturn) != 0) throw Error("Cannot return normally");
        if (op == 0xb1)
        {
            if (declared != "V") throw Error("Wrong return type in function");
            return;
        }
        if (op == 0xb0)
        {
            var value = PopObjectOrArray();
            if (declared[0] is not ('L' or '[') || !IsAssignable(value, VType.OfDescriptor(declared))) throw Error("Wrong return type in function");
            return;
        }
        var kind = Kinds[op - 0xac];
        PopKind(kind);
        if (declared == "V" || declared[0] is 'L' or '[' || VType.OfDescriptor(declared) != kind) throw Error("Wrong return type in function");
    }

    private (string Class, string Name, string Descriptor) Field() => _pool.MemberRef(U2(_pc + 1));

    /// <summary>getfield's and putfield's object: of the field's class, and of this class when the field is a protected one of another package.</summary>
    private void FieldTarget(VType target, string owner)
    {
        if (!IsAssignable(target, VType.Ref(owner))) throw Error("Incompatible type for getting or setting field");
        if (_protected[_pc] && !IsAssignable(target, VType.Ref(_self))) throw Error("Bad access to protected data");
    }

    private void PutField()
    {
        var f = Field();
        var t = VType.OfDescriptor(f.Descriptor);
        VType? value = null;
        if (t.Tag == VTag.Reference) value = PopObjectOrArray();
        else PopKind(t);
        // A constructor may set its own class's fields before super() (javac does, for outer-this).
        var target = PopSlot();
        var ownField = target.Tag == VTag.UninitializedThis && f.Class == _self && _cls.File!.Fields.Any(x => x.Name == f.Name && x.Descriptor == f.Descriptor);
        if (ownField) target = VType.Ref(_self);
        else if (target.Tag is not (VTag.Reference or VTag.Null)) throw Error("Expecting to find object/array on stack");
        FieldTarget(target, f.Class);
        if (value is { } v && !IsAssignable(v, t)) throw Error("Bad type in putfield/putstatic");
    }

    private void New()
    {
        var made = VType.Uninitialized(_pc);
        for (var i = 0; i < _w.Sp; i++)
            if (_w.Stack[i] == made) throw Error("Uninitialized object on stack at creating point");
        for (var i = 0; i < _w.RegisterCount; i++)
            if (_w.Registers[i] == made) _w.Registers[i] = VType.Top;
        Push(made);
    }

    /// <summary>The invokes: arguments from the last, the receiver, its checks, then each reference argument against its parameter.</summary>
    private bool Invoke(int op)
    {
        var (owner, name, descriptor) = _pool.MemberRef(U2(_pc + 1));
        var parameters = Descriptors.Parameters(descriptor);
        var arguments = new VType[parameters.Count];
        for (var i = parameters.Count - 1; i >= 0; i--)
        {
            var p = VType.OfDescriptor(parameters[i]);
            if (p.Tag == VTag.Reference) arguments[i] = PopObjectOrArray();
            else PopKind(p);
        }
        var initThis = false;
        if (op == 0xb7 && name == "<init>")
        {
            var receiver = PopSlot();
            if (receiver.Tag is not (VTag.Uninitialized or VTag.UninitializedThis)) throw Error("Expecting to find unitialized object on stack"); // sic: libverify's spelling
            VType initialized;
            if (receiver.Tag == VTag.Uninitialized)
            {
                initialized = VType.Ref(ClassAt(receiver.Offset + 1));
                if (initialized.Name != owner) throw Error("Call to wrong initialization method");
                if (_protected[_pc]) throw Error("Bad access to protected data");
            }
            else
            {
                if (owner != _self && owner != _cls.Super?.Name) throw Error("Call to wrong initialization method");
                initialized = VType.Ref(_self);
                initThis = true;
            }
            CheckArguments(parameters, arguments);
            _w.Replace(receiver, initialized);
            if (initThis) _w.And |= InferenceFrame.Constructed;
        }
        else
        {
            if (op != 0xb8)
            {
                var receiver = PopObjectOrArray();
                if (!IsAssignable(receiver, VType.Ref(owner))) throw Error("Incompatible object argument for function call");
                if (op == 0xb7 && !IsAssignable(receiver, VType.Ref(_self))) throw Error("Incompatible object argument for invokespecial");
                if (_protected[_pc] && !(owner == Object && receiver.IsArray && name == "clone") && !IsAssignable(receiver, VType.Ref(_self)))
                    throw Error("Bad access to protected data");
            }
            CheckArguments(parameters, arguments);
        }
        PushDescriptor(Descriptors.Return(descriptor));
        return initThis;
    }

    private void CheckArguments(List<string> parameters, VType[] arguments)
    {
        for (var i = 0; i < parameters.Count; i++)
            if (arguments[i].Tag != VTag.Top && !IsAssignable(arguments[i], VType.OfDescriptor(parameters[i])))
                throw Error("Incompatible argument to function");
    }

    private VType ConstantType(int index) => _pool.Tag(index) switch
    {
        ConstantTag.Integer => VType.Integer,
        ConstantTag.Float => VType.Float,
        ConstantTag.Long => VType.Long,
        ConstantTag.Double => VType.Double,
        ConstantTag.String => VType.Ref("java/lang/String"),
        _ => VType.Ref("java/lang/Class"),
    };
}
