using System.Runtime.InteropServices;

namespace Nido.Jvm.Jni;

// Call<Type>Method, CallNonvirtual<Type>Method, CallStatic<Type>Method and NewObject in their three forms. The
// result's ABI class is all that differs between the types (integer register, float or double in xmm0), and the
// method's own descriptor says how to convert, so one entry per form and class serves every <Type>. The "..." forms
// are declared with the six integer and eight vector registers and 16 stack words a variadic caller may have used,
// and re-read as a va_list (System V AMD64), so they share the V forms' decoding.
internal static unsafe partial class JniEnv
{
    [UnmanagedCallersOnly]
    private static long CallMethodI(nint env, nint obj, nint mid, long g3, long g4, long g5, double x0, double x1, double x2, double x3, double x4, double x5, double x6, double x7, long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7, long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15)
    {
        var save = stackalloc long[VaList.SaveAreaBytes / 8];
        save[3] = g3;
        save[4] = g4;
        save[5] = g5;
        save[6] = BitConverter.DoubleToInt64Bits(x0); save[8] = BitConverter.DoubleToInt64Bits(x1); save[10] = BitConverter.DoubleToInt64Bits(x2); save[12] = BitConverter.DoubleToInt64Bits(x3);
        save[14] = BitConverter.DoubleToInt64Bits(x4); save[16] = BitConverter.DoubleToInt64Bits(x5); save[18] = BitConverter.DoubleToInt64Bits(x6); save[20] = BitConverter.DoubleToInt64Bits(x7);
        var stack = stackalloc long[] { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15 };
        var ap = new VaList { GpOffset = 24, FpOffset = VaList.GprBytes, Overflow = (byte*)stack, OverflowEnd = (byte*)(stack + 16), RegisterSave = (byte*)save };
        var raw = Invoke(Dispatch.Virtual, obj, 0, mid, JniArgs.From(&ap));
        return raw;
    }

    [UnmanagedCallersOnly]
    private static long CallMethodVI(nint env, nint obj, nint mid, VaList* ap)
    {
        var raw = Invoke(Dispatch.Virtual, obj, 0, mid, JniArgs.From(ap));
        return raw;
    }

    [UnmanagedCallersOnly]
    private static long CallMethodAI(nint env, nint obj, nint mid, byte* args)
    {
        var raw = Invoke(Dispatch.Virtual, obj, 0, mid, JniArgs.From(args));
        return raw;
    }

    [UnmanagedCallersOnly]
    private static float CallMethodF(nint env, nint obj, nint mid, long g3, long g4, long g5, double x0, double x1, double x2, double x3, double x4, double x5, double x6, double x7, long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7, long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15)
    {
        var save = stackalloc long[VaList.SaveAreaBytes / 8];
        save[3] = g3;
        save[4] = g4;
        save[5] = g5;
        save[6] = BitConverter.DoubleToInt64Bits(x0); save[8] = BitConverter.DoubleToInt64Bits(x1); save[10] = BitConverter.DoubleToInt64Bits(x2); save[12] = BitConverter.DoubleToInt64Bits(x3);
        save[14] = BitConverter.DoubleToInt64Bits(x4); save[16] = BitConverter.DoubleToInt64Bits(x5); save[18] = BitConverter.DoubleToInt64Bits(x6); save[20] = BitConverter.DoubleToInt64Bits(x7);
        var stack = stackalloc long[] { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15 };
        var ap = new VaList { GpOffset = 24, FpOffset = VaList.GprBytes, Overflow = (byte*)stack, OverflowEnd = (byte*)(stack + 16), RegisterSave = (byte*)save };
        var raw = Invoke(Dispatch.Virtual, obj, 0, mid, JniArgs.From(&ap));
        return BitConverter.Int32BitsToSingle((int)raw);
    }

    [UnmanagedCallersOnly]
    private static float CallMethodVF(nint env, nint obj, nint mid, VaList* ap)
    {
        var raw = Invoke(Dispatch.Virtual, obj, 0, mid, JniArgs.From(ap));
        return BitConverter.Int32BitsToSingle((int)raw);
    }

    [UnmanagedCallersOnly]
    private static float CallMethodAF(nint env, nint obj, nint mid, byte* args)
    {
        var raw = Invoke(Dispatch.Virtual, obj, 0, mid, JniArgs.From(args));
        return BitConverter.Int32BitsToSingle((int)raw);
    }

