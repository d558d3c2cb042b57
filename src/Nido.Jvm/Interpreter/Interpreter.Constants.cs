using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm;

public static partial class Interpreter
{
    /// <summary>ldc, ldc_w and ldc2_w: numbers directly; strings, classes, method types/handles and dynamic constants resolved once.</summary>
    internal static void LoadConstant(JThread t, JClass cls, int index, Slot[] s, ref int sp)
    {
        var pool = cls.File!.Pool;
        switch (pool.Tag(index))
        {
            case ConstantTag.Integer: s[sp++].P = pool.Integer(index); return;
            case ConstantTag.Float: s[sp++].F = pool.Float(index); return;
            case ConstantTag.Long: s[sp].P = pool.Long(index); sp += 2; return;
            case ConstantTag.Double: s[sp].D = pool.Double(index); sp += 2; return;
            case ConstantTag.String:
                if (cls.Resolved[index] is not JObject str) cls.Resolved[index] = str = t.Vm.Intern(pool.String(index));
                s[sp++].R = str;
                return;
            case ConstantTag.Class:
                s[sp++].R = t.Vm.Mirror(ResolveClass(t, cls, index));
                return;
            case ConstantTag.MethodType or ConstantTag.MethodHandle:
                if (cls.Resolved[index] is not JObject o) cls.Resolved[index] = o = MethodHandles.ResolveConstant(t, cls, index);
                s[sp++].R = o;
                return;
            case ConstantTag.Dynamic:
                var value = MethodHandles.ResolveDynamicConstant(t, cls, index);
                var kind = pool.NameAndType(pool.B(index)).Descriptor[0];
                if (kind is 'J' or 'D') { s[sp] = value; sp += 2; }
                else s[sp++] = value;
                return;
            default:
                throw t.Vm.Throw("java/lang/VerifyError", $"ldc of constant pool entry {index} ({pool.Tag(index)}) in {cls.JavaName}");
        }
    }
}
