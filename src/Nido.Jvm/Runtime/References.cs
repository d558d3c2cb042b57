using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nido.Jvm.Runtime;

/// <summary>How strongly a java.lang.ref.Reference holds its referent, from the class it extends.</summary>
public enum ReferenceStrength { Soft, Weak, Phantom, Final }

/// <summary>
/// A Reference object's referent, kept outside its Java fields (JObject.Vm) so the .NET GC does not see a strong
/// edge: a short weak handle, plus a strong one for soft references until memory runs short, and for a
/// FinalReference once its referent was found unreachable and resurrected for finalize().
/// </summary>
public sealed class ReferentCell(JObject referent, ReferenceStrength strength) : WeakReference(referent)
{
    public readonly ReferenceStrength Strength = strength;
    /// <summary>Soft references: the referent until soft references are cleared; final ones: the resurrected referent.</summary>
    public JObject? Strong = strength is ReferenceStrength.Soft ? referent : null;
    private volatile bool _cleared;

    public bool IsCleared => _cleared;
    public JObject? Referent => _cleared ? null : Strong ?? Target as JObject;

    public void Clear()
    {
        lock (this) // against RestoreSoft on the finalizer thread
        {
            _cleared = true;
            Strong = null;
            Target = null;
        }
    }

    /// <summary>After a collection that freed softly reachable referents: a survivor is held strongly again.</summary>
    public void Restore()
    {
        lock (this)
            if (!_cleared) Strong = Target as JObject;
    }
}

/// <summary>
/// The VM's half of java.lang.ref (HotSpot's referenceProcessor): when a referent registered with a queue is
/// collected, a watch object keyed on it in a ConditionalWeakTable becomes unreachable, and its .NET finalizer puts
/// the still-reachable Reference objects on the pending list (linked through Reference.discovered) that Java's
/// ReferenceHandler thread takes with getAndClearReferencePendingList and enqueues (or cleans, for Cleaners).
/// Soft referents are released before OutOfMemoryError and when the machine's memory load is high.
/// </summary>
public sealed class References
{
    private readonly JavaVm _vm;
    private readonly object _pendingLock = new();
    private JObject? _pending;
    private readonly ConditionalWeakTable<JObject, DeathWatch> _watches = new();
    private readonly List<WeakReference<ReferentCell>> _soft = [];
    private int _softPruneAt = 256;
    private bool _softReleased;
    private int _queueSlot = -1, _discoveredSlot = -1;
    private JObject? _nullQueue;

    public References(JavaVm vm)
    {
        _vm = vm;
        _ = new AfterFullCollection(this);
    }

    /// <summary>Reference.&lt;init&gt;(referent, queue): the cell, the queue field, and a watch when there is a queue.</summary>
    public void Register(JThread t, JObject reference, JObject? referent, JObject? queue)
    {
        queue ??= NullQueue(t);
        reference.Fields[QueueSlot] = Slot.OfRef(queue);
        if (referent is null) return;
        var cell = new ReferentCell(referent, StrengthOf(reference.Class));
        reference.Vm = cell;
        if (cell.Strength == ReferenceStrength.Soft) AddSoft(cell);
        if (cell.Strength == ReferenceStrength.Final)
            _watches.GetValue(referent, static k => new DeathWatch()).AddFinal(this, reference, referent);
        else if (!ReferenceEquals(queue, _nullQueue))
            _watches.GetValue(referent, static k => new DeathWatch()).Add(this, reference);
    }

    public static ReferentCell? CellOf(JObject reference) => reference.Vm as ReferentCell;

    private static ReferenceStrength StrengthOf(JClass c)
    {
        for (var k = c; k is not null; k = k.Super)
            switch (k.Name)
            {
                case "java/lang/ref/SoftReference": return ReferenceStrength.Soft;
                case "java/lang/ref/WeakReference": return ReferenceStrength.Weak;
                case "java/lang/ref/PhantomReference": return ReferenceStrength.Phantom;
                case "java/lang/ref/FinalReference": return ReferenceStrength.Final;
            }
        return ReferenceStrength.Weak;
    }

    private JObject NullQueue(JThread t)
    {
        if (_nullQueue is { } q) return q;
        var c = _vm.BootClass("java/lang/ref/ReferenceQueue");
        _vm.EnsureInitialized(t, c);
        return _nullQueue = c.Static("NULL").R!;
    }

    private int QueueSlot => _queueSlot >= 0 ? _queueSlot : _queueSlot = _vm.FieldOf(_vm.BootClass("java/lang/ref/Reference"), "queue").Slot;
    private int DiscoveredSlot => _discoveredSlot >= 0 ? _discoveredSlot : _discoveredSlot = _vm.FieldOf(_vm.BootClass("java/lang/ref/Reference"), "discovered").Slot;

    // The pending list: filled by watch finalizers, drained by the ReferenceHandler thread.

    public JObject? TakePending()
    {
        lock (_pendingLock)
        {
            var head = _pending;
            _pending = null;
            return head;
        }
    }

    public bool HasPending
    {
        get { lock (_pendingLock) return _pending is not null; }
    }

    public void WaitForPending()
    {
        lock (_pendingLock)
            while (_pending is null) Monitor.Wait(_pendingLock);
    }

    /// <summary>
    /// A referent died: each Reference to it that is still reachable and was not cleared becomes pending. A
    /// FinalReference (<paramref name="finalizee"/> set) is not cleared but holds the referent again, for finalize().
    /// </summary>
    private void Discovered(List<GCHandle> references, JObject? finalizee)
    {
        lock (_pendingLock)
        {
            foreach (var h in references)
            {
                if (h.Target is not JObject reference || CellOf(reference) is not { IsCleared: false } cell) continue;
                if (cell.Strength == ReferenceStrength.Final) cell.Strong = finalizee;
                else cell.Clear(); // phantom references too are cleared when they become pending (JDK 9 on)
                reference.Fields[DiscoveredSlot] = Slot.OfRef(_pending);
                _pending = reference;
            }
            Monitor.PulseAll(_pendingLock);
        }
    }