    [UnmanagedCallersOnly]
    private static double CallMethodD(nint env, nint obj, nint mid, long g3, long g4, long g5, double x0, double x1, double x2, double x3, double x4, double x5, double x6, double x7, long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7, long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15)
    {
        var save = stackalloc long[VaList.SaveAreaBytes / 8];
        save[3] = g3;
        save[4] = g4;
        save[5] = g5;
        save[6] = BitConverter.DoubleToInt64Bits(x0); save[8] = BitConverter.DoubleToInt64Bits(x1); save[10] = BitConverter.DoubleToInt64Bits(x2); save[12] = BitConverter.DoubleToInt64Bits(x3);
        save[14] = BitConverter.DoubleToInt64Bits(x4); save[16] = BitConverter.DoubleToInt64Bits(x5); save[18] = BitConverter.DoubleToInt64Bits(x6); save[20] = BitConverter.DoubleToInt64Bits(x7);
        var stack = stackalloc long[] { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15 };
        var ap = new VaList { GpOffset = 24, FpOffset = VaList.GprBytes, Overflow = (byte*)stack, OverflowEnd = (byte*)(stack + 16), RegisterSave = (byte*)save };
        var raw = Invoke(Dispatch.Virtual, obj, 0, mid, JniArgs.From(&ap));
        return BitConverter.Int64BitsToDouble(raw);
    }

    [UnmanagedCallersOnly]
    private static double CallMethodVD(nint env, nint obj, nint mid, VaList* ap)
    {
        var raw = Invoke(Dispatch.Virtual, obj, 0, mid, JniArgs.From(ap));
        return BitConverter.Int64BitsToDouble(raw);
    }

    [UnmanagedCallersOnly]
    private static double CallMethodAD(nint env, nint obj, nint mid, byte* args)
    {
        var raw = Invoke(Dispatch.Virtual, obj, 0, mid, JniArgs.From(args));
        return BitConverter.Int64BitsToDouble(raw);
    }

    [UnmanagedCallersOnly]
    private static long CallNonvirtualMethodI(nint env, nint obj, nint clazz, nint mid, long g4, long g5, double x0, double x1, double x2, double x3, double x4, double x5, double x6, double x7, long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7, long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15)
    {
        var save = stackalloc long[VaList.SaveAreaBytes / 8];
        save[4] = g4;
        save[5] = g5;
        save[6] = BitConverter.DoubleToInt64Bits(x0); save[8] = BitConverter.DoubleToInt64Bits(x1); save[10] = BitConverter.DoubleToInt64Bits(x2); save[12] = BitConverter.DoubleToInt64Bits(x3);
        save[14] = BitConverter.DoubleToInt64Bits(x4); save[16] = BitConverter.DoubleToInt64Bits(x5); save[18] = BitConverter.DoubleToInt64Bits(x6); save[20] = BitConverter.DoubleToInt64Bits(x7);
        var stack = stackalloc long[] { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15 };
        var ap = new VaList { GpOffset = 32, FpOffset = VaList.GprBytes, Overflow = (byte*)stack, OverflowEnd = (byte*)(stack + 16), RegisterSave = (byte*)save };
        var raw = Invoke(Dispatch.Nonvirtual, obj, clazz, mid, JniArgs.From(&ap));
        return raw;
    }

    [UnmanagedCallersOnly]
    private static long CallNonvirtualMethodVI(nint env, nint obj, nint clazz, nint mid, VaList* ap)
    {
        var raw = Invoke(Dispatch.Nonvirtual, obj, clazz, mid, JniArgs.From(ap));
        return raw;
    }

    [UnmanagedCallersOnly]
    private static long CallNonvirtualMethodAI(nint env, nint obj, nint clazz, nint mid, byte* args)
    {
        var raw = Invoke(Dispatch.Nonvirtual, obj, clazz, mid, JniArgs.From(args));
        return raw;
    }

