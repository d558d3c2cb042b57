namespace Nido.Jvm.Runtime;

/// <summary>
/// Slot stacks and frame lists of ended threads, kept for the next thread of the same size: a new thread's stack
/// is megabytes on the large-object heap, and allocating one per Thread.start made starting a thread cost
/// milliseconds (the allocation, its zeroing, and the full collections the large-object budget triggers).
/// </summary>
internal sealed class ThreadStackPool
{
    private const int MaxKept = 8;
    private readonly Stack<ThreadStacks> _free = new();

    internal sealed record ThreadStacks(Slot[] Stack, int[] MethodIds, int[] Pcs, int[] Bases, bool[] AtInvoke);

    public ThreadStacks Rent(int stackSlots)
    {
        lock (_free)
            if (_free.TryPeek(out var top) && top.Stack.Length == stackSlots) return _free.Pop();
        var frames = Math.Max(64, stackSlots / 4);
        var bases = new int[frames];
        Array.Fill(bases, -1);
        return new ThreadStacks(new Slot[stackSlots], new int[frames], new int[frames], bases, new bool[frames]);
    }

    /// <summary>Takes back an ended thread's arrays, cleared (stale references must not keep objects alive).</summary>
    public void Return(ThreadStacks stacks)
    {
        lock (_free)
            if (_free.Count >= MaxKept) return;
        Array.Clear(stacks.Stack);
        Array.Fill(stacks.Bases, -1);
        Array.Clear(stacks.AtInvoke);
        lock (_free)
            if (_free.Count < MaxKept) _free.Push(stacks);
    }
}
