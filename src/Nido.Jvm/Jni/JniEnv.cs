using System.Runtime.InteropServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jni;

/// <summary>
/// The JNIEnv native code receives: a pointer to a pointer to JNI's function table (jni.h's JNINativeInterface_,
/// 234 entries in JDK 17), each entry an [UnmanagedCallersOnly] method in the partial files beside this one. One
/// env serves every thread; the state that is per thread in JNI (local references, the pending exception) is kept
/// per .NET thread in <see cref="JniThread"/>. No exception may cross back into native code: each entry catches and
/// leaves a pending Java exception instead, as JNI specifies.
/// </summary>
internal static unsafe partial class JniEnv
{
    public const int Version10 = 0x000a0000;
    private const int TableSize = 234;

    private static nint _env;
    private static readonly Lock Gate = new();

    /// <summary>The JNIEnv* handed to native methods (built on first use, never freed: native code may keep it).</summary>
    public static nint Pointer
    {
        get
        {
            if (_env != 0) return _env;
            lock (Gate)
            {
                if (_env != 0) return _env;
                var table = (nint*)NativeMemory.AllocZeroed(TableSize, (nuint)sizeof(nint));
                FillClasses(table);
                FillExceptions(table);
                FillReferences(table);
                FillMethods(table);
                FillCalls(table);
                FillFields(table);
                FillStrings(table);
                FillArrays(table);
                var env = (nint*)NativeMemory.Alloc((nuint)sizeof(nint));
                *env = (nint)table;
                _env = (nint)env;
            }
            return _env;
        }
    }

    internal static JThread Thread => JThread.Current ?? throw new InvalidOperationException("JNI function called on a thread not attached to the VM");

    /// <summary>Leaves <paramref name="e"/> as the thread's pending exception (a .NET failure becomes InternalError).</summary>
    internal static void Raise(Exception e)
    {
        var state = JniThread.Current;
        if (e is JavaThrow j) { state.Pending = j.Throwable; return; }
        var t = JThread.Current;
        if (t is null)
        {
            Console.Error.WriteLine($"nido: JNI call failed outside a Java thread: {e.Message}");
            return;
        }
        try
        {
            state.Pending = t.Vm.Throw("java/lang/InternalError", $"JNI: {e.Message}").Throwable;
        }
        catch (JavaThrow inner)
        {
            state.Pending = inner.Throwable;
        }
        catch (Exception)
        {
            // Nothing sensible is left to report it with; the call still returns its zero.
        }
    }

    internal static JClass ClassOf(nint clazz) =>
        JniRefs.Resolve(clazz) is { } mirror ? Thread.Vm.ClassOf(mirror) : throw Thread.Vm.Throw("java/lang/NullPointerException", "class is null");

    internal static nint LocalClass(JClass c) => JniRefs.Local(c.Vm.Mirror(c));

    internal static JObject NonNull(nint r, string what) =>
        JniRefs.Resolve(r) ?? throw Thread.Vm.Throw("java/lang/NullPointerException", $"{what} is null");

    internal static string Utf8(byte* s, string what)
    {
        if (s is null) throw Thread.Vm.Throw("java/lang/NullPointerException", $"{what} is null");
        return DecodeUtf(new ReadOnlySpan<byte>(s, Strlen(s)));
    }

    internal static int Strlen(byte* s)
    {
        var n = 0;
        while (s[n] != 0) n++;
        return n;
    }

    /// <summary>A Java value as the native side receives it: small ints widened by their type, references as local refs.</summary>
    internal static long ToNative(char kind, Slot v) => kind switch
    {
        'Z' => (byte)v.P != 0 ? 1 : 0,
        'B' => (sbyte)v.P,
        'C' => (ushort)v.P,
        'S' => (short)v.P,
        'I' => (int)v.P,
        'F' => (uint)(int)v.P,
        'L' or '[' => JniRefs.Local(v.R),
        'V' => 0,
        _ => v.P,
    };
}