    // Soft references.

    private void AddSoft(ReferentCell cell)
    {
        lock (_soft)
        {
            if (_softReleased) cell.Strong = null;
            _soft.Add(new WeakReference<ReferentCell>(cell));
            if (_soft.Count < _softPruneAt) return;
            _soft.RemoveAll(static w => !w.TryGetTarget(out _));
            _softPruneAt = Math.Max(256, _soft.Count * 2);
        }
    }

    /// <summary>Drops the strong hold of every soft reference, so the next full collection frees softly reachable referents.</summary>
    private void ReleaseSoft()
    {
        lock (_soft)
        {
            _softReleased = true;
            foreach (var w in _soft)
                if (w.TryGetTarget(out var cell)) cell.Strong = null;
        }
    }

    /// <summary>After that collection: referents still strongly reachable are held softly again.</summary>
    private void RestoreSoft()
    {
        lock (_soft)
        {
            if (!_softReleased) return;
            _softReleased = false;
            foreach (var w in _soft)
                if (w.TryGetTarget(out var cell)) cell.Restore();
        }
    }

    /// <summary>
    /// System.gc: a full blocking collection whose weak and phantom notifications are on the pending list when it
    /// returns. The calling thread's stale slots are cleared first: popped values above its innermost frame, and
    /// locals that are not references where its interpreted frames stand (<see cref="FrameReferenceMaps"/>).
    /// </summary>
    public void Collect(JThread t)
    {
        Array.Clear(t.Stack, t.Top, t.Stack.Length - t.Top);
        ClearDeadLocals(t);
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static void ClearDeadLocals(JThread t)
    {
        for (var d = 0; d + 1 < t.Depth; d++)
        {
            var fp = t.FrameBases[d];
            var m = t.FrameMethod(d);
            var pc = t.FramePcs[d];
            // Only a frame stopped at the invoke its pc names: one running a class initialiser or a class loader
            // that an instruction triggered may have an older pc recorded.
            if (fp < 0 || !t.FrameAtInvoke[d] || m.Code is not { } code) continue;
            if (FrameReferenceMaps.At(m, pc) is not { } references) continue;
            for (var i = 0; i < code.MaxLocals; i++)
                if (!FrameReferenceMaps.IsSet(references, i)) t.Stack[fp + i].R = null;
        }
    }

    /// <summary>Before OutOfMemoryError: every softly reachable referent is freed (JLS guarantee), then notifications run.</summary>
    public void CollectClearingSoft()
    {
        GC.WaitForPendingFinalizers(); // an earlier collection's RestoreSoft must not undo this release
        ReleaseSoft();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        RestoreSoft();
        GC.Collect();
    }

    private bool MemoryShort()
    {
        var info = GC.GetGCMemoryInfo();
        if (info.HighMemoryLoadThresholdBytes > 0 && info.MemoryLoadBytes >= info.HighMemoryLoadThresholdBytes) return true;
        return Heap.Used(_vm) > Heap.Max(_vm) / 10 * 9;
    }

    /// <summary>
    /// The references watching one object: finalized when that object has been collected. Raw weak handles, not
    /// WeakReference objects: those would be finalized (and their handles freed) in the same round as this. For an
    /// object with a finalize(), the watch also holds the object itself: the table entry does not keep its key
    /// alive, so the object becomes unreachable as before, and this watch's .NET finalization resurrects it.
    /// </summary>
    private sealed class DeathWatch
    {
        private References? _owner;
        private readonly List<GCHandle> _references = [];
        private int _pruneAt = 8;
        private JObject? _finalizee;

        public void AddFinal(References owner, JObject reference, JObject finalizee)
        {
            lock (_references) _finalizee = finalizee;
            Add(owner, reference);
        }

        public void Add(References owner, JObject reference)
        {
            lock (_references)
            {
                _owner = owner;
                _references.Add(GCHandle.Alloc(reference, GCHandleType.Weak));
                if (_references.Count >= _pruneAt) Prune();
            }
        }

        /// <summary>
        /// A long-lived referent sees references come and go (a WeakHashMap key put and removed again): handles of
        /// collected or cleared ones are dropped, at doubling sizes so adding stays amortised O(1).
        /// </summary>
        private void Prune()
        {
            _references.RemoveAll(static h =>
            {
                if (h.Target is JObject r && CellOf(r) is { IsCleared: false }) return false;
                h.Free();
                return true;
            });
            _pruneAt = Math.Max(8, _references.Count * 2);
        }

        ~DeathWatch()
        {
            if (_owner is { } owner) owner.Discovered(_references, _finalizee);
            foreach (var h in _references) h.Free();
        }
    }

    /// <summary>
    /// Runs after every full collection (it is re-registered each time it would be finalized): soft referents are
    /// released when memory is short, and held again after the collection that follows.
    /// </summary>
    private sealed class AfterFullCollection(References owner)
    {
        private GCHandle _owner = GCHandle.Alloc(owner, GCHandleType.Weak); // ends with its VM

        ~AfterFullCollection()
        {
            if (_owner.Target is not References owner)
            {
                _owner.Free();
                return;
            }
            if (owner._softReleased) owner.RestoreSoft();
            else if (owner.MemoryShort()) owner.ReleaseSoft();
            GC.ReRegisterForFinalize(this);
        }
    }
}
