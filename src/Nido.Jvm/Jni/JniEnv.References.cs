using System.Runtime.InteropServices;

namespace Nido.Jvm.Jni;

// Local frames and references, global and weak global references, identity.
internal static unsafe partial class JniEnv
{
    private static void FillReferences(nint* t)
    {
        t[19] = (nint)(delegate* unmanaged<nint, int, int>)&PushLocalFrame;
        t[20] = (nint)(delegate* unmanaged<nint, nint, nint>)&PopLocalFrame;
        t[21] = (nint)(delegate* unmanaged<nint, nint, nint>)&NewGlobalRef;
        t[22] = (nint)(delegate* unmanaged<nint, nint, void>)&DeleteGlobalRef;
        t[23] = (nint)(delegate* unmanaged<nint, nint, void>)&DeleteLocalRef;
        t[24] = (nint)(delegate* unmanaged<nint, nint, nint, byte>)&IsSameObject;
        t[25] = (nint)(delegate* unmanaged<nint, nint, nint>)&NewLocalRef;
        t[26] = (nint)(delegate* unmanaged<nint, int, int>)&EnsureLocalCapacity;
        t[226] = (nint)(delegate* unmanaged<nint, nint, nint>)&NewWeakGlobalRef;
        t[227] = (nint)(delegate* unmanaged<nint, nint, void>)&DeleteGlobalRef;
        t[232] = (nint)(delegate* unmanaged<nint, nint, int>)&GetObjectRefType;
    }

    [UnmanagedCallersOnly]
    private static int PushLocalFrame(nint env, int capacity)
    {
        if (capacity < 0) return -1;
        JniThread.Current.PushFrame();
        return 0;
    }

    [UnmanagedCallersOnly]
    private static nint PopLocalFrame(nint env, nint result)
    {
        try
        {
            var o = JniRefs.Resolve(result);
            JniThread.Current.PopFrame();
            return JniRefs.Local(o);
        }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint NewGlobalRef(nint env, nint obj)
    {
        try { return JniRefs.NewGlobal(JniRefs.Resolve(obj), weak: false); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint NewWeakGlobalRef(nint env, nint obj)
    {
        try { return JniRefs.NewGlobal(JniRefs.Resolve(obj), weak: true); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static void DeleteGlobalRef(nint env, nint r)
    {
        try { JniRefs.DeleteGlobal(r); }
        catch (Exception e) { Raise(e); }
    }

    [UnmanagedCallersOnly]
    private static void DeleteLocalRef(nint env, nint r)
    {
        try { JniRefs.DeleteLocal(r); }
        catch (Exception e) { Raise(e); }
    }

    [UnmanagedCallersOnly]
    private static byte IsSameObject(nint env, nint a, nint b)
    {
        try { return (byte)(ReferenceEquals(JniRefs.Resolve(a), JniRefs.Resolve(b)) ? 1 : 0); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint NewLocalRef(nint env, nint obj)
    {
        try { return JniRefs.Local(JniRefs.Resolve(obj)); }
        catch (Exception e) { Raise(e); return 0; }
    }

    /// <summary>Local tables grow as needed, so any capacity is available.</summary>
    [UnmanagedCallersOnly]
    private static int EnsureLocalCapacity(nint env, int capacity) => capacity < 0 ? -1 : 0;

    [UnmanagedCallersOnly]
    private static int GetObjectRefType(nint env, nint r)
    {
        try { return JniRefs.KindOf(r); }
        catch (Exception e) { Raise(e); return 0; }
    }
}
