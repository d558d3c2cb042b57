using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>The frames a Throwable captured: methods and pcs (-2 for a native method), innermost first.</summary>
public sealed record Backtrace(JMethod[] Methods, int[] Pcs);

/// <summary>java.lang.Throwable.fillInStackTrace and StackTraceElement's initialisers.</summary>
internal static class JavaLangThrowable
{
    public static void Register(NativeRegistry r)
    {
        r.Add("java/lang/Throwable", "fillInStackTrace", "(I)Ljava/lang/Throwable;", static (t, a) =>
        {
            var vm = t.Vm;
            var self = a[0].R!;
            var bt = Capture(t, self);
            var holder = new VmBox(vm.ObjectClass, bt);
            vm.SetField(self, self.Class, "backtrace", Slot.OfRef(holder));
            vm.SetField(self, self.Class, "depth", Slot.OfInt(bt.Methods.Length));
            return Slot.OfRef(self);
        });
        r.Add("java/lang/StackTraceElement", "initStackTraceElements", "([Ljava/lang/StackTraceElement;Ljava/lang/Throwable;)V", static (t, a) =>
        {
            var vm = t.Vm;
            var elements = (JArray<JObject?>)a[0].R!;
            var throwable = a[1].R!;
            if (vm.GetField(throwable, "backtrace").R?.Vm is not Backtrace bt) return default;
            for (var i = 0; i < elements.Data.Length && i < bt.Methods.Length; i++)
                Fill(t, elements.Data[i]!, bt.Methods[i], bt.Pcs[i]);
            return default;
        });
        // Frames of the JDK print as "java.base/…" and app frames without a loader name, as HotSpot's format bits say.
        r.Intrinsic("java/lang/StackTraceElement", "computeFormat", "()V", static (t, a) =>
        {
            var vm = t.Vm;
            var self = a[0].R!;
            var declaring = vm.GetField(self, "declaringClassObject").R;
            byte bits = 0;
            if (declaring is not null)
            {
                var c = vm.ClassOf(declaring);
                if (c.Loader is null || ReferenceEquals(c.Loader, vm.AppLoader) || ReferenceEquals(c.Loader, vm.PlatformLoader)) bits |= 1;
                if (c.Loader is null) bits |= 2;
            }
            vm.SetField(self, self.Class, "format", Slot.OfInt(bits));
            vm.SetField(self, self.Class, "declaringClassObject", Slot.OfRef(null));
            return default;
        });
    }

    /// <summary>The thread's frames minus the fillInStackTrace/constructor frames of the throwable itself (as HotSpot skips them).</summary>
    /// <remarks>At most <paramref name="limit"/> frames, the innermost: HotSpot's MaxJavaStackTraceDepth of 1024.</remarks>
    public static Backtrace Capture(JThread t, JObject? self, int limit = 1024)
    {
        var depth = t.Depth;
        var skip = 0;
        while (skip < depth && t.FrameMethod(depth - 1 - skip) is { } m && m.Name is "fillInStackTrace") skip++;
        while (self is not null && skip < depth && t.FrameMethod(depth - 1 - skip) is { IsConstructor: true } ctor && self.Class.IsSubtypeOf(ctor.Owner)) skip++;
        var count = depth - skip;
        return Collect(t.Vm, t.FrameMethodIds.AsSpan(0, count), t.FramePcs.AsSpan(0, count), limit);
    }

    /// <summary>
    /// Another thread's frames, innermost first, read while it runs (HotSpot stops it at a safepoint; here the copy
    /// is taken without stopping it, so a frame being pushed or popped meanwhile may be missed or seen twice).
    /// </summary>
    public static Backtrace CaptureOther(JThread other, int limit = 1024)
    {
        var depth = Math.Min(other.Depth, other.FrameMethodIds.Length);
        return Collect(other.Vm, other.FrameMethodIds.AsSpan(0, depth).ToArray(), other.FramePcs.AsSpan(0, depth).ToArray(), limit);
    }

    /// <summary>
    /// The frames (outermost first in the spans) as a backtrace, innermost first, at most <paramref name="limit"/>:
    /// frames of hidden classes (lambda proxies) and LambdaForms left out, as HotSpot without -XX:+ShowHiddenFrames.
    /// </summary>
    private static Backtrace Collect(JavaVm vm, ReadOnlySpan<int> ids, ReadOnlySpan<int> framePcs, int limit)
    {
        var methods = new List<JMethod>(Math.Min(ids.Length, limit));
        var pcs = new List<int>(methods.Capacity);
        for (var i = ids.Length - 1; i >= 0 && methods.Count < limit; i--)
        {
            JMethod m;
            try { m = vm.MethodById(ids[i]); }
            catch (IndexOutOfRangeException) { continue; } // another thread's frame caught half-written
            if (IsHiddenFrame(m)) continue;
            methods.Add(m);
            pcs.Add(framePcs[i]);
        }
        return new Backtrace([.. methods], [.. pcs]);
    }

    public static bool IsHiddenFrame(JMethod m) => m.Owner.IsHidden || IsLambdaFormFrame(m);

    /// <summary>
    /// The LambdaForm machinery HotSpot hides (@LambdaForm.Hidden): the pre-generated holders' methods and the
    /// signature-polymorphic intrinsics.
    /// </summary>
    private static bool IsLambdaFormFrame(JMethod m) =>
        m.Owner.Name.StartsWith("java/lang/invoke/", StringComparison.Ordinal)
        && (m.Owner.Name.EndsWith("$Holder", StringComparison.Ordinal) || m.Index < 0);

    /// <summary>A frame's StackTraceElement line: -2 for a native method, -1 where the class has no line table.</summary>
    public static int LineOf(JMethod m, int pc) => pc == -2 || m.IsNative ? -2 : m.Code?.LineOf(pc) ?? -1;

    public static void Fill(JThread t, JObject element, JMethod m, int pc)
    {
        var vm = t.Vm;
        var c = element.Class;
        vm.SetField(element, c, "declaringClassObject", Slot.OfRef(vm.Mirror(m.Owner)));
        vm.SetField(element, c, "declaringClass", Slot.OfRef(vm.Intern(m.Owner.JavaName)));
        vm.SetField(element, c, "methodName", Slot.OfRef(vm.Intern(m.Name)));
        if (m.Owner.SourceFile is { } file) vm.SetField(element, c, "fileName", Slot.OfRef(vm.Intern(file)));
        vm.SetField(element, c, "lineNumber", Slot.OfInt(LineOf(m, pc)));
        if (m.Owner.Loader is null && vm.ModuleOf(m.Owner) is { } module)
        {
            vm.SetField(element, c, "moduleName", Slot.OfRef(vm.Intern(module)));
            vm.SetField(element, c, "moduleVersion", Slot.OfRef(vm.Intern(vm.JavaVersion)));
        }
        else if (ReferenceEquals(m.Owner.Loader, vm.AppLoader)) vm.SetField(element, c, "classLoaderName", Slot.OfRef(vm.Intern("app")));
    }
}