    [UnmanagedCallersOnly]
    private static float CallNonvirtualMethodF(nint env, nint obj, nint clazz, nint mid, long g4, long g5, double x0, double x1, double x2, double x3, double x4, double x5, double x6, double x7, long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7, long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15)
    {
        var save = stackalloc long[VaList.SaveAreaBytes / 8];
        save[4] = g4;
        save[5] = g5;
        save[6] = BitConverter.DoubleToInt64Bits(x0); save[8] = BitConverter.DoubleToInt64Bits(x1); save[10] = BitConverter.DoubleToInt64Bits(x2); save[12] = BitConverter.DoubleToInt64Bits(x3);
        save[14] = BitConverter.DoubleToInt64Bits(x4); save[16] = BitConverter.DoubleToInt64Bits(x5); save[18] = BitConverter.DoubleToInt64Bits(x6); save[20] = BitConverter.DoubleToInt64Bits(x7);
        var stack = stackalloc long[] { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15 };
        var ap = new VaList { GpOffset = 32, FpOffset = VaList.GprBytes, Overflow = (byte*)stack, OverflowEnd = (byte*)(stack + 16), RegisterSave = (byte*)save };
        var raw = Invoke(Dispatch.Nonvirtual, obj, clazz, mid, JniArgs.From(&ap));
        return BitConverter.Int32BitsToSingle((int)raw);
    }

    [UnmanagedCallersOnly]
    private static float CallNonvirtualMethodVF(nint env, nint obj, nint clazz, nint mid, VaList* ap)
    {
        var raw = Invoke(Dispatch.Nonvirtual, obj, clazz, mid, JniArgs.From(ap));
        return BitConverter.Int32BitsToSingle((int)raw);
    }

    [UnmanagedCallersOnly]
    private static float CallNonvirtualMethodAF(nint env, nint obj, nint clazz, nint mid, byte* args)
    {
        var raw = Invoke(Dispatch.Nonvirtual, obj, clazz, mid, JniArgs.From(args));
        return BitConverter.Int32BitsToSingle((int)raw);
    }

    [UnmanagedCallersOnly]
    private static double CallNonvirtualMethodD(nint env, nint obj, nint clazz, nint mid, long g4, long g5, double x0, double x1, double x2, double x3, double x4, double x5, double x6, double x7, long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7, long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15)
    {
        var save = stackalloc long[VaList.SaveAreaBytes / 8];
        save[4] = g4;
        save[5] = g5;
        save[6] = BitConverter.DoubleToInt64Bits(x0); save[8] = BitConverter.DoubleToInt64Bits(x1); save[10] = BitConverter.DoubleToInt64Bits(x2); save[12] = BitConverter.DoubleToInt64Bits(x3);
        save[14] = BitConverter.DoubleToInt64Bits(x4); save[16] = BitConverter.DoubleToInt64Bits(x5); save[18] = BitConverter.DoubleToInt64Bits(x6); save[20] = BitConverter.DoubleToInt64Bits(x7);
        var stack = stackalloc long[] { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15 };
        var ap = new VaList { GpOffset = 32, FpOffset = VaList.GprBytes, Overflow = (byte*)stack, OverflowEnd = (byte*)(stack + 16), RegisterSave = (byte*)save };
        var raw = Invoke(Dispatch.Nonvirtual, obj, clazz, mid, JniArgs.From(&ap));
        return BitConverter.Int64BitsToDouble(raw);
    }

    [UnmanagedCallersOnly]
    private static double CallNonvirtualMethodVD(nint env, nint obj, nint clazz, nint mid, VaList* ap)
    {
        var raw = Invoke(Dispatch.Nonvirtual, obj, clazz, mid, JniArgs.From(ap));
        return BitConverter.Int64BitsToDouble(raw);
    }

    [UnmanagedCallersOnly]
    private static double CallNonvirtualMethodAD(nint env, nint obj, nint clazz, nint mid, byte* args)
    {
        var raw = Invoke(Dispatch.Nonvirtual, obj, clazz, mid, JniArgs.From(args));
        return BitConverter.Int64BitsToDouble(raw);
    }

