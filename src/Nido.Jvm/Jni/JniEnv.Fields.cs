using System.Runtime.InteropServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jni;

// GetFieldID, GetStaticFieldID and the field accessors. As with calls, the field's descriptor says how to convert,
// so the integer-class getters and setters of every type share one entry; float and double have their own because
// they travel in vector registers.
internal static unsafe partial class JniEnv
{
    private static void FillFields(nint* t)
    {
        t[94] = (nint)(delegate* unmanaged<nint, nint, byte*, byte*, nint>)&GetFieldID;
        t[144] = (nint)(delegate* unmanaged<nint, nint, byte*, byte*, nint>)&GetStaticFieldID;
        for (var i = 0; i < 7; i++)
        {
            t[95 + i] = (nint)(delegate* unmanaged<nint, nint, nint, long>)&GetField;
            t[104 + i] = (nint)(delegate* unmanaged<nint, nint, nint, long, void>)&SetField;
            t[145 + i] = (nint)(delegate* unmanaged<nint, nint, nint, long>)&GetStaticField;
            t[154 + i] = (nint)(delegate* unmanaged<nint, nint, nint, long, void>)&SetStaticField;
        }
        t[102] = (nint)(delegate* unmanaged<nint, nint, nint, float>)&GetFloatField;
        t[103] = (nint)(delegate* unmanaged<nint, nint, nint, double>)&GetDoubleField;
        t[111] = (nint)(delegate* unmanaged<nint, nint, nint, float, void>)&SetFloatField;
        t[112] = (nint)(delegate* unmanaged<nint, nint, nint, double, void>)&SetDoubleField;
        t[152] = (nint)(delegate* unmanaged<nint, nint, nint, float>)&GetStaticFloatField;
        t[153] = (nint)(delegate* unmanaged<nint, nint, nint, double>)&GetStaticDoubleField;
        t[161] = (nint)(delegate* unmanaged<nint, nint, nint, float, void>)&SetStaticFloatField;
        t[162] = (nint)(delegate* unmanaged<nint, nint, nint, double, void>)&SetStaticDoubleField;
    }

    [UnmanagedCallersOnly]
    private static nint GetFieldID(nint env, nint clazz, byte* name, byte* sig)
    {
        try { return JniRefs.FieldId(FindField(ClassOf(clazz), Utf8(name, "name"), Utf8(sig, "signature"), isStatic: false)); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint GetStaticFieldID(nint env, nint clazz, byte* name, byte* sig)
    {
        try { return JniRefs.FieldId(FindField(ClassOf(clazz), Utf8(name, "name"), Utf8(sig, "signature"), isStatic: true)); }
        catch (Exception e) { Raise(e); return 0; }
    }

    private static JField FindField(JClass c, string name, string sig, bool isStatic)
    {
        var t = Thread;
        t.Vm.EnsureInitialized(t, c);
        return Lookup(c, name, sig, isStatic) ?? throw t.Vm.Throw("java/lang/NoSuchFieldError", name);
    }

    /// <summary>As HotSpot's find_field with a kind: fields of the other kind are skipped; only static lookups search superinterfaces.</summary>
    private static JField? Lookup(JClass c, string name, string sig, bool isStatic)
    {
        if (c.DeclaredField(name, sig) is { } f && f.IsStatic == isStatic) return f;
        if (isStatic)
            foreach (var i in c.Interfaces)
                if (Lookup(i, name, sig, true) is { } g) return g;
        return c.Super is { } super ? Lookup(super, name, sig, isStatic) : null;
    }

    /// <summary>The slot a jfieldID names: in the object for instance fields, in the declaring class for statics.</summary>
    private static ref Slot FieldSlot(nint target, nint fid, bool isStatic)
    {
        var f = JniRefs.Field(fid);
        if (isStatic) return ref f.Owner.Statics[f.Slot];
        return ref NonNull(target, "object").Fields[f.Slot];
    }

    /// <summary>A native value stored as Java keeps it: small ints narrowed by their type, local refs resolved.</summary>
    internal static Slot FromNative(char kind, long v) => kind switch
    {
        'Z' => Slot.OfBool((byte)v != 0),
        'B' => Slot.OfInt((sbyte)v),
        'C' => Slot.OfInt((ushort)v),
        'S' => Slot.OfInt((short)v),
        'I' => Slot.OfInt((int)v),
        'L' or '[' => Slot.OfRef(JniRefs.Resolve((nint)v)),
        _ => Slot.OfLong(v),
    };

    private static long Get(nint target, nint fid, bool isStatic)
    {
        try { return ToNative(JniRefs.Field(fid).Descriptor[0], FieldSlot(target, fid, isStatic)); }
        catch (Exception e) { Raise(e); return 0; }
    }

    private static void Set(nint target, nint fid, bool isStatic, long value)
    {
        try
        {
            var f = JniRefs.Field(fid);
            // HotSpot stores only a jboolean's low bit into a boolean field.
            var slot = f.Descriptor[0] == 'Z' ? Slot.OfBool((value & 1) != 0) : FromNative(f.Descriptor[0], value);
            if (slot.R is { } o && !o.Class.IsSubtypeOf(Thread.Vm.ClassForDescriptor(f.Descriptor, f.Owner.Loader) ?? o.Class))
                throw Thread.Vm.Throw("java/lang/ClassCastException", $"{o.Class.JavaName} stored into field {f.Owner.JavaName}.{f.Name}");
            FieldSlot(target, fid, isStatic) = slot;
        }
        catch (Exception e) { Raise(e); }
    }

    [UnmanagedCallersOnly] private static long GetField(nint env, nint obj, nint fid) => Get(obj, fid, false);
    [UnmanagedCallersOnly] private static long GetStaticField(nint env, nint clazz, nint fid) => Get(clazz, fid, true);
    [UnmanagedCallersOnly] private static float GetFloatField(nint env, nint obj, nint fid) => BitConverter.Int32BitsToSingle((int)Get(obj, fid, false));
    [UnmanagedCallersOnly] private static float GetStaticFloatField(nint env, nint clazz, nint fid) => BitConverter.Int32BitsToSingle((int)Get(clazz, fid, true));
    [UnmanagedCallersOnly] private static double GetDoubleField(nint env, nint obj, nint fid) => BitConverter.Int64BitsToDouble(Get(obj, fid, false));
    [UnmanagedCallersOnly] private static double GetStaticDoubleField(nint env, nint clazz, nint fid) => BitConverter.Int64BitsToDouble(Get(clazz, fid, true));
    [UnmanagedCallersOnly] private static void SetField(nint env, nint obj, nint fid, long value) => Set(obj, fid, false, value);
    [UnmanagedCallersOnly] private static void SetStaticField(nint env, nint clazz, nint fid, long value) => Set(clazz, fid, true, value);
    [UnmanagedCallersOnly] private static void SetFloatField(nint env, nint obj, nint fid, float value) => Set(obj, fid, false, BitConverter.SingleToInt32Bits(value));
    [UnmanagedCallersOnly] private static void SetStaticFloatField(nint env, nint clazz, nint fid, float value) => Set(clazz, fid, true, BitConverter.SingleToInt32Bits(value));
    [UnmanagedCallersOnly] private static void SetDoubleField(nint env, nint obj, nint fid, double value) => Set(obj, fid, false, BitConverter.DoubleToInt64Bits(value));
    [UnmanagedCallersOnly] private static void SetStaticDoubleField(nint env, nint clazz, nint fid, double value) => Set(clazz, fid, true, BitConverter.DoubleToInt64Bits(value));
}
