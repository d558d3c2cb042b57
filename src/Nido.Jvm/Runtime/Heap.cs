namespace Nido.Jvm.Runtime;

/// <summary>
/// -Xmx on the .NET GC: allocations are counted per thread; every few MiB, and for every large array, the live heap
/// (after a collection when over the limit), less the VM's own structures measured after boot, is compared with the
/// maximum and OutOfMemoryError thrown when it is full.
/// </summary>
public static class Heap
{
    private const long CheckEvery = 4 << 20;
    [ThreadStatic] private static long _sinceCheck;

    public static void Account(JavaVm vm, long bytes)
    {
        if (vm.Options.MaxHeap is not { } max) return;
        _sinceCheck += bytes;
        if (_sinceCheck < CheckEvery && bytes < CheckEvery) return;
        _sinceCheck = 0;
        if (Used(vm, collect: false) + bytes <= max) return;
        if (Used(vm, collect: true) + bytes <= max) return;
        throw vm.Throw("java/lang/OutOfMemoryError", "Java heap space");
    }

    /// <summary>The Java heap in use: the .NET heap minus what the VM itself held after boot.</summary>
    public static long Used(JavaVm vm, bool collect = false) => Math.Max(0, GC.GetTotalMemory(collect) - vm.HeapBaseline);
}
