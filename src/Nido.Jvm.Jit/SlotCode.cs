using System.Reflection.Emit;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jit;

/// <summary>CIL for moving values of a kind (I, J, F, D, R) in and out of <see cref="Slot"/>s, as the interpreter lays them out.</summary>
internal static class SlotCode
{
    /// <summary>
    /// Pushes the address of the thread's slot t.Stack[base + offset]: the thread is argument 1; the base is argument 2
    /// (the fp of a bridge or loop entry) or <paramref name="baseLocal"/>.
    /// </summary>
    public static void StackSlot(ILGenerator il, LocalBuilder? baseLocal, int offset)
    {
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Call, Handles.ThreadStack);
        if (baseLocal is null) il.Emit(OpCodes.Ldarg_2);
        else il.Emit(OpCodes.Ldloc, baseLocal);
        il.Emit(OpCodes.Ldc_I4, offset);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldelema, typeof(Slot));
    }

    /// <summary>With a Slot's address on the stack, loads the value of <paramref name="kind"/> it holds.</summary>
    public static void Load(ILGenerator il, char kind, bool isVolatile = false)
    {
        // volatile. keeps RyuJIT from hoisting the read out of a loop (a Java volatile read must see other threads' writes).
        if (isVolatile) il.Emit(OpCodes.Volatile);
        if (kind == 'R')
        {
            il.Emit(OpCodes.Ldfld, Handles.SlotR);
            return;
        }
        il.Emit(OpCodes.Ldfld, Handles.SlotP);
        switch (kind)
        {
            case 'I': il.Emit(OpCodes.Conv_I4); break;
            case 'F': il.Emit(OpCodes.Conv_I4); il.Emit(OpCodes.Call, Handles.IntToFloat); break;
            case 'D': il.Emit(OpCodes.Call, Handles.LongToDouble); break;
        }
    }

    /// <summary>With a Slot's address and then a value of <paramref name="kind"/> on the stack, stores the value.</summary>
    public static void Store(ILGenerator il, char kind, bool isVolatile = false)
    {
        if (kind != 'R')
        {
            switch (kind)
            {
                case 'I': il.Emit(OpCodes.Conv_I8); break;
                case 'F': il.Emit(OpCodes.Call, Handles.FloatToInt); il.Emit(OpCodes.Conv_I8); break;
                case 'D': il.Emit(OpCodes.Call, Handles.DoubleToLong); break;
            }
        }
        if (isVolatile) il.Emit(OpCodes.Volatile);
        il.Emit(OpCodes.Stfld, kind == 'R' ? Handles.SlotR : Handles.SlotP);
        // A Java volatile write is also ordered before later reads (StoreLoad), which volatile. alone does not give.
        if (isVolatile) il.Emit(OpCodes.Call, Handles.MemoryBarrier);
    }

    /// <summary>Pushes the zero value of <paramref name="kind"/> ('V': nothing).</summary>
    public static void Default(ILGenerator il, char kind)
    {
        switch (kind)
        {
            case 'I': il.Emit(OpCodes.Ldc_I4_0); break;
            case 'J': il.Emit(OpCodes.Ldc_I8, 0L); break;
            case 'F': il.Emit(OpCodes.Ldc_R4, 0f); break;
            case 'D': il.Emit(OpCodes.Ldc_R8, 0d); break;
            case 'R': il.Emit(OpCodes.Ldnull); break;
        }
    }

    /// <summary>A value of <paramref name="kind"/> on the stack becomes a Slot value ('V': nothing becomes an empty slot).</summary>
    public static void Pack(ILGenerator il, char kind)
    {
        var temp = il.DeclareLocal(typeof(Slot));
        LocalBuilder? value = null;
        if (kind != 'V')
        {
            value = il.DeclareLocal(Bytecode.ClrType(kind));
            il.Emit(OpCodes.Stloc, value);
        }
        il.Emit(OpCodes.Ldloca, temp);
        il.Emit(OpCodes.Initobj, typeof(Slot));
        if (value is not null)
        {
            il.Emit(OpCodes.Ldloca, temp);
            il.Emit(OpCodes.Ldloc, value);
            Store(il, kind);
        }
        il.Emit(OpCodes.Ldloc, temp);
    }
}
