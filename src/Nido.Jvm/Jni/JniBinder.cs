using System.Text;
using Nido.Jvm.ClassFile;
using Nido.Jvm.Natives;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jni;

/// <summary>
/// Links native methods to functions of the libraries System.loadLibrary/System.load opened: the short JNI name
/// (Java_pkg_Class_method), then the long one with the mangled argument signature, looked up through
/// ClassLoader.findNative in the libraries of the method's class loader, as HotSpot does. RegisterNatives binds
/// directly. The stub it makes marshals a call by the System V AMD64 ABI.
/// </summary>
internal sealed class JniBinder(JavaVm vm) : IJniBinder
{
    private JMethod? _findNative;

    /// <summary>Set once a JNI library is loaded: before that no native method can be in one, and boot needs no lookups.</summary>
    public volatile bool AnyLibrary;

    private nint _javaVm;

    /// <summary>This VM's JavaVM*, made when native code first needs it (it pins the VM for the process's life).</summary>
    public nint JavaVmPointer
    {
        get
        {
            if (_javaVm == 0) Interlocked.CompareExchange(ref _javaVm, JavaVmInterface.Create(vm), 0);
            return _javaVm;
        }
    }

    public NativeMethod? Bind(JMethod m)
    {
        if (!AnyLibrary || JThread.Current is not { } t) return null;
        _findNative ??= vm.BootClass("java/lang/ClassLoader").DeclaredMethod("findNative", "(Ljava/lang/ClassLoader;Ljava/lang/String;)J")!;
        var shortName = ShortName(m);
        foreach (var name in (string[])[shortName, $"{shortName}__{Mangle(m.Descriptor[1..m.Descriptor.IndexOf(')')])}"])
        {
            var address = t.Invoke(_findNative, Slot.OfRef(m.Owner.Loader), Slot.OfRef(vm.NewString(name))).J;
            if (address != 0) return Stub(m, (nint)address);
        }
        return null;
    }

    public static string ShortName(JMethod m) => $"Java_{Mangle(m.Owner.Name)}_{Mangle(m.Name)}";

    /// <summary>JNI name mangling: '/' becomes '_', then _1 for '_', _2 for ';', _3 for '[', _0xxxx for any other non-alphanumeric.</summary>
    public static string Mangle(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')) sb.Append(c);
            else if (c == '/') sb.Append('_');
            else if (c == '_') sb.Append("_1");
            else if (c == ';') sb.Append("_2");
            else if (c == '[') sb.Append("_3");
            else sb.Append("_0").Append(((int)c).ToString("x4"));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The managed side of a native method: the JNIEnv, the receiver or class as a local reference and the Java
    /// arguments go out by the ABI; the result comes back narrowed to its Java type; an exception the native code
    /// left pending is thrown; the call's local references are released.
    /// </summary>
    public static NativeMethod Stub(JMethod m, nint function)
    {
        var kinds = Descriptors.Parameters(m.Descriptor).Select(p => p[0]).ToArray();
        var returnKind = m.ReturnKind;
        var vectors = kinds.Count(k => k is 'F' or 'D');
        var stackWords = Math.Max(0, 2 + kinds.Length - vectors - 6) + Math.Max(0, vectors - 8);
        if (stackWords > AbiArguments.MaxStackWords)
            return (t, a) => throw t.Vm.Throw("java/lang/UnsatisfiedLinkError",
                $"{m}: {stackWords} stack words of arguments (nido's JNI calls pass at most {AbiArguments.MaxStackWords})");
        return (t, a) =>
        {
            var jni = JniThread.Current;
            var mark = jni.Mark();
            try
            {
                var args = new AbiArguments();
                args.Integer(JniEnv.Pointer);
                var i = 0;
                args.Integer(m.IsStatic ? JniEnv.LocalClass(m.Owner) : JniRefs.Local(a[i++].R));
                foreach (var k in kinds)
                {
                    if (k == 'F') args.Single(a[i].F);
                    else if (k == 'D') args.Double(a[i].D);
                    else args.Integer(JniEnv.ToNative(k, a[i]));
                    i += k is 'J' or 'D' ? 2 : 1;
                }
                var raw = NativeAbi.Call(function, ref args, returnKind);
                jni.ThrowPending(); // a pending exception wins over the result (which JNI says to ignore then)
                return returnKind == 'V' ? default : JniEnv.FromNative(returnKind, raw);
            }
            finally
            {
                jni.Pending = null;
                jni.Release(mark);
            }
        };
    }
}
