using System.Runtime;

namespace Nido.Jvm.Runtime;

/// <summary>
/// No .NET collection while a class library boots. Boot allocates ~30 MB that nearly all stays live, a few megabytes
/// of it thread stacks on the large-object heap (main, Reference Handler, Finalizer: 2.4 MB each), whose budget
/// then triggered a full collection that freed nothing: 8 ms of Hello on CoreCLR, 11 natively. Opening the no-GC
/// region collects once instead, while the heap is nearly empty (under a millisecond). The region is process-wide,
/// so overlapping boots (several VMs in one process) share one: the first opens it, the last closes it.
/// </summary>
internal static class BootGcPause
{
    private const long SmallObjects = 64L << 20, LargeObjects = 32L << 20;
    private static readonly Lock Gate = new();
    private static int _booting;
    private static bool _opened;
    private static int _collectionsAtStart;

    public static Scope Enter()
    {
        lock (Gate)
        {
            if (_booting++ == 0)
            {
                try
                {
                    _opened = GC.TryStartNoGCRegion(SmallObjects + LargeObjects, LargeObjects);
                    _collectionsAtStart = GC.CollectionCount(0);
                }
                catch (InvalidOperationException) { _opened = false; } // the embedding program is in one of its own
                catch (ArgumentOutOfRangeException) { _opened = false; } // beyond a hard heap limit: boot collects as usual
            }
        }
        return new Scope();
    }

    public readonly struct Scope : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                if (--_booting != 0 || !_opened) return;
                _opened = false;
                // A boot that outgrew the region was collected, which ended it; a region open now is then not ours.
                if (GC.CollectionCount(0) == _collectionsAtStart && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                {
                    try { GC.EndNoGCRegion(); }
                    catch (InvalidOperationException) { }
                }
            }
        }
    }
}
