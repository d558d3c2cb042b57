using System.Reflection.Emit;
using Nido.Jvm.Compiled;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jit;

/// <summary>Allocation, arrays and type checks.</summary>
internal sealed partial class MethodEmitter
{
    private static readonly Type[] ElementTypes = [typeof(int), typeof(long), typeof(float), typeof(double), typeof(JObject), typeof(sbyte), typeof(char), typeof(short)];
    private static readonly OpCode[] ElementLoads = [OpCodes.Ldind_I4, OpCodes.Ldind_I8, OpCodes.Ldind_R4, OpCodes.Ldind_R8, OpCodes.Ldind_Ref, OpCodes.Ldind_I1, OpCodes.Ldind_U2, OpCodes.Ldind_I2];
    private static readonly OpCode[] ElementStores = [OpCodes.Stind_I4, OpCodes.Stind_I8, OpCodes.Stind_R4, OpCodes.Stind_R8, OpCodes.Stind_Ref, OpCodes.Stind_I1, OpCodes.Stind_I2, OpCodes.Stind_I2];
    private const string ElementKinds = "IJFDRIII";

    /// <summary>xaload: the element's address, checked by CompiledSupport.Element, then the element.</summary>
    private void ArrayLoad(byte op)
    {
        var e = op - 0x2e;
        CheckedElement(e, 1);
        Drop(2);
        _il.Emit(ElementLoads[e]);
        Push(ElementKinds[e]);
    }

    private void ArrayStore(byte op)
    {
        var e = op - 0x4f;
        if (op is 0x53 or 0x54)
        {
            // aastore (store check) and bastore (boolean arrays keep one bit) in CompiledSupport.
            LdThread();
            Ld(2);
            Ld(1);
            Ld(0);
            Drop(3);
            _il.Emit(OpCodes.Ldc_I4, _pc);
            _il.Emit(OpCodes.Call, Handles.Support(op == 0x53 ? nameof(CompiledSupport.StoreReference) : nameof(CompiledSupport.StoreByte)));
            return;
        }
        CheckedElement(e, 2);
        Ld(0);
        Drop(3);
        _il.Emit(ElementStores[e]);
    }

    /// <summary>The address of the element of the Java array <paramref name="arrayFromTop"/> below the top at the index above it, null- and bounds-checked.</summary>
    private void CheckedElement(int element, int arrayFromTop)
    {
        LdThread();
        Ld(arrayFromTop);
        Ld(arrayFromTop - 1);
        _il.Emit(OpCodes.Ldc_I4, _pc);
        _il.Emit(OpCodes.Call, Handles.Element(ElementTypes[element]));
    }

    private void New(int index)
    {
        RecordPc();
        if (_cls.Resolved[index] is JClass c && c.State == ClassState.Initialized && !c.IsInterface && !c.IsAbstract)
        {
            LdThread();
            LdK(c);
            if (!c.HasFinalizer && FieldStorage.SmallStorage(c.InstanceSlots) is { } storage)
            {
                _il.Emit(OpCodes.Ldc_I4, c.InstanceSlots);
                _il.Emit(OpCodes.Ldc_I4, _pc);
                _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.NewSmall)).MakeGenericMethod(storage));
            }
            else
            {
                _il.Emit(OpCodes.Ldc_I4, _pc);
                _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.NewObject)));
            }
        }
        else
        {
            CallResolving(nameof(CompiledSupport.New), index);
        }
        Push('R');
    }

    private void NewArray(byte op, int pc)
    {
        RecordPc();
        switch (op)
        {
            case 0xbc:
                LdThread();
                _il.Emit(OpCodes.Ldc_I4, (int)_bc[pc + 1]);
                Ld(0);
                Drop();
                _il.Emit(OpCodes.Ldc_I4, _pc);
                _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.NewPrimitiveArray)));
                break;
            case 0xbd:
                CallResolving(nameof(CompiledSupport.NewArray), Bytecode.U2(_bc, pc + 1), () => Ld(0));
                Drop();
                break;
            default:
            {
                int dims = _bc[pc + 3];
                var lengths = _il.DeclareLocal(typeof(int[]));
                _il.Emit(OpCodes.Ldc_I4, dims);
                _il.Emit(OpCodes.Newarr, typeof(int));
                _il.Emit(OpCodes.Stloc, lengths);
                for (var i = 0; i < dims; i++)
                {
                    _il.Emit(OpCodes.Ldloc, lengths);
                    _il.Emit(OpCodes.Ldc_I4, i);
                    Ld(dims - 1 - i);
                    _il.Emit(OpCodes.Stelem_I4);
                }
                Drop(dims);
                CallResolving(nameof(CompiledSupport.NewMultiArray), Bytecode.U2(_bc, pc + 1), () => _il.Emit(OpCodes.Ldloc, lengths));
                break;
            }
        }
        Push('R');
    }

    /// <summary>The class a checkcast/instanceof names: compiled in when resolved, else resolved at run time.</summary>
    private void LoadClass(int index)
    {
        if (_cls.Resolved[index] is JClass c)
        {
            LdK(c);
            return;
        }
        CallResolving(nameof(CompiledSupport.ResolveClass), index);
    }

    /// <summary>
    /// CompiledSupport.<paramref name="name"/>(thread, this class, constant-pool index, operands…, pc): the paths that
    /// resolve the constant at run time, as the interpreter does.
    /// </summary>
    private void CallResolving(string name, int index, Action? operands = null)
    {
        LdThread();
        LdK(_cls);
        _il.Emit(OpCodes.Ldc_I4, index);
        operands?.Invoke();
        _il.Emit(OpCodes.Ldc_I4, _pc);
        _il.Emit(OpCodes.Call, Handles.Support(name));
    }

    private void CheckCast(int index)
    {
        // null passes; the exact class passes without the subtype cache.
        var ok = _il.DefineLabel();
        Ld(0);
        _il.Emit(OpCodes.Brfalse, ok);
        var exact = _cls.Resolved[index] as JClass;
        if (exact is not null)
        {
            Ld(0);
            _il.Emit(OpCodes.Ldfld, Handles.ObjectClass);
            LdK(exact);
            _il.Emit(OpCodes.Beq, ok);
        }
        LdThread();
        Ld(0);
        LoadClass(index);
        _il.Emit(OpCodes.Ldc_I4, _pc);
        _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.CheckCast)));
        _il.Emit(OpCodes.Pop);
        _il.MarkLabel(ok);
    }

    private void InstanceOf(int index)
    {
        Ld(0);
        Drop();
        LoadClass(index);
        _il.Emit(OpCodes.Call, Handles.Support(nameof(CompiledSupport.InstanceOf)));
        Push('I');
    }
}
