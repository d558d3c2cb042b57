using Nido.Jvm.Runtime;
using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Verifier;

internal sealed partial class MethodVerifier
{
    private int U1(int at) => _code[at];
    private int U2(int at) => (_code[at] << 8) | _code[at + 1];
    private int S2(int at) => Instructions.S2(_code, at);
    private int S4(int at) => Instructions.S4(_code, at);

    private static readonly VType[] Kinds = [VType.Integer, VType.Long, VType.Float, VType.Double];

    /// <summary>Applies the instruction at _pc to the frame; false when control cannot fall through to the next one.</summary>
    private bool Execute()
    {
        var op = _code[_pc];
        switch (op)
        {
            case 0x00: return true;
            case 0x01: Push(VType.Null); return true;
            case >= 0x02 and <= 0x08: Push(VType.Integer); return true;
            case 0x09 or 0x0a: Push(VType.Long); return true;
            case >= 0x0b and <= 0x0d: Push(VType.Float); return true;
            case 0x0e or 0x0f: Push(VType.Double); return true;
            case 0x10 or 0x11: Push(VType.Integer); return true;
            case 0x12: Push(Constant(U1(_pc + 1), wide: false)); return true;
            case 0x13: Push(Constant(U2(_pc + 1), wide: false)); return true;
            case 0x14: Push(Constant(U2(_pc + 1), wide: true)); return true;
            case (>= 0x15 and <= 0x19) or (>= 0x36 and <= 0x3a) or 0x84: Local(op, U1(_pc + 1)); return true;
            case >= 0x1a and <= 0x29: Push(Load((op - 0x1a) & 3, Kinds[(op - 0x1a) >> 2])); return true;
            case >= 0x2a and <= 0x2d: Push(Load(op - 0x2a, VType.Ref("java/lang/Object"))); return true;
            case >= 0x2e and <= 0x35: ArrayLoad(op); return true;
            case >= 0x3b and <= 0x4a: Store((op - 0x3b) & 3, Pop(Kinds[(op - 0x3b) >> 2])); return true;
            case >= 0x4b and <= 0x4e: Store(op - 0x4b, PopReference()); return true;
            case >= 0x4f and <= 0x56: ArrayStore(op); return true;
            case 0x57: Unsplit(1); Pop1(); return true;
            case 0x58: Unsplit(2); Pop1(); Pop1(); return true;
            case 0x59: Duplicate(1, 0); return true;
            case 0x5a: Duplicate(1, 1); return true;
            case 0x5b: Duplicate(1, 2); return true;
            case 0x5c: Duplicate(2, 0); return true;
            case 0x5d: Duplicate(2, 1); return true;
            case 0x5e: Duplicate(2, 2); return true;
            case 0x5f:
            {
                Unsplit(1);
                Unsplit(2);
                var a = Pop1();
                var b = Pop1();
                Push(a);
                Push(b);
                return true;
            }
            case >= 0x60 and <= 0x73: Binary(Kinds[(op - 0x60) & 3]); return true;
            case >= 0x74 and <= 0x77: Push(Pop(Kinds[op - 0x74])); return true;
            case >= 0x78 and <= 0x7d:
            {
                Pop(VType.Integer);
                var kind = (op & 1) == 0 ? VType.Integer : VType.Long;
                Push(Pop(kind));
                return true;
            }
            case >= 0x7e and <= 0x83: Binary((op & 1) == 0 ? VType.Integer : VType.Long); return true;
            case >= 0x85 and <= 0x90:
            {
                // i2l i2f i2d l2i l2f l2d f2i f2l f2d d2i d2l d2f: from kind (op-0x85)/3, to the others in order.
                var n = op - 0x85;
                var from = n / 3;
                var to = n % 3 < from ? n % 3 : n % 3 + 1; // the three kinds other than from, in order
                Pop(Kinds[from]);
                Push(Kinds[to]);
                return true;
            }
            case >= 0x91 and <= 0x93: Push(Pop(VType.Integer)); return true;
            case 0x94: Pop(VType.Long); Pop(VType.Long); Push(VType.Integer); return true;
            case 0x95 or 0x96: Pop(VType.Float); Pop(VType.Float); Push(VType.Integer); return true;
            case 0x97 or 0x98: Pop(VType.Double); Pop(VType.Double); Push(VType.Integer); return true;
            case >= 0x99 and <= 0x9e: Pop(VType.Integer); Branch(_pc + S2(_pc + 1)); return true;
            case >= 0x9f and <= 0xa4: Pop(VType.Integer); Pop(VType.Integer); Branch(_pc + S2(_pc + 1)); return true;
            case 0xa5 or 0xa6: PopReference(); PopReference(); Branch(_pc + S2(_pc + 1)); return true;
            case 0xa7: Branch(_pc + S2(_pc + 1)); return false;
            case 0xc8: Branch(_pc + S4(_pc + 1)); return false;
            case 0xaa: TableSwitch(); return false;
            case 0xab: LookupSwitch(); return false;
            case >= 0xac and <= 0xb1: Return(op); return false;
            case 0xb2: PushDescriptor(Field().Descriptor); return true;
            case 0xb3: Pop(VType.OfDescriptor(Field().Descriptor), slotBySlot: true); return true;
            case 0xb4:
            {
                var f = Field();
                var target = Pop(VType.Ref(f.Class));
                CheckProtected(target, f.Class, f.Name, f.Descriptor, method: false);
                PushDescriptor(f.Descriptor);
                return true;
            }
            case 0xb5: PutField(); return true;
            case >= 0xb6 and <= 0xba: Invoke(op); return true;
            case 0xbb:
            {
                var type = ClassOperand(U2(_pc + 1));
                if (type.Name![0] == '[') throw new VerifyException("Illegal new instruction", _pc, $"Invalid type: {type} (constant pool {U2(_pc + 1)})");
                Push(VType.Uninitialized(_pc));
                return true;
            }
            case 0xbc:
            {
                var atype = U1(_pc + 1);
                if (atype is < 4 or > 11) throw BadCode("Illegal newarray instruction");
                Pop(VType.Integer);
                Push(VType.Ref("[" + "ZCFDBSIJ"[atype - 4]));
                return true;
            }
            case 0xbd:
            {
                var component = ClassOperand(U2(_pc + 1)).Name!;
                if (component.StartsWith(new string('[', 255), StringComparison.Ordinal))
                    throw BadCode("Illegal anewarray instruction, array has more than 255 dimensions");
                Pop(VType.Integer);
                Push(VType.Ref(VType.ArrayOf(component)));
                return true;
            }
            case 0xbe:
            {
                var a = PopObject();
                if (!a.IsArray && a.Tag != VTag.Null) throw Here("Bad type on operand stack in arraylength", $"Invalid type: {a} (current frame, stack[{_frame.Sp}])");
                Push(VType.Integer);
                return true;
            }
            case 0xbf: Pop(VType.Ref("java/lang/Throwable")); return false;
            case 0xc0:
            {
                var type = ClassOperand(U2(_pc + 1));
                PopObject();
                Push(type);
                return true;
            }
            case 0xc1: ClassOperand(U2(_pc + 1)); PopObject(); Push(VType.Integer); return true;
            case 0xc2 or 0xc3: PopObject(); return true;
            case 0xc4: Local(_code[_pc + 1], U2(_pc + 2)); return true;
            case 0xc5:
            {
                var type = ClassOperand(U2(_pc + 1));
                var dims = U1(_pc + 3);
                var depth = 0;
                while (depth < type.Name!.Length && type.Name[depth] == '[') depth++;
                if (dims < 1 || depth < dims) throw BadCode($"Illegal dimension in multianewarray instruction: {dims}");
                for (var i = 0; i < dims; i++) Pop(VType.Integer);
                Push(type);
                return true;
            }
            case 0xc6 or 0xc7: PopReference(); Branch(_pc + S2(_pc + 1)); return true;
            // jsr, ret and HotSpot's own opcodes: instructions, but not ones a type-checked method may use.
            default: throw BadCode($"Bad instruction: {(op == 0xc4 ? _code[_pc + 1] : op):x2}");
        }
    }

