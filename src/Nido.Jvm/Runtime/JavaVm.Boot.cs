namespace Nido.Jvm.Runtime;

public sealed partial class JavaVm
{
    public JObject? MainThreadGroup { get; private set; }

    /// <summary>Managed memory in use when boot finished: subtracted from the .NET heap's size to get the Java heap's.</summary>
    public long HeapBaseline { get; private set; }

    /// <summary>
    /// Boots the class library as HotSpot does (Threads::create_vm): the core classes, the system and main thread
    /// groups, the main Thread object for the calling thread, then System.initPhase1 (properties, stdio, signals),
    /// initPhase2 (the module system's boot layer: every image module defined, with its reads, exports and opens)
    /// and initPhase3 (security manager off, the system class loader).
    /// </summary>
    public JThread Boot(long stackBytes)
    {
        JThread t;
        using (BootGcPause.Enter()) t = BootClassLibrary(stackBytes);
        // The VM's own structures (parsed classes, slot stacks, the image index) live on the same .NET heap; what
        // is there after boot is not the program's. Collected first only when -Xmx makes the figure matter (without,
        // the boot's own garbage, never collected in its no-GC region, counts as the VM's).
        HeapBaseline = GC.GetTotalMemory(Options.MaxHeap is not null);
        Signals.InstallThreadDump();
        return t;
    }

    private JThread BootClassLibrary(long stackBytes)
    {
        var t = NewThread();
        t.Attach(stackBytes);
        ObjectClass = BootClass("java/lang/Object");
        ClassClass = BootClass("java/lang/Class");
        StringClass = BootClass("java/lang/String");
        BooleanArray = ArrayOf(Primitive('Z'));
        InjectUnsafeConstants(t);
        foreach (var name in (string[])["java/lang/Object", "java/lang/String", "java/lang/System", "java/lang/Class",
                     "java/lang/ThreadGroup", "java/lang/Thread"])
            EnsureInitialized(t, BootClass(name));

        var groupClass = BootClass("java/lang/ThreadGroup");
        var system = NewObject(groupClass);
        t.Invoke(groupClass.DeclaredMethod("<init>", "()V")!, Slot.OfRef(system));
        var main = NewObject(groupClass);
        t.Invoke(groupClass.DeclaredMethod("<init>", "(Ljava/lang/ThreadGroup;Ljava/lang/String;)V")!,
            Slot.OfRef(main), Slot.OfRef(system), Slot.OfRef(NewString("main")));
        MainThreadGroup = main;
        AttachThreadObject(t, main, "main", daemon: false);

        foreach (var name in (string[])["java/lang/reflect/Method", "java/lang/ref/Finalizer", "java/lang/OutOfMemoryError",
                     "java/lang/NullPointerException", "java/lang/ClassCastException", "java/lang/ArrayStoreException",
                     "java/lang/ArithmeticException", "java/lang/StackOverflowError", "java/lang/IllegalMonitorStateException",
                     "java/lang/IllegalArgumentException"])
            EnsureInitialized(t, BootClass(name));

        var systemClass = BootClass("java/lang/System");
        t.Invoke(systemClass.DeclaredMethod("initPhase1", "()V")!);
        // The module system's boot layer; on failure initPhase2 has printed "Error occurred during initialization of
        // boot layer" and the cause, as HotSpot, which then exits.
        if (t.Invoke(systemClass.DeclaredMethod("initPhase2", "(ZZ)I")!, Slot.OfInt(1), Slot.OfInt(0)).I != 0)
        {
            Halt(1);
            throw new InvalidOperationException("initPhase2 failed");
        }
        t.Invoke(systemClass.DeclaredMethod("initPhase3", "()V")!);
        var loaders = BootClass("jdk/internal/loader/ClassLoaders");
        EnsureInitialized(t, loaders);
        AppLoader = t.Invoke(loaders.DeclaredMethod("appClassLoader", "()Ljava/lang/ClassLoader;")!).R;
        PlatformLoader = t.Invoke(loaders.DeclaredMethod("platformClassLoader", "()Ljava/lang/ClassLoader;")!).R;
        return t;
    }

    /// <summary>
    /// jdk.internal.misc.UnsafeConstants' fields are the VM's to fill after its trivial initialiser runs, before
    /// Unsafe copies them (HotSpot's UnsafeConstantsFixup): a zero ADDRESS_SIZE0 would make allocateMemory round
    /// every size to nothing.
    /// </summary>
    private void InjectUnsafeConstants(JThread t)
    {
        var c = BootClass("jdk/internal/misc/UnsafeConstants");
        EnsureInitialized(t, c);
        void Set(string name, long value) => c.Static(name) = Slot.OfLong(value);
        Set("ADDRESS_SIZE0", IntPtr.Size);
        Set("PAGE_SIZE", Environment.SystemPageSize);
        Set("BIG_ENDIAN", BitConverter.IsLittleEndian ? 0 : 1);
        Set("UNALIGNED_ACCESS", 1);
        Set("DATA_CACHE_LINE_FLUSH_SIZE", 0);
    }

    /// <summary>A JThread with the stack -Xss asks for (slots of 16 bytes; HotSpot's default 1 MiB).</summary>
    /// <summary>A JThread whose slot stack holds what a native stack of <paramref name="stackBytes"/> would (Thread's stackSize), at least -Xss.</summary>
    public JThread NewThread(long stackBytes = 0) =>
        new(this, (int)Math.Clamp(Math.Max(stackBytes, Options.ThreadStack ?? (1 << 20)) / 8, 4096, 1 << 24));

    internal readonly ThreadStackPool StackPool = new();

    /// <summary>Gives <paramref name="t"/> a java.lang.Thread object in <paramref name="group"/> (for the main and attached threads).</summary>
    internal void AttachThreadObject(JThread t, JObject group, string name, bool daemon)
    {
        var threadClass = BootClass("java/lang/Thread");
        var thread = NewObject(threadClass);
        thread.Vm = t;
        SetField(thread, threadClass, "priority", Slot.OfInt(5));
        t.JavaThread = thread;
        t.Invoke(threadClass.DeclaredMethod("<init>", "(Ljava/lang/ThreadGroup;Ljava/lang/String;)V")!,
            Slot.OfRef(thread), Slot.OfRef(group), Slot.OfRef(NewString(name)));
        if (daemon) SetField(thread, threadClass, "daemon", Slot.OfBool(true));
        SetField(thread, threadClass, "eetop", Slot.OfLong(1));
        SetField(thread, threadClass, "threadStatus", Slot.OfInt(5));
        Threads.Started(t);
    }
}
