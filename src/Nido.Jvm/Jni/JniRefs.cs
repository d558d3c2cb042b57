using System.Runtime.InteropServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jni;

/// <summary>
/// JNI references as the numbers native code holds. The low two bits say the kind: 0 a local reference (an index
/// into the thread's local table, valid until its native frame returns), 1 a global and 2 a weak global reference
/// (a .NET GCHandle, whose address is pointer-aligned). 0 is NULL. Objects never move under native code's feet
/// because it only ever sees these numbers.
/// </summary>
internal static class JniRefs
{
    private const nint Global = 1, Weak = 2, TagMask = 3;

    public static nint Local(JObject? o)
    {
        if (o is null) return 0;
        var locals = JniThread.Current.Locals;
        locals.Add(o);
        return (nint)locals.Count << 2;
    }

    public static JObject? Resolve(nint r)
    {
        if (r == 0) return null;
        return (r & TagMask) switch
        {
            0 => JniThread.Current.Locals[(int)(r >> 2) - 1],
            _ => GCHandle.FromIntPtr(r & ~TagMask).Target as JObject,
        };
    }

    public static nint NewGlobal(JObject? o, bool weak)
    {
        if (o is null) return 0;
        var h = GCHandle.ToIntPtr(GCHandle.Alloc(o, weak ? GCHandleType.Weak : GCHandleType.Normal));
        if ((h & TagMask) != 0) throw new InvalidOperationException("GCHandle address is not 4-byte aligned");
        return h | (weak ? Weak : Global);
    }

    public static void DeleteGlobal(nint r)
    {
        if (r != 0 && (r & TagMask) != 0) GCHandle.FromIntPtr(r & ~TagMask).Free();
    }

    public static void DeleteLocal(nint r)
    {
        if (r == 0 || (r & TagMask) != 0) return;
        var state = JniThread.Current;
        var i = (int)(r >> 2) - 1;
        if (i >= state.Locals.Count) return;
        state.Locals[i] = null;
        state.TrimDeleted();
    }

    /// <summary>GetObjectRefType: 0 invalid, 1 local, 2 global, 3 weak global.</summary>
    public static int KindOf(nint r)
    {
        if (r == 0) return 0;
        return (r & TagMask) switch
        {
            0 => (int)(r >> 2) - 1 < JniThread.Current.Locals.Count ? 1 : 0,
            Global => 2,
            Weak => 3,
            _ => 0,
        };
    }

    // Method and field IDs: a GCHandle per member, made once, so the same member always has the same ID.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<object, nint> Ids = new(ReferenceEqualityComparer.Instance);

    public static nint MethodId(JMethod m) => Ids.GetOrAdd(m, static k => GCHandle.ToIntPtr(GCHandle.Alloc(k)));

    public static nint FieldId(JField f) => Ids.GetOrAdd(f, static k => GCHandle.ToIntPtr(GCHandle.Alloc(k)));

    public static JMethod Method(nint id) => GCHandle.FromIntPtr(id).Target as JMethod ?? throw new ArgumentException("not a jmethodID");

    public static JField Field(nint id) => GCHandle.FromIntPtr(id).Target as JField ?? throw new ArgumentException("not a jfieldID");
}

/// <summary>
/// A thread's JNI state: local references (one frame per native call, plus Push/PopLocalFrame), the pending
/// exception native code raised or saw, and the arrays and strings it holds.
/// </summary>
internal sealed class JniThread
{
    [ThreadStatic] private static JniThread? _current;

    public static JniThread Current => _current ??= new JniThread();

    public readonly List<JObject?> Locals = [];
    public readonly Stack<int> Frames = new();
    public JObject? Pending;
    /// <summary>The class that called System.loadLibrary, while its library's JNI_OnLoad/OnUnload runs (FindClass's loader).</summary>
    public JClass? LibraryContext;

    /// <summary>After a native function returns: the exception it left pending is thrown (and no longer pending).</summary>
    public void ThrowPending()
    {
        if (Pending is not { } pending) return;
        Pending = null;
        throw new JavaThrow(pending);
    }

    /// <summary>PushLocalFrame: later local references go away at the matching <see cref="PopFrame"/>.</summary>
    public void PushFrame() => Frames.Push(Locals.Count);

    /// <summary>PopLocalFrame; false when no frame is open.</summary>
    public bool PopFrame()
    {
        if (Frames.Count <= _callFrames) return false; // frames of an enclosing native call are not this call's to pop
        Truncate(Frames.Pop());
        return true;
    }

    /// <summary>Where the innermost native call's local references start (what DeleteLocalRef may trim down to).</summary>
    private int _callFloor, _callFrames;

    /// <summary>The state before a native call: local count, open frames and the enclosing call's floor.</summary>
    public (int Locals, int Frames, int Floor, int FloorFrames) Mark()
    {
        var mark = (Locals.Count, Frames.Count, _callFloor, _callFrames);
        _callFloor = Locals.Count;
        _callFrames = Frames.Count;
        return mark;
    }

    /// <summary>Ends a native call: its local references and any frames it left open go away.</summary>
    public void Release((int Locals, int Frames, int Floor, int FloorFrames) mark)
    {
        while (Frames.Count > mark.Frames) Frames.Pop();
        Truncate(mark.Locals);
        _callFloor = mark.Floor;
        _callFrames = mark.FloorFrames;
    }

    /// <summary>Deleted references at the end of the table are dropped, so delete-as-you-go loops (and attached threads, which have no call to end) do not grow it.</summary>
    public void TrimDeleted()
    {
        var floor = Math.Max(_callFloor, Frames.Count > 0 ? Frames.Peek() : 0);
        var n = Locals.Count;
        while (n > floor && Locals[n - 1] is null) n--;
        Truncate(n);
    }

    /// <summary>A thread leaving the VM (DetachCurrentThread) keeps nothing.</summary>
    public void Reset()
    {
        Locals.Clear();
        Frames.Clear();
        Pending = null;
        LibraryContext = null;
        _callFloor = _callFrames = 0;
    }

    private void Truncate(int count)
    {
        if (Locals.Count > count) Locals.RemoveRange(count, Locals.Count - count);
    }
}
