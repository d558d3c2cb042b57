using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>java.lang.Thread: current thread, start on a .NET thread, sleep, yield, interrupt, holdsLock, thread list.</summary>
internal static class JavaLangThread
{
    private const string C = "java/lang/Thread";

    public static void Register(NativeRegistry r)
    {
        r.AddAny(C, "registerNatives", static (t, a) => default);
        r.Add(C, "currentThread", "()Ljava/lang/Thread;", static (t, a) => Slot.OfRef(t.JavaThread));
        r.Add(C, "yield", "()V", static (t, a) => { Thread.Yield(); return default; });
        r.Add(C, "sleep", "(J)V", static (t, a) =>
        {
            if (a[0].J < 0) throw t.Vm.Throw("java/lang/IllegalArgumentException", "timeout value is negative");
            Threads.Sleep(t, a[0].J * 1_000_000);
            return default;
        });
        r.Add(C, "start0", "()V", static (t, a) => { Start(t, a[0].R!); return default; });
        r.Add(C, "holdsLock", "(Ljava/lang/Object;)Z", static (t, a) =>
            Slot.OfBool(Monitor.IsEntered(a[0].R ?? throw t.Vm.Throw("java/lang/NullPointerException", null))));
        r.Add(C, "getThreads", "()[Ljava/lang/Thread;", static (t, a) =>
        {
            var all = Threads.All().Where(x => x.JavaThread is not null).ToArray();
            var array = (JArray<JObject?>)t.Vm.NewArray(t.Vm.BootClass(C), all.Length);
            for (var i = 0; i < all.Length; i++) array.Data[i] = all[i].JavaThread;
            return Slot.OfRef(array);
        });
        r.Add(C, "dumpThreads", "([Ljava/lang/Thread;)[[Ljava/lang/StackTraceElement;", static (t, a) =>
        {
            var vm = t.Vm;
            var threads = (JArray<JObject?>)a[0].R!;
            var ste = vm.BootClass("java/lang/StackTraceElement");
            var result = (JArray<JObject?>)vm.NewArray(vm.ArrayOf(ste), threads.Length);
            for (var i = 0; i < threads.Length; i++)
            {
                var frames = threads.Data[i]?.Vm is not JThread jt ? new Backtrace([], [])
                    : jt == t ? JavaLangThrowable.Capture(t, null)
                    : JavaLangThrowable.CaptureOther(jt);
                var elements = (JArray<JObject?>)vm.NewArray(ste, frames.Methods.Length);
                for (var k = 0; k < frames.Methods.Length; k++)
                {
                    elements.Data[k] = vm.NewObject(ste);
                    JavaLangThrowable.Fill(t, elements.Data[k]!, frames.Methods[k], frames.Pcs[k]);
                }
                result.Data[i] = elements;
            }
            return Slot.OfRef(result);
        });
        r.Add(C, "setPriority0", "(I)V", static (t, a) => default);
        r.Add(C, "interrupt0", "()V", static (t, a) =>
        {
            if (a[0].R?.Vm is JThread target) Threads.Interrupt(target);
            return default;
        });
        r.Add(C, "clearInterruptEvent", "()V", static (t, a) => default);
        r.Add(C, "setNativeName", "(Ljava/lang/String;)V", static (t, a) => default);
        r.Add(C, "stop0", "(Ljava/lang/Object;)V", static (t, a) => throw t.Vm.Throw("java/lang/UnsupportedOperationException", null));
        r.Add(C, "suspend0", "()V", static (t, a) => throw t.Vm.Throw("java/lang/UnsupportedOperationException", null));
        r.Add(C, "resume0", "()V", static (t, a) => throw t.Vm.Throw("java/lang/UnsupportedOperationException", null));
    }

    /// <summary>
    /// Thread.start0: a .NET thread (stack from Thread.stackSize or -Xss) that runs run(), reports an uncaught
    /// exception through dispatchUncaughtException, then Thread.exit(); eetop and threadStatus say alive meanwhile.
    /// </summary>
    private static void Start(JThread t, JObject thread)
    {
        var vm = t.Vm;
        var requested = vm.GetField(thread, "stackSize").J;
        var jt = vm.NewThread(requested);
        jt.JavaThread = thread;
        thread.Vm = jt;
        var threadClass = vm.BootClass(C);
        vm.SetField(thread, threadClass, "eetop", Slot.OfLong(1));
        vm.SetField(thread, threadClass, "threadStatus", Slot.OfInt(5)); // JVMTI alive | runnable
        Threads.Started(jt);
        var native = (int)Math.Clamp(Math.Max(requested, vm.Options.ThreadStack ?? (1 << 20)) * 64, 64 << 20, 1 << 30);
        var host = new Thread(() =>
        {
            jt.Attach(native);
            try
            {
                var run = thread.Class.FindMethod("run", "()V")!;
                try
                {
                    jt.Invoke(thread.Class.Select(run)!, Slot.OfRef(thread));
                }
                catch (JavaThrow e)
                {
                    vm.DispatchUncaught(jt, e.Throwable);
                }
                RunExit(jt, thread);
            }
            finally
            {
                Terminated(jt, thread);
                jt.ReleaseStacks();
            }
        }, native) { IsBackground = true, Name = vm.StringOf(vm.GetField(thread, "name").R) };
        host.Start();
    }

    /// <summary>Thread.exit(): the thread leaves its group and drops its references (exceptions from it are ignored).</summary>
    internal static void RunExit(JThread jt, JObject thread)
    {
        try
        {
            jt.Invoke(jt.Vm.BootClass(C).DeclaredMethod("exit", "()V")!, Slot.OfRef(thread));
        }
        catch (JavaThrow)
        {
        }
    }

    /// <summary>Marks the thread terminated, wakes its joiners and unbinds it from the .NET thread (started and JNI-attached threads).</summary>
    internal static void Terminated(JThread jt, JObject thread)
    {
        var vm = jt.Vm;
        var threadClass = vm.BootClass(C);
        vm.SetField(thread, threadClass, "threadStatus", Slot.OfInt(2)); // terminated
        vm.SetField(thread, threadClass, "eetop", Slot.OfLong(0));
        lock (thread) Monitor.PulseAll(thread); // Thread.join waits on the Thread object
        Threads.Ended(jt);
        JThread.Detach();
    }
}
