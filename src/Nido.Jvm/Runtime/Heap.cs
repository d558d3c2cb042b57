namespace Nido.Jvm.Runtime;

/// <summary>
/// -Xmx on the .NET GC: allocations are counted per thread; every few MiB, and for every large array, the live heap
/// (after a collection when over the limit, then after clearing soft references), less the VM's own structures
/// measured after boot, is compared with the maximum (-Xmx or a quarter of the memory, as HotSpot's default) and
/// OutOfMemoryError thrown when it is full.
/// </summary>
public static class Heap
{
    internal const long CheckEvery = 4 << 20;
    [ThreadStatic] private static long _sinceCheck;

    /// <summary>What an object of <paramref name="slots"/> field slots is counted as (an estimate: only how often the check runs depends on it).</summary>
    public static long InstanceBytes(int slots) => 32 + 16L * slots;

    public static void Account(JavaVm vm, long bytes) => Account(vm, ref _sinceCheck, bytes);

    /// <summary>Counts in the allocating thread's JThread: a [ThreadStatic] costs a TLS lookup per allocation.</summary>
    public static void Account(JThread t, long bytes) => Account(t.Vm, ref t.AllocatedSinceCheck, bytes);

    private static void Account(JavaVm vm, ref long sinceCheck, long bytes)
    {
        sinceCheck += bytes;
        if (sinceCheck < CheckEvery && bytes < CheckEvery) return;
        sinceCheck = 0;
        var max = Max(vm);
        if (Used(vm, collect: false) + bytes <= max) return;
        if (Used(vm, collect: true) + bytes <= max) return;
        vm.References.CollectClearingSoft();
        if (Used(vm, collect: true) + bytes <= max) return;
        throw vm.Throw("java/lang/OutOfMemoryError", "Java heap space");
    }

    /// <summary>-Xmx, or HotSpot's default of a quarter of the memory (Runtime.maxMemory; soft references go near it).</summary>
    public static long Max(JavaVm vm) => vm.Options.MaxHeap ?? DefaultMax.Value;

    private static readonly Lazy<long> DefaultMax = new(() => Math.Max(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4, 64L << 20));

    /// <summary>The Java heap in use: the .NET heap minus what the VM itself held after boot.</summary>
    public static long Used(JavaVm vm, bool collect = false) => Math.Max(0, GC.GetTotalMemory(collect) - vm.HeapBaseline);
}