    private void Binary(VType kind)
    {
        Pop(kind);
        Pop(kind);
        Push(kind);
    }

    /// <summary>dup and its forms: copies the top <paramref name="count"/> slots below <paramref name="skip"/> more, splitting no long or double.</summary>
    private void Duplicate(int count, int skip)
    {
        Unsplit(count);
        if (skip > 0) Unsplit(count + skip);
        var s = _frame.Stack;
        var sp = _frame.Sp;
        if (sp + count > s.Length) throw Here("Operand stack overflow", "Exceeded max stack size.");
        var copied = s.AsSpan(sp - count, count).ToArray();
        // Shift the top count+skip slots up by count, then put the copy beneath them.
        for (var i = sp - 1; i >= sp - count - skip; i--) s[i + count] = s[i];
        copied.CopyTo(s, sp - count - skip);
        _frame.Sp = sp + count;
    }

    private static readonly string[] ArrayKinds = ["[I", "[J", "[F", "[D", "", "[B", "[C", "[S"];

    /// <summary>What an array instruction of kind k (its opcode's offset: iaload = 0 … saload = 7) moves: the narrow ints as int.</summary>
    private static VType ElementKind(int k) => k < 4 ? Kinds[k] : VType.Integer;

    private static bool IsReferenceArray(VType t) => t.IsArray && t.Name![1] is 'L' or '[';

