using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Verifier.Inference;

/// <summary>
/// The static pass over every instruction, reachable or not, before the data flow: branch targets, switch tables,
/// constant-pool entry kinds, member names, local indexes, and which instructions touch a protected member.
/// </summary>
internal sealed partial class InferenceVerifier
{
    private void CheckOperands()
    {
        for (var pc = 0; pc < _code.Length; pc++)
            if (_starts[pc]) CheckOperands(pc);
    }

    private void CheckOperands(int pc)
    {
        var op = _code[pc];
        switch (op)
        {
            case (>= 0x99 and <= 0xa8) or 0xc6 or 0xc7: Target(pc + Instructions.S2(_code, pc + 1)); break;
            case 0xc8 or 0xc9: Target(pc + Instructions.S4(_code, pc + 1)); break;
            case 0xaa or 0xab: Switch(pc, op); break;
            case 0x12: Constant(_code[pc + 1], wide: false); break;
            case 0x13: Constant(U2(pc + 1), wide: false); break;
            case 0x14: Constant(U2(pc + 1), wide: true); break;
            case >= 0xb2 and <= 0xb5:
            {
                var index = U2(pc + 1);
                Expect(index, ConstantTag.FieldRef);
                if (op is 0xb4 or 0xb5) _protected[pc] = IsProtected(index, method: false);
                break;
            }
            case >= 0xb6 and <= 0xb9: Invoke(pc, op); break;
            case 0xba: throw Error("invokedynamic bytecode is not supported in this class file version");
            case 0xbb or 0xbd or 0xc0 or 0xc1 or 0xc5: ClassOperand(pc, op); break;
            case 0xbc:
                if (_code[pc + 1] is < 4 or > 11) throw Error("Bad type passed to newarray");
                break;
            case (>= 0x15 and <= 0x19) or (>= 0x36 and <= 0x3a) or 0x84 or 0xa9: LocalIndex(op, _code[pc + 1]); break;
            case >= 0x1a and <= 0x2d: LocalIndex((byte)(0x15 + (op - 0x1a) / 4), (op - 0x1a) % 4); break;
            case >= 0x3b and <= 0x4e: LocalIndex((byte)(0x36 + (op - 0x3b) / 4), (op - 0x3b) % 4); break;
            case 0xc4: LocalIndex(_code[pc + 1], U2(pc + 2)); break;
        }
    }

    private void Target(int target)
    {
        if (!IsStart(target)) throw Error("Illegal target of jump or branch");
    }

    private void Switch(int pc, int op)
    {
        var p = (pc + 4) & ~3;
        for (var i = pc + 1; i < p; i++)
            if (_code[i] != 0) throw Error("Non zero padding bytes in switch");
        var targets = new List<int>();
        if (op == 0xaa)
        {
            var count = unchecked(Instructions.S4(_code, p + 8) - Instructions.S4(_code, p + 4) + 1);
            for (var i = 0; i < count; i++) targets.Add(pc + Instructions.S4(_code, p + 12 + i * 4));
        }
        else
        {
            var pairs = Instructions.S4(_code, p + 4);
            for (var i = 1; i < pairs; i++)
                if (Instructions.S4(_code, p + 8 + i * 8) <= Instructions.S4(_code, p + i * 8)) throw Error("Unsorted lookup switch");
            for (var i = 0; i < pairs; i++) targets.Add(pc + Instructions.S4(_code, p + 12 + i * 8));
        }
        if (!IsStart(pc + Instructions.S4(_code, p))) throw Error("Illegal default target in switch");
        foreach (var t in targets)
            if (!IsStart(t)) throw Error("Illegal branch in tableswitch");
    }

    private void Expect(int index, params ConstantTag[] tags)
    {
        if (index <= 0 || index >= _pool.Count) throw Error("Illegal constant pool index");
        if (Array.IndexOf(tags, _pool.Tag(index)) < 0) throw Error("Illegal type in constant pool");
    }

    private void Constant(int index, bool wide)
    {
        if (wide) Expect(index, ConstantTag.Long, ConstantTag.Double);
        else if (_major >= 49) Expect(index, ConstantTag.Integer, ConstantTag.Float, ConstantTag.String, ConstantTag.Class);
        else Expect(index, ConstantTag.Integer, ConstantTag.Float, ConstantTag.String);
    }

    private void Invoke(int pc, int op)
    {
        var index = U2(pc + 1);
        Expect(index, op == 0xb9 ? ConstantTag.InterfaceMethodRef : ConstantTag.MethodRef);
        var (owner, name, descriptor) = _pool.MemberRef(index);
        if (name == "<init>")
        {
            if (op != 0xb7) throw Error("Must call initializers using invokespecial");
        }
        else if (name.StartsWith('<')) throw Error("Illegal call to internal method");
        else if (op == 0xb7 && owner != _self && !IsSuperclass(owner)) throw Error("Illegal use of nonvirtual function call");
        if (op == 0xb9)
        {
            if (_code[pc + 3] != Descriptors.ArgumentSlots(descriptor) + 1) throw Error("Inconsistent args_size for invokeinterface");
            if (_code[pc + 4] != 0) throw Error("Fourth operand byte of invokeinterface must be zero");
        }
        if (op is 0xb6 or 0xb7) _protected[pc] = IsProtected(index, method: true);
    }

    private bool IsSuperclass(string name)
    {
        for (var c = _cls.Super; c is not null; c = c.Super)
            if (c.Name == name) return true;
        return false;
    }

    /// <summary>
    /// JVMS 4.10.1.8, decided before the data flow as libverify does: the member's named class is a strict
    /// superclass, the first class up from there that declares it marks it protected, and that class is in another
    /// run-time package.
    /// </summary>
    private bool IsProtected(int index, bool method)
    {
        var (owner, name, descriptor) = _pool.MemberRef(index);
        JClass? named = null;
        for (var c = _cls.Super; c is not null; c = c.Super)
            if (c.Name == owner) { named = c; break; }
        for (var c = named; c is not null; c = c.Super)
        {
            var (found, flags) = method
                ? c.DeclaredMethod(name, descriptor) is { } m ? (true, m.Flags) : default
                : c.DeclaredField(name, descriptor) is { } f ? (true, f.Flags) : default;
            if (found) return (flags & AccessFlags.Protected) != 0 && !JavaVm.SameRuntimePackage(_cls, c);
        }
        return false;
    }

    private void ClassOperand(int pc, int op)
    {
        var index = U2(pc + 1);
        Expect(index, ConstantTag.Class);
        var name = _pool.ClassName(index);
        if (name[0] == '[' && !Descriptors.IsFieldDescriptor(name)) throw Error("Illegal type");
        var dims = 0;
        while (dims < name.Length && name[dims] == '[') dims++;
        switch (op)
        {
            case 0xbd when dims >= 255: throw Error("Array with too many dimensions");
            case 0xbb when dims > 0: throw Error("Illegal creation of multi-dimensional array");
            case 0xc5 when _code[pc + 3] == 0 || _code[pc + 3] > dims: throw Error("Illegal dimension argument");
        }
    }

    /// <summary>A local's index within max_locals (a long or double needs two).</summary>
    private void LocalIndex(byte op, int index)
    {
        var pair = op is 0x16 or 0x18 or 0x37 or 0x39;
        if (index + (pair ? 1 : 0) >= _maxLocals) throw Error("Illegal local variable number");
    }
}
