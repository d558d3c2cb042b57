using System.Runtime.InteropServices;
using Nido.Jvm.Natives;
using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Jni;

/// <summary>
/// The JavaVM* of jni.h's invocation interface (JNI_OnLoad's argument, GetJavaVM's answer): a pointer to a block
/// whose first word is the JNIInvokeInterface_ table and whose second holds the VM, so a native thread the VM has
/// never seen can attach itself (AttachCurrentThread) and call Java.
/// </summary>
internal static unsafe class JavaVmInterface
{
    private const int Ok = 0, Error = -1, Detached = -2, BadVersion = -3;
    private static nint _table;
    private static readonly Lock Gate = new();

    /// <summary>A JavaVM* for <paramref name="vm"/> (lives as long as the process: native code may keep it).</summary>
    public static nint Create(JavaVm vm)
    {
        lock (Gate)
        {
            if (_table == 0)
            {
                var t = (nint*)NativeMemory.AllocZeroed(8, (nuint)sizeof(nint));
                t[3] = (nint)(delegate* unmanaged<nint, int>)&DestroyJavaVM;
                t[4] = (nint)(delegate* unmanaged<nint, nint*, AttachArgs*, int>)&AttachCurrentThread;
                t[5] = (nint)(delegate* unmanaged<nint, int>)&DetachCurrentThread;
                t[6] = (nint)(delegate* unmanaged<nint, nint*, int, int>)&GetEnv;
                t[7] = (nint)(delegate* unmanaged<nint, nint*, AttachArgs*, int>)&AttachCurrentThreadAsDaemon;
                _table = (nint)t;
            }
        }
        var block = (nint*)NativeMemory.Alloc(2, (nuint)sizeof(nint));
        block[0] = _table;
        block[1] = GCHandle.ToIntPtr(GCHandle.Alloc(vm));
        return (nint)block;
    }

    /// <summary>jni.h's JavaVMAttachArgs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct AttachArgs
    {
        public int Version;
        public byte* Name;
        public nint Group;
    }

    private static JavaVm VmOf(nint javaVm) => (JavaVm)GCHandle.FromIntPtr(((nint*)javaVm)[1]).Target!;

    public static bool IsSupported(int version) => version is 0x00010001 or 0x00010002 or 0x00010004 or 0x00010006 or 0x00010008 or 0x00090000 or JniEnv.Version10;

    /// <summary>Only the launcher may end the VM; a library asking gets JNI_ERR.</summary>
    [UnmanagedCallersOnly]
    private static int DestroyJavaVM(nint javaVm) => Error;

    [UnmanagedCallersOnly]
    private static int GetEnv(nint javaVm, nint* env, int version)
    {
        if (JThread.Current is null) { *env = 0; return Detached; }
        if (!IsSupported(version)) { *env = 0; return BadVersion; }
        *env = JniEnv.Pointer;
        return Ok;
    }

    [UnmanagedCallersOnly]
    private static int AttachCurrentThread(nint javaVm, nint* env, AttachArgs* args) => Attach(javaVm, env, args, daemon: false);

    [UnmanagedCallersOnly]
    private static int AttachCurrentThreadAsDaemon(nint javaVm, nint* env, AttachArgs* args) => Attach(javaVm, env, args, daemon: true);

    /// <summary>
    /// Gives the calling native thread a JThread and a java.lang.Thread in the main group (or the one asked for),
    /// named as asked or "Thread-N"; overflow checks use the native thread's real stack bounds.
    /// </summary>
    private static int Attach(nint javaVm, nint* env, AttachArgs* args, bool daemon)
    {
        if (JThread.Current is not null) { *env = JniEnv.Pointer; return Ok; }
        var vm = VmOf(javaVm);
        var t = vm.NewThread();
        // The native thread's own stack: what remains below this frame (1 MiB assumed if glibc cannot say).
        var probe = 0;
        var remaining = ThreadStacks.Current() is { } stack ? (long)((nint)(&probe) - stack.Low) : 1 << 20;
        t.Attach(Math.Max(remaining, 64 << 10));
        try
        {
            // args->version is not checked: HotSpot 17 ignores it too (libraries built with newer headers pass newer versions).
            var group = (args is null ? null : JniRefs.Resolve(args->Group)) ?? vm.MainThreadGroup!;
            var threadClass = vm.BootClass("java/lang/Thread");
            var name = args is not null && args->Name is not null
                ? JniEnv.DecodeUtf(new ReadOnlySpan<byte>(args->Name, JniEnv.Strlen(args->Name)))
                : $"Thread-{t.Invoke(threadClass.DeclaredMethod("nextThreadNum", "()I")!).I}";
            vm.AttachThreadObject(t, group, name, daemon);
            *env = JniEnv.Pointer;
            return Ok;
        }
        catch (Exception)
        {
            JThread.Detach();
            *env = 0;
            return Error;
        }
    }

    /// <summary>As HotSpot: refused while Java frames are on the thread; otherwise Thread.exit() runs and joiners wake.</summary>
    [UnmanagedCallersOnly]
    private static int DetachCurrentThread(nint javaVm)
    {
        var t = JThread.Current;
        if (t is null) return Ok;
        if (t.Depth > 0) return Error;
        var jni = JniThread.Current;
        try
        {
            // As HotSpot: an exception still pending is reported as the thread's uncaught exception.
            if (jni.Pending is { } pending)
            {
                jni.Pending = null;
                t.Vm.DispatchUncaught(t, pending);
            }
            if (t.JavaThread is { } thread)
            {
                JavaLangThread.RunExit(t, thread);
                JavaLangThread.Terminated(t, thread);
            }
            else JThread.Detach();
            return Ok;
        }
        catch (Exception)
        {
            JThread.Detach();
            return Error;
        }
        finally
        {
            jni.Reset();
        }
    }
}