    private void ArrayLoad(int op)
    {
        Pop(VType.Integer);
        var array = PopObject();
        var k = op - 0x2e;
        if (k == 4)
        {
            if (array.Tag == VTag.Null) { Push(VType.Null); return; }
            if (!IsReferenceArray(array))
                throw BadType("Bad type on operand stack in aaload", _frame.Sp, array, "reference type");
            Push(VType.Ref(NameOf(array.Name![1..])));
            return;
        }
        CheckArray(array, k);
        Push(ElementKind(k));
    }

    private void ArrayStore(int op)
    {
        var k = op - 0x4f;
        if (k == 4) Pop(VType.Ref("java/lang/Object"));
        else Pop(ElementKind(k));
        Pop(VType.Integer);
        var array = PopObject();
        if (k == 4)
        {
            if (array.Tag != VTag.Null && !IsReferenceArray(array))
                throw BadType("Bad type on operand stack in aastore", _frame.Sp, array, "reference array");
            return;
        }
        CheckArray(array, k);
    }

    private void CheckArray(VType array, int k)
    {
        if (array.Tag == VTag.Null) return;
        var ok = array.Tag == VTag.Reference && (array.Name == ArrayKinds[k] || k == 5 && array.Name == "[Z");
        if (!ok) throw BadType($"Bad type on operand stack in {OpcodeNames.Of(_code, _pc)}", _frame.Sp, array, $"'{ArrayKinds[k]}'");
    }

    private void TableSwitch()
    {
        var p = (_pc + 4) & ~3;
        Padding(p);
        Pop(VType.Integer);
        int low = S4(p + 4), high = S4(p + 8);
        if (low > high) throw new VerifyException("low must be less than or equal to high in tableswitch", _pc, "Error exists in the bytecode");
        Branch(_pc + S4(p));
        for (long i = 0; i <= (long)high - low; i++) Branch(_pc + S4(p + 12 + (int)i * 4));
    }

    private void LookupSwitch()
    {
        var p = (_pc + 4) & ~3;
        Padding(p);
        Pop(VType.Integer);
        var pairs = S4(p + 4);
        if (pairs < 0) throw BadCode("number of keys in lookupswitch less than 0");
        for (var i = 1; i < pairs; i++)
            if (S4(p + 8 + i * 8) <= S4(p + i * 8)) throw BadCode("Bad lookupswitch instruction");
        Branch(_pc + S4(p));
        for (var i = 0; i < pairs; i++) Branch(_pc + S4(p + 12 + i * 8));
    }

    /// <summary>Before version 51 a switch's padding must be zeros.</summary>
    private void Padding(int aligned)
    {
        if (_cls.File!.MajorVersion >= 51) return;
        for (var i = _pc + 1; i < aligned; i++)
            if (_code[i] != 0) throw BadCode("Nonzero padding byte in lookupswitch or tableswitch");
    }

    private void Return(int op)
    {
        var r = _returnType;
        if (op == 0xb1)
        {
            if (r != "V") throw new VerifyException("Method expects a return value", _pc, "Error exists in the bytecode");
            if (IsConstructor && _frame.ThisUninitialized)
                throw new VerifyException("Constructor must call super() or this() before return", _pc, "Error exists in the bytecode");
            return;
        }
        // HotSpot pops the value first, then compares it with the signature.
        if (op == 0xb0)
        {
            var t = PopReference();
            if (r == "V") throw BadCode("Method does not expect a return value");
            var declared = VType.OfDescriptor(r);
            if (declared.Tag != VTag.Reference || !IsAssignable(t, declared))
                throw BadType("Bad return type", _frame.Sp, t, $"{declared} (from method signature)");
            return;
        }
        var kind = Kinds[op - 0xac];
        Pop(kind, slotBySlot: true);
        if (r == "V") throw BadCode("Method does not expect a return value");
        if (VType.OfDescriptor(r) is var expected && expected != kind) throw Here("Bad return type", $"Type {kind} (current frame, stack[{_frame.Sp}]) is not assignable to {expected} (from method signature)");
    }