    [UnmanagedCallersOnly]
    private static long CallStaticMethodI(nint env, nint clazz, nint mid, long g3, long g4, long g5, double x0, double x1, double x2, double x3, double x4, double x5, double x6, double x7, long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7, long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15)
    {
        var save = stackalloc long[VaList.SaveAreaBytes / 8];
        save[3] = g3;
        save[4] = g4;
        save[5] = g5;
        save[6] = BitConverter.DoubleToInt64Bits(x0); save[8] = BitConverter.DoubleToInt64Bits(x1); save[10] = BitConverter.DoubleToInt64Bits(x2); save[12] = BitConverter.DoubleToInt64Bits(x3);
        save[14] = BitConverter.DoubleToInt64Bits(x4); save[16] = BitConverter.DoubleToInt64Bits(x5); save[18] = BitConverter.DoubleToInt64Bits(x6); save[20] = BitConverter.DoubleToInt64Bits(x7);
        var stack = stackalloc long[] { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15 };
        var ap = new VaList { GpOffset = 24, FpOffset = VaList.GprBytes, Overflow = (byte*)stack, OverflowEnd = (byte*)(stack + 16), RegisterSave = (byte*)save };
        var raw = Invoke(Dispatch.Static, clazz, 0, mid, JniArgs.From(&ap));
        return raw;
    }

    [UnmanagedCallersOnly]
    private static long CallStaticMethodVI(nint env, nint clazz, nint mid, VaList* ap)
    {
        var raw = Invoke(Dispatch.Static, clazz, 0, mid, JniArgs.From(ap));
        return raw;
    }

    [UnmanagedCallersOnly]
    private static long CallStaticMethodAI(nint env, nint clazz, nint mid, byte* args)
    {
        var raw = Invoke(Dispatch.Static, clazz, 0, mid, JniArgs.From(args));
        return raw;
    }

    [UnmanagedCallersOnly]
    private static float CallStaticMethodF(nint env, nint clazz, nint mid, long g3, long g4, long g5, double x0, double x1, double x2, double x3, double x4, double x5, double x6, double x7, long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7, long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15)
    {
        var save = stackalloc long[VaList.SaveAreaBytes / 8];
        save[3] = g3;
        save[4] = g4;
        save[5] = g5;
        save[6] = BitConverter.DoubleToInt64Bits(x0); save[8] = BitConverter.DoubleToInt64Bits(x1); save[10] = BitConverter.DoubleToInt64Bits(x2); save[12] = BitConverter.DoubleToInt64Bits(x3);
        save[14] = BitConverter.DoubleToInt64Bits(x4); save[16] = BitConverter.DoubleToInt64Bits(x5); save[18] = BitConverter.DoubleToInt64Bits(x6); save[20] = BitConverter.DoubleToInt64Bits(x7);
        var stack = stackalloc long[] { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15 };
        var ap = new VaList { GpOffset = 24, FpOffset = VaList.GprBytes, Overflow = (byte*)stack, OverflowEnd = (byte*)(stack + 16), RegisterSave = (byte*)save };
        var raw = Invoke(Dispatch.Static, clazz, 0, mid, JniArgs.From(&ap));
        return BitConverter.Int32BitsToSingle((int)raw);
    }

    [UnmanagedCallersOnly]
    private static float CallStaticMethodVF(nint env, nint clazz, nint mid, VaList* ap)
    {
        var raw = Invoke(Dispatch.Static, clazz, 0, mid, JniArgs.From(ap));
        return BitConverter.Int32BitsToSingle((int)raw);
    }

    [UnmanagedCallersOnly]
    private static float CallStaticMethodAF(nint env, nint clazz, nint mid, byte* args)
    {
        var raw = Invoke(Dispatch.Static, clazz, 0, mid, JniArgs.From(args));
        return BitConverter.Int32BitsToSingle((int)raw);
    }

    [UnmanagedCallersOnly]
    private static double CallStaticMethodD(nint env, nint clazz, nint mid, long g3, long g4, long g5, double x0, double x1, double x2, double x3, double x4, double x5, double x6, double x7, long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7, long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15)
    {
        var save = stackalloc long[VaList.SaveAreaBytes / 8];
        save[3] = g3;
        save[4] = g4;
        save[5] = g5;
        save[6] = BitConverter.DoubleToInt64Bits(x0); save[8] = BitConverter.DoubleToInt64Bits(x1); save[10] = BitConverter.DoubleToInt64Bits(x2); save[12] = BitConverter.DoubleToInt64Bits(x3);
        save[14] = BitConverter.DoubleToInt64Bits(x4); save[16] = BitConverter.DoubleToInt64Bits(x5); save[18] = BitConverter.DoubleToInt64Bits(x6); save[20] = BitConverter.DoubleToInt64Bits(x7);
        var stack = stackalloc long[] { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15 };
        var ap = new VaList { GpOffset = 24, FpOffset = VaList.GprBytes, Overflow = (byte*)stack, OverflowEnd = (byte*)(stack + 16), RegisterSave = (byte*)save };
        var raw = Invoke(Dispatch.Static, clazz, 0, mid, JniArgs.From(&ap));
        return BitConverter.Int64BitsToDouble(raw);
    }

