using System.Reflection;
using System.Reflection.Emit;
using Nido.Jvm.Natives;

namespace Nido.Jvm.Jit;

/// <summary>
/// Calls of java.lang.Math and StrictMath methods compiled inline, as HotSpot's intrinsics: without this, Math.sqrt
/// in a hot loop is a call into the interpreter for the native StrictMath.sqrt. Each maps to the operation the
/// interpreter computes (exact ones, JavaMath's, or Math's own intrinsics such as exp for java.lang.Math only:
/// StrictMath's are fdlibm's), so a result keeps its bits when its caller gets compiled. java.* classes come only
/// from the boot loader, so the names are enough.
/// </summary>
internal sealed partial class MethodEmitter
{
    private static readonly Dictionary<(string Name, string Descriptor), MethodInfo> ExactMath = new()
    {
        [("sqrt", "(D)D")] = Handles.Of(typeof(Math), nameof(Math.Sqrt), typeof(double)),
        [("abs", "(D)D")] = Handles.Of(typeof(JavaMath), nameof(JavaMath.Abs), typeof(double)),
        [("abs", "(F)F")] = Handles.Of(typeof(JavaMath), nameof(JavaMath.Abs), typeof(float)),
        [("max", "(II)I")] = Handles.Of(typeof(Math), nameof(Math.Max), typeof(int), typeof(int)),
        [("min", "(II)I")] = Handles.Of(typeof(Math), nameof(Math.Min), typeof(int), typeof(int)),
        [("max", "(JJ)J")] = Handles.Of(typeof(Math), nameof(Math.Max), typeof(long), typeof(long)),
        [("min", "(JJ)J")] = Handles.Of(typeof(Math), nameof(Math.Min), typeof(long), typeof(long)),
        [("max", "(DD)D")] = Handles.Of(typeof(JavaMath), nameof(JavaMath.Max), typeof(double), typeof(double)),
        [("min", "(DD)D")] = Handles.Of(typeof(JavaMath), nameof(JavaMath.Min), typeof(double), typeof(double)),
        [("max", "(FF)F")] = Handles.Of(typeof(JavaMath), nameof(JavaMath.Max), typeof(float), typeof(float)),
        [("min", "(FF)F")] = Handles.Of(typeof(JavaMath), nameof(JavaMath.Min), typeof(float), typeof(float)),
        [("floor", "(D)D")] = Handles.Of(typeof(Math), nameof(Math.Floor), typeof(double)),
        [("ceil", "(D)D")] = Handles.Of(typeof(Math), nameof(Math.Ceiling), typeof(double)),
        [("rint", "(D)D")] = Handles.Of(typeof(JavaMath), nameof(JavaMath.Rint), typeof(double)),
        [("fma", "(DDD)D")] = Handles.Of(typeof(Math), nameof(Math.FusedMultiplyAdd), typeof(double), typeof(double), typeof(double)),
        [("fma", "(FFF)F")] = Handles.Of(typeof(MathF), nameof(MathF.FusedMultiplyAdd), typeof(float), typeof(float), typeof(float)),
    };

    /// <summary>java.lang.Math's own intrinsics (Natives/JavaLangMath.cs), not StrictMath's.</summary>
    private static readonly Dictionary<(string Name, string Descriptor), MethodInfo> MathOnly = new()
    {
        [("exp", "(D)D")] = Handles.Of(typeof(Math), nameof(Math.Exp), typeof(double)),
        [("log", "(D)D")] = Handles.Of(typeof(Math), nameof(Math.Log), typeof(double)),
        [("log10", "(D)D")] = Handles.Of(typeof(JavaMath), nameof(JavaMath.Log10), typeof(double)),
        [("sin", "(D)D")] = Handles.Of(typeof(Math), nameof(Math.Sin), typeof(double)),
        [("cos", "(D)D")] = Handles.Of(typeof(Math), nameof(Math.Cos), typeof(double)),
        [("tan", "(D)D")] = Handles.Of(typeof(Math), nameof(Math.Tan), typeof(double)),
        [("pow", "(DD)D")] = Handles.Of(typeof(JavaMath), nameof(JavaMath.Pow), typeof(double), typeof(double)),
    };

    /// <summary>System.arraycopy: tried inline first (CompiledSupport.ArrayCopy), called when that declines.</summary>
    private bool IsArrayCopy(int index) =>
        _pool.MemberRef(index) is ("java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V");

    /// <summary>Emits an invokestatic of a Math intrinsic inline; false when the call is not one.</summary>
    private bool TryIntrinsic(int index)
    {
        var (cls, name, descriptor) = _pool.MemberRef(index);
        if (cls is not ("java/lang/Math" or "java/lang/StrictMath")) return false;
        var parameters = Bytecode.Parameters(descriptor);
        var ret = Bytecode.ReturnKind(descriptor);
        if (name == "abs" && descriptor is "(I)I" or "(J)J")
        {
            // Two's complement: abs(MIN_VALUE) is MIN_VALUE (Math.Abs would throw).
            var wide = descriptor == "(J)J";
            var sign = _il.DeclareLocal(wide ? typeof(long) : typeof(int));
            Ld(0);
            _il.Emit(OpCodes.Ldc_I4, wide ? 63 : 31);
            _il.Emit(OpCodes.Shr);
            _il.Emit(OpCodes.Stloc, sign);
            Ld(0);
            _il.Emit(OpCodes.Ldloc, sign);
            _il.Emit(OpCodes.Xor);
            _il.Emit(OpCodes.Ldloc, sign);
            _il.Emit(OpCodes.Sub);
        }
        else if (ExactMath.TryGetValue((name, descriptor), out var method)
                 || (cls == "java/lang/Math" && MathOnly.TryGetValue((name, descriptor), out method)))
        {
            for (var i = parameters.Count - 1; i >= 0; i--) Ld(i);
            _il.Emit(OpCodes.Call, method);
        }
        else return false;
        Drop(parameters.Count);
        Push(ret);
        return true;
    }
}