    private (string Class, string Name, string Descriptor) Field()
    {
        var index = U2(_pc + 1);
        if (_pool.Tag(index) != ConstantTag.FieldRef) throw BadConstant(index);
        var f = _pool.MemberRef(index);
        if (f.Class[0] == '[')
            throw new VerifyException($"Expecting reference to class in class {_cls.Name} at constant pool index {index}", _pc, $"Invalid type: '{f.Class}' (constant pool {index})");
        if (!Descriptors.IsFieldDescriptor(f.Descriptor)) throw new VerifyException("Illegal field descriptor", _pc, f.Descriptor);
        return f;
    }

    private void PutField()
    {
        var f = Field();
        Pop(VType.OfDescriptor(f.Descriptor), slotBySlot: true);
        var target = Pop1();
        // A constructor may set its own class's fields before calling super() (javac does, for outer-this).
        if (target.Tag == VTag.UninitializedThis && f.Class == _self && _cls.File!.Fields.Any(x => x.Name == f.Name && x.Descriptor == f.Descriptor)) return;
        if (!IsAssignable(target, VType.Ref(f.Class))) throw BadType("Bad type on operand stack", _frame.Sp, target, $"'{f.Class}'");
        CheckProtected(target, f.Class, f.Name, f.Descriptor, method: false);
    }

    /// <summary>
    /// JVMS 4.10.1.8: a protected member that a superclass in another run-time package declares may be used only on
    /// an object of this class (or a subclass), not on any instance of the superclass. Checked, as HotSpot does, when
    /// the named class is one of this class's superclasses; arrays' clone() through Object stays allowed.
    /// </summary>
    private void CheckProtected(VType receiver, string owner, string name, string descriptor, bool method)
    {
        if (receiver.Tag != VTag.Reference || receiver.Name == _self) return;
        JClass? named = null;
        for (var c = _cls.Super; c is not null; c = c.Super)
            if (c.Name == owner) { named = c; break; }
        if (named is null) return;
        var (flags, holder) = method
            ? named.FindMethodInClasses(name, descriptor) is { } m ? (m.Flags, m.Owner) : default
            : named.FindField(name, descriptor) is { } f ? (f.Flags, f.Owner) : default;
        if ((flags & AccessFlags.Protected) == 0 || JavaVm.SameRuntimePackage(_cls, holder!)) return;
        if (method && owner == "java/lang/Object" && receiver.IsArray) return;
        if (!IsAssignable(receiver, VType.Ref(_self)))
            throw BadType($"Bad access to protected data in {OpcodeNames.Of(_code, _pc)}", _frame.Sp, receiver, $"'{_self}'");
    }