    [UnmanagedCallersOnly]
    private static double CallStaticMethodVD(nint env, nint clazz, nint mid, VaList* ap)
    {
        var raw = Invoke(Dispatch.Static, clazz, 0, mid, JniArgs.From(ap));
        return BitConverter.Int64BitsToDouble(raw);
    }

    [UnmanagedCallersOnly]
    private static double CallStaticMethodAD(nint env, nint clazz, nint mid, byte* args)
    {
        var raw = Invoke(Dispatch.Static, clazz, 0, mid, JniArgs.From(args));
        return BitConverter.Int64BitsToDouble(raw);
    }

    [UnmanagedCallersOnly]
    private static long NewObject(nint env, nint clazz, nint mid, long g3, long g4, long g5, double x0, double x1, double x2, double x3, double x4, double x5, double x6, double x7, long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7, long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15)
    {
        var save = stackalloc long[VaList.SaveAreaBytes / 8];
        save[3] = g3;
        save[4] = g4;
        save[5] = g5;
        save[6] = BitConverter.DoubleToInt64Bits(x0); save[8] = BitConverter.DoubleToInt64Bits(x1); save[10] = BitConverter.DoubleToInt64Bits(x2); save[12] = BitConverter.DoubleToInt64Bits(x3);
        save[14] = BitConverter.DoubleToInt64Bits(x4); save[16] = BitConverter.DoubleToInt64Bits(x5); save[18] = BitConverter.DoubleToInt64Bits(x6); save[20] = BitConverter.DoubleToInt64Bits(x7);
        var stack = stackalloc long[] { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15 };
        var ap = new VaList { GpOffset = 24, FpOffset = VaList.GprBytes, Overflow = (byte*)stack, OverflowEnd = (byte*)(stack + 16), RegisterSave = (byte*)save };
        var raw = Invoke(Dispatch.NewObject, clazz, 0, mid, JniArgs.From(&ap));
        return raw;
    }

    [UnmanagedCallersOnly]
    private static long NewObjectV(nint env, nint clazz, nint mid, VaList* ap)
    {
        var raw = Invoke(Dispatch.NewObject, clazz, 0, mid, JniArgs.From(ap));
        return raw;
    }

    [UnmanagedCallersOnly]
    private static long NewObjectA(nint env, nint clazz, nint mid, byte* args)
    {
        var raw = Invoke(Dispatch.NewObject, clazz, 0, mid, JniArgs.From(args));
        return raw;
    }

