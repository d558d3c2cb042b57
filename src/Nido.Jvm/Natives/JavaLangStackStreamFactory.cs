using System.Collections.Concurrent;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.lang.StackStreamFactory: the VM half of StackWalker. callStackWalk snapshots the calling thread's frames
/// (below the walker's own), fills the first batch into the Java buffer — Class objects, or StackFrameInfo with a
/// MemberName and bci — and calls back doStackWalk; fetchStackFrames fills the next batches of the same snapshot,
/// found by the anchor it handed out. Hidden frames (lambda proxies, LambdaForms) are left out unless the walker
/// shows them; reflection frames are filtered on the Java side.
/// </summary>
internal static class JavaLangStackStreamFactory
{
    private const string C = "java/lang/StackStreamFactory$AbstractStackWalker";
    private const long FillClassRefsOnly = 0x2, ShowHiddenFrames = 0x20;
    private static readonly ConcurrentDictionary<long, Walk> Walks = new();
    private static long _nextAnchor;

    private sealed class Walk(JMethod[] methods, int[] pcs)
    {
        public readonly JMethod[] Methods = methods;
        public readonly int[] Pcs = pcs;
        public int Next;
    }

    public static void Register(NativeRegistry r)
    {
        r.Add("java/lang/StackStreamFactory", "checkStackWalkModes", "()Z", static (t, a) => Slot.OfBool(true));
        r.Add(C, "callStackWalk", "(JIII[Ljava/lang/Object;)Ljava/lang/Object;", static (t, a) =>
        {
            var walker = a[0].R!;
            var mode = a[1].J;
            int skip = a[3].I, batch = a[4].I, start = a[5].I;
            var frames = (JArray<JObject?>)a[6].R!;
            var walk = Snapshot(t, mode, skip);
            var anchor = Interlocked.Increment(ref _nextAnchor);
            Walks[anchor] = walk;
            try
            {
                var end = Fill(t, walk, mode, batch, start, frames);
                var callback = walker.Class.FindMethod("doStackWalk", "(JIIII)Ljava/lang/Object;")!;
                return t.Invoke(callback, Slot.OfRef(walker), Slot.OfLong(anchor), default, Slot.OfInt(skip), Slot.OfInt(batch),
                    Slot.OfInt(start), Slot.OfInt(end));
            }
            finally
            {
                Walks.TryRemove(anchor, out _);
            }
        });
        r.Add(C, "fetchStackFrames", "(JJII[Ljava/lang/Object;)I", static (t, a) =>
        {
            var mode = a[1].J;
            if (!Walks.TryGetValue(a[3].J, out var walk)) throw t.Vm.Throw("java/lang/InternalError", "doStackWalk: corrupted buffers on stack");
            return Slot.OfInt(Fill(t, walk, mode, a[5].I, a[6].I, (JArray<JObject?>)a[7].R!));
        });
        r.Add("java/lang/StackTraceElement", "initStackTraceElement", "(Ljava/lang/StackTraceElement;Ljava/lang/StackFrameInfo;)V", static (t, a) =>
        {
            var vm = t.Vm;
            var info = a[1].R!;
            if (vm.GetField(info, "memberName").R?.Vm is not JMethod m) throw vm.Throw("java/lang/InternalError", "stack frame without a method");
            JavaLangThrowable.Fill(t, a[0].R!, m, m.IsNative ? -2 : vm.GetField(info, "bci").I);
            return default;
        });
    }

    /// <summary>The thread's frames, innermost first, from the caller of the walker's own methods on, <paramref name="skip"/> more dropped.</summary>
    private static Walk Snapshot(JThread t, long mode, int skip)
    {
        var methods = new List<JMethod>();
        var pcs = new List<int>();
        var d = t.Depth - 1;
        while (d >= 0 && IsWalkerFrame(t.FrameMethod(d).Owner)) d--;
        for (; d >= 0; d--)
        {
            var m = t.FrameMethod(d);
            if ((mode & ShowHiddenFrames) == 0 && JavaLangThrowable.IsHiddenFrame(m)) continue;
            if (skip > 0) { skip--; continue; }
            methods.Add(m);
            pcs.Add(t.FramePcs[d]);
        }
        return new Walk([.. methods], [.. pcs]);
    }

    private static bool IsWalkerFrame(JClass c) =>
        c.Name is "java/lang/StackWalker" or C || c.Super?.Name == C;

    private static int Fill(JThread t, Walk walk, long mode, int batch, int start, JArray<JObject?> frames)
    {
        var vm = t.Vm;
        var end = start;
        while (end - start < batch && end < frames.Data.Length && walk.Next < walk.Methods.Length)
        {
            var m = walk.Methods[walk.Next];
            var pc = walk.Pcs[walk.Next];
            walk.Next++;
            if ((mode & FillClassRefsOnly) != 0)
            {
                frames.Data[end++] = vm.Mirror(m.Owner);
                continue;
            }
            var info = frames.Data[end++] ?? throw vm.Throw("java/lang/NullPointerException", "stack frame buffer");
            var mn = vm.GetField(info, "memberName").R!;
            MethodHandleNativesSupport.InitFromMethod(t, mn, m);
            vm.SetField(info, info.Class, "bci", Slot.OfInt(pc < 0 || m.IsNative ? -1 : pc));
        }
        return end;
    }
}