    private void Invoke(int op)
    {
        var index = U2(_pc + 1);
        var tag = _pool.Tag(index);
        string owner, name, descriptor;
        if (op == 0xba)
        {
            if (tag != ConstantTag.InvokeDynamic || U1(_pc + 3) != 0 || U1(_pc + 4) != 0)
                throw BadConstant(index);
            (name, descriptor) = _pool.NameAndType(_pool.B(index));
            owner = "";
        }
        else
        {
            var ok = op switch
            {
                0xb6 => tag == ConstantTag.MethodRef,
                0xb9 => tag == ConstantTag.InterfaceMethodRef,
                _ => tag == ConstantTag.MethodRef || tag == ConstantTag.InterfaceMethodRef && _cls.File!.MajorVersion >= 52,
            };
            if (!ok) throw BadConstant(index);
            (owner, name, descriptor) = _pool.MemberRef(index);
        }
        if (!Descriptors.IsMethodDescriptor(descriptor)) throw new VerifyException("Illegal method descriptor", _pc, descriptor);
        if (name.StartsWith('<') && (name != "<init>" || op != 0xb7)) throw BadCode("Illegal call to internal method");
        if (op == 0xb9 && U1(_pc + 4) != 0) throw BadCode("Fourth operand byte of invokeinterface must be zero");
        if (op == 0xb9 && U1(_pc + 3) != Descriptors.ArgumentSlots(descriptor) + 1) throw BadCode("Inconsistent args count operand in invokeinterface");
        var parameters = Descriptors.Parameters(descriptor);
        for (var i = parameters.Count - 1; i >= 0; i--) Pop(VType.OfDescriptor(parameters[i]), slotBySlot: true);
        if (op == 0xb7 && name == "<init>") Initialize(owner);
        else if (op is 0xb6 or 0xb7 or 0xb9)
        {
            // invokespecial of a non-constructor names this class, a superclass or a direct superinterface, and
            // its receiver is this class (or a subclass); the others' receiver is the named class.
            if (op == 0xb7 && owner != _self && !_cls.Interfaces.Any(i => i.FileName == owner) && !_cls.IsSubtypeOf(Load(owner)))
                throw BadCode("Bad invokespecial instruction: current class isn't assignable to reference class.");
            var receiver = Pop1();
            var expected = VType.Ref(op == 0xb7 ? _self : owner);
            if (!IsAssignable(receiver, expected)) throw BadType("Bad type on operand stack", _frame.Sp, receiver, expected.ToString());
            if (op == 0xb6) CheckProtected(receiver, owner, name, descriptor, method: true);
        }
        PushDescriptor(Descriptors.Return(descriptor));
    }

    /// <summary>invokespecial &lt;init&gt;: the receiver becomes initialized everywhere it appears in the frame.</summary>
    private void Initialize(string owner)
    {
        var receiver = Pop1();
        if (receiver.Tag == VTag.UninitializedThis)
        {
            if (owner != _self && owner != _cls.Super?.Name)
                throw BadCode("Bad <init> method call");
            _frame.Initialize(receiver, VType.Ref(_self));
            _frame.ThisUninitialized = false;
            return;
        }
        if (receiver.Tag != VTag.Uninitialized) throw BadType("Bad type on operand stack", _frame.Sp, receiver, "uninitialized");
        var at = receiver.Offset;
        if ((uint)at >= (uint)_code.Length || !_starts[at] || _code[at] != 0xbb)
            throw BadCode("Expecting new instruction");
        var created = ClassOperand(U2(at + 1));
        if (created.Name != owner) throw BadCode("Call to wrong <init> method");
        _frame.Initialize(receiver, created);
    }

    private VType Constant(int index, bool wide)
    {
        var tag = _pool.Tag(index);
        VType? t = (tag, wide) switch
        {
            (ConstantTag.Integer, false) => VType.Integer,
            (ConstantTag.Float, false) => VType.Float,
            (ConstantTag.String, false) => VType.Ref("java/lang/String"),
            (ConstantTag.Class, false) => VType.Ref("java/lang/Class"),
            (ConstantTag.MethodType, false) => VType.Ref("java/lang/invoke/MethodType"),
            (ConstantTag.MethodHandle, false) => VType.Ref("java/lang/invoke/MethodHandle"),
            (ConstantTag.Long, true) => VType.Long,
            (ConstantTag.Double, true) => VType.Double,
            (ConstantTag.Dynamic, _) => DynamicType(index, wide),
            _ => null,
        };
        return t ?? throw BadConstant(index);
    }

    private VType? DynamicType(int index, bool wide)
    {
        var (_, descriptor) = _pool.NameAndType(_pool.B(index));
        if (!Descriptors.IsFieldDescriptor(descriptor)) return null;
        var t = VType.OfDescriptor(descriptor);
        return t.IsCategory2 == wide ? t : null;
    }

    /// <summary>The loads, stores and iinc that name their local (by a byte, or two after wide).</summary>
    private void Local(byte op, int index)
    {
        switch (op)
        {
            case >= 0x15 and <= 0x18: Push(Load(index, Kinds[op - 0x15])); break;
            case 0x19: Push(Load(index, VType.Ref("java/lang/Object"))); break;
            case >= 0x36 and <= 0x39: Store(index, Pop(Kinds[op - 0x36])); break;
            case 0x3a: Store(index, PopReference()); break;
            case 0x84: Load(index, VType.Integer); break;
            default: throw BadCode($"Bad instruction: {op:x2}"); // wide ret
        }
    }
}