    private static void FillCalls(nint* t)
    {
        t[34] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallMethodI; // CallObjectMethod
        t[35] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallMethodVI; // CallObjectMethodV
        t[36] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallMethodAI; // CallObjectMethodA
        t[37] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallMethodI; // CallBooleanMethod
        t[38] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallMethodVI; // CallBooleanMethodV
        t[39] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallMethodAI; // CallBooleanMethodA
        t[40] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallMethodI; // CallByteMethod
        t[41] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallMethodVI; // CallByteMethodV
        t[42] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallMethodAI; // CallByteMethodA
        t[43] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallMethodI; // CallCharMethod
        t[44] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallMethodVI; // CallCharMethodV
        t[45] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallMethodAI; // CallCharMethodA
        t[46] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallMethodI; // CallShortMethod
        t[47] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallMethodVI; // CallShortMethodV
        t[48] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallMethodAI; // CallShortMethodA
        t[49] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallMethodI; // CallIntMethod
        t[50] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallMethodVI; // CallIntMethodV
        t[51] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallMethodAI; // CallIntMethodA
        t[52] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallMethodI; // CallLongMethod
        t[53] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallMethodVI; // CallLongMethodV
        t[54] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallMethodAI; // CallLongMethodA
        t[55] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, float>)&CallMethodF; // CallFloatMethod
        t[56] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, float>)&CallMethodVF; // CallFloatMethodV
        t[57] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, float>)&CallMethodAF; // CallFloatMethodA
        t[58] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, double>)&CallMethodD; // CallDoubleMethod
        t[59] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, double>)&CallMethodVD; // CallDoubleMethodV
        t[60] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, double>)&CallMethodAD; // CallDoubleMethodA
        t[61] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallMethodI; // CallVoidMethod
        t[62] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallMethodVI; // CallVoidMethodV
        t[63] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallMethodAI; // CallVoidMethodA
        t[64] = (nint)(delegate* unmanaged<nint, nint, nint, nint, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallNonvirtualMethodI; // CallNonvirtualObjectMethod
        t[65] = (nint)(delegate* unmanaged<nint, nint, nint, nint, VaList*, long>)&CallNonvirtualMethodVI; // CallNonvirtualObjectMethodV
        t[66] = (nint)(delegate* unmanaged<nint, nint, nint, nint, byte*, long>)&CallNonvirtualMethodAI; // CallNonvirtualObjectMethodA
        t[67] = (nint)(delegate* unmanaged<nint, nint, nint, nint, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallNonvirtualMethodI; // CallNonvirtualBooleanMethod
        t[68] = (nint)(delegate* unmanaged<nint, nint, nint, nint, VaList*, long>)&CallNonvirtualMethodVI; // CallNonvirtualBooleanMethodV
        t[69] = (nint)(delegate* unmanaged<nint, nint, nint, nint, byte*, long>)&CallNonvirtualMethodAI; // CallNonvirtualBooleanMethodA
        t[70] = (nint)(delegate* unmanaged<nint, nint, nint, nint, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallNonvirtualMethodI; // CallNonvirtualByteMethod
        t[71] = (nint)(delegate* unmanaged<nint, nint, nint, nint, VaList*, long>)&CallNonvirtualMethodVI; // CallNonvirtualByteMethodV
        t[72] = (nint)(delegate* unmanaged<nint, nint, nint, nint, byte*, long>)&CallNonvirtualMethodAI; // CallNonvirtualByteMethodA
        t[73] = (nint)(delegate* unmanaged<nint, nint, nint, nint, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallNonvirtualMethodI; // CallNonvirtualCharMethod
        t[74] = (nint)(delegate* unmanaged<nint, nint, nint, nint, VaList*, long>)&CallNonvirtualMethodVI; // CallNonvirtualCharMethodV
        t[75] = (nint)(delegate* unmanaged<nint, nint, nint, nint, byte*, long>)&CallNonvirtualMethodAI; // CallNonvirtualCharMethodA
        t[76] = (nint)(delegate* unmanaged<nint, nint, nint, nint, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallNonvirtualMethodI; // CallNonvirtualShortMethod
        t[77] = (nint)(delegate* unmanaged<nint, nint, nint, nint, VaList*, long>)&CallNonvirtualMethodVI; // CallNonvirtualShortMethodV
        t[78] = (nint)(delegate* unmanaged<nint, nint, nint, nint, byte*, long>)&CallNonvirtualMethodAI; // CallNonvirtualShortMethodA
        t[79] = (nint)(delegate* unmanaged<nint, nint, nint, nint, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallNonvirtualMethodI; // CallNonvirtualIntMethod
        t[80] = (nint)(delegate* unmanaged<nint, nint, nint, nint, VaList*, long>)&CallNonvirtualMethodVI; // CallNonvirtualIntMethodV
        t[81] = (nint)(delegate* unmanaged<nint, nint, nint, nint, byte*, long>)&CallNonvirtualMethodAI; // CallNonvirtualIntMethodA
        t[82] = (nint)(delegate* unmanaged<nint, nint, nint, nint, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallNonvirtualMethodI; // CallNonvirtualLongMethod
        t[83] = (nint)(delegate* unmanaged<nint, nint, nint, nint, VaList*, long>)&CallNonvirtualMethodVI; // CallNonvirtualLongMethodV
        t[84] = (nint)(delegate* unmanaged<nint, nint, nint, nint, byte*, long>)&CallNonvirtualMethodAI; // CallNonvirtualLongMethodA
        t[85] = (nint)(delegate* unmanaged<nint, nint, nint, nint, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, float>)&CallNonvirtualMethodF; // CallNonvirtualFloatMethod
        t[86] = (nint)(delegate* unmanaged<nint, nint, nint, nint, VaList*, float>)&CallNonvirtualMethodVF; // CallNonvirtualFloatMethodV
        t[87] = (nint)(delegate* unmanaged<nint, nint, nint, nint, byte*, float>)&CallNonvirtualMethodAF; // CallNonvirtualFloatMethodA
        t[88] = (nint)(delegate* unmanaged<nint, nint, nint, nint, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, double>)&CallNonvirtualMethodD; // CallNonvirtualDoubleMethod
        t[89] = (nint)(delegate* unmanaged<nint, nint, nint, nint, VaList*, double>)&CallNonvirtualMethodVD; // CallNonvirtualDoubleMethodV
        t[90] = (nint)(delegate* unmanaged<nint, nint, nint, nint, byte*, double>)&CallNonvirtualMethodAD; // CallNonvirtualDoubleMethodA
        t[91] = (nint)(delegate* unmanaged<nint, nint, nint, nint, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallNonvirtualMethodI; // CallNonvirtualVoidMethod
        t[92] = (nint)(delegate* unmanaged<nint, nint, nint, nint, VaList*, long>)&CallNonvirtualMethodVI; // CallNonvirtualVoidMethodV
        t[93] = (nint)(delegate* unmanaged<nint, nint, nint, nint, byte*, long>)&CallNonvirtualMethodAI; // CallNonvirtualVoidMethodA
        t[114] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallStaticMethodI; // CallStaticObjectMethod
        t[115] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallStaticMethodVI; // CallStaticObjectMethodV
        t[116] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallStaticMethodAI; // CallStaticObjectMethodA
        t[117] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallStaticMethodI; // CallStaticBooleanMethod
        t[118] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallStaticMethodVI; // CallStaticBooleanMethodV
        t[119] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallStaticMethodAI; // CallStaticBooleanMethodA
        t[120] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallStaticMethodI; // CallStaticByteMethod
        t[121] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallStaticMethodVI; // CallStaticByteMethodV
        t[122] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallStaticMethodAI; // CallStaticByteMethodA
        t[123] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallStaticMethodI; // CallStaticCharMethod
        t[124] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallStaticMethodVI; // CallStaticCharMethodV
        t[125] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallStaticMethodAI; // CallStaticCharMethodA
        t[126] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallStaticMethodI; // CallStaticShortMethod
        t[127] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallStaticMethodVI; // CallStaticShortMethodV
        t[128] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallStaticMethodAI; // CallStaticShortMethodA
        t[129] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallStaticMethodI; // CallStaticIntMethod
        t[130] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallStaticMethodVI; // CallStaticIntMethodV
        t[131] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallStaticMethodAI; // CallStaticIntMethodA
        t[132] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallStaticMethodI; // CallStaticLongMethod
        t[133] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallStaticMethodVI; // CallStaticLongMethodV
        t[134] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallStaticMethodAI; // CallStaticLongMethodA
        t[135] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, float>)&CallStaticMethodF; // CallStaticFloatMethod
        t[136] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, float>)&CallStaticMethodVF; // CallStaticFloatMethodV
        t[137] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, float>)&CallStaticMethodAF; // CallStaticFloatMethodA
        t[138] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, double>)&CallStaticMethodD; // CallStaticDoubleMethod
        t[139] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, double>)&CallStaticMethodVD; // CallStaticDoubleMethodV
        t[140] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, double>)&CallStaticMethodAD; // CallStaticDoubleMethodA
        t[141] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&CallStaticMethodI; // CallStaticVoidMethod
        t[142] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&CallStaticMethodVI; // CallStaticVoidMethodV
        t[143] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&CallStaticMethodAI; // CallStaticVoidMethodA
        t[28] = (nint)(delegate* unmanaged<nint, nint, nint, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)&NewObject;
        t[29] = (nint)(delegate* unmanaged<nint, nint, nint, VaList*, long>)&NewObjectV;
        t[30] = (nint)(delegate* unmanaged<nint, nint, nint, byte*, long>)&NewObjectA;
    }
}
