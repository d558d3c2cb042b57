using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>jdk.internal.misc.VM, CDS (no archive), Signal, ScopedMemoryAccess; jdk.internal.reflect.Reflection; AccessController.</summary>
internal static class JdkInternalMisc
{
    public static void Register(NativeRegistry r)
    {
        const string V = "jdk/internal/misc/VM";
        r.Add(V, "initialize", "()V", static (t, a) => default);
        r.Add(V, "latestUserDefinedLoader0", "()Ljava/lang/ClassLoader;", static (t, a) =>
        {
            // HotSpot's JVM_LatestUserDefinedLoader: the nearest caller whose loader is neither the boot nor the
            // platform loader (the application loader counts), skipping generated reflection accessors.
            foreach (var m in JavaLangThrowable.Capture(t, null, int.MaxValue).Methods)
                if (m.Owner.Loader is { } l && !ReferenceEquals(l, t.Vm.PlatformLoader) && !IsReflectionFrame(m)) return Slot.OfRef(l);
            return default;
        });
        r.Add(V, "getuid", "()J", static (t, a) => Slot.OfLong(Nido.Linux.Credentials.RealUid));
        r.Add(V, "geteuid", "()J", static (t, a) => Slot.OfLong(Nido.Linux.Credentials.EffectiveUid));
        r.Add(V, "getgid", "()J", static (t, a) => Slot.OfLong(Nido.Linux.Credentials.RealGid));
        r.Add(V, "getegid", "()J", static (t, a) => Slot.OfLong(Nido.Linux.Credentials.EffectiveGid));
        r.Add(V, "getNanoTimeAdjustment", "(J)J", static (t, a) =>
        {
            var now = DateTimeOffset.UtcNow;
            var seconds = now.ToUnixTimeSeconds();
            var diff = seconds - a[0].J;
            if (diff is > uint.MaxValue or < -(long)uint.MaxValue) return Slot.OfLong(-1);
            var nanos = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % TimeSpan.TicksPerSecond * 100;
            return Slot.OfLong(diff * 1_000_000_000 + nanos);
        });
        r.Add(V, "getRuntimeArguments", "()[Ljava/lang/String;", static (t, a) => Slot.OfRef(t.Vm.NewArray(t.Vm.StringClass, 0)));
        const string Cds = "jdk/internal/misc/CDS";
        r.Add(Cds, "isDumpingClassList0", "()Z", static (t, a) => Slot.OfBool(false));
        r.Add(Cds, "isDumpingArchive0", "()Z", static (t, a) => Slot.OfBool(false));
        r.Add(Cds, "isSharingEnabled0", "()Z", static (t, a) => Slot.OfBool(false));
        r.Add(Cds, "logLambdaFormInvoker", "(Ljava/lang/String;)V", static (t, a) => default);
        r.Add(Cds, "initializeFromArchive", "(Ljava/lang/Class;)V", static (t, a) => default);
        r.Add(Cds, "defineArchivedModules", "(Ljava/lang/ClassLoader;Ljava/lang/ClassLoader;)V", static (t, a) => default);
        r.Add(Cds, "getRandomSeedForDumping", "()J", static (t, a) => Slot.OfLong(0));
        r.Add(Cds, "dumpClassList", "(Ljava/lang/String;)V", static (t, a) => default);
        r.Add(Cds, "dumpDynamicArchive", "(Ljava/lang/String;)V", static (t, a) => default);
        const string S = "jdk/internal/misc/Signal";
        r.Add(S, "findSignal0", "(Ljava/lang/String;)I", static (t, a) => Slot.OfInt(t.Vm.StringOf(a[0].R) switch
        {
            "HUP" => 1, "INT" => 2, "QUIT" => 3, "ILL" => 4, "TRAP" => 5, "ABRT" => 6, "BUS" => 7, "FPE" => 8, "KILL" => 9,
            "USR1" => 10, "SEGV" => 11, "USR2" => 12, "PIPE" => 13, "ALRM" => 14, "TERM" => 15, "CHLD" => 17, "CONT" => 18,
            "STOP" => 19, "TSTP" => 20, "TTIN" => 21, "TTOU" => 22, "URG" => 23, "XCPU" => 24, "XFSZ" => 25, "VTALRM" => 26,
            "PROF" => 27, "WINCH" => 28, "IO" => 29, "PWR" => 30, "SYS" => 31, _ => -1,
        }));
        r.Add(S, "handle0", "(IJ)J", static (t, a) => Slot.OfLong(t.Vm.Signals.Register(a[0].I, a[1].J)));
        // Signal.raise: the signal goes to this process (its Java handler, if one is installed, runs as for one sent).
        r.Add(S, "raise0", "(I)V", static (t, a) =>
        {
            Signals.SendToProcess(Signals.CurrentProcessId, a[0].I);
            return default;
        });
        r.AddAny("jdk/internal/misc/ScopedMemoryAccess", "registerNatives", static (t, a) => default);
        const string R = "jdk/internal/reflect/Reflection";
        r.Add(R, "getCallerClass", "()Ljava/lang/Class;", static (t, a) =>
        {
            // Frame 0 is getCallerClass itself, 1 the @CallerSensitive method, 2 its caller (skipping reflection frames).
            var depth = 0;
            for (var i = t.Depth - 1; i >= 0; i--)
            {
                var m = t.FrameMethod(i);
                if (depth >= 2 && !IsReflectionFrame(m)) return Slot.OfRef(t.Vm.Mirror(m.Owner));
                depth++;
            }
            return default;
        });
        r.Add(R, "getClassAccessFlags", "(Ljava/lang/Class;)I", static (t, a) => Slot.OfInt((int)t.Vm.ClassOf(a[0].R!).Flags));
        r.Add(R, "areNestMates", "(Ljava/lang/Class;Ljava/lang/Class;)Z", static (t, a) =>
            Slot.OfBool(ReferenceEquals(JavaLangClass.NestHost(t, t.Vm.ClassOf(a[0].R!)), JavaLangClass.NestHost(t, t.Vm.ClassOf(a[1].R!)))));
        const string A = "java/security/AccessController";
        r.Add(A, "getProtectionDomain", "(Ljava/lang/Class;)Ljava/security/ProtectionDomain;", static (t, a) => Slot.OfRef(t.Vm.ClassOf(a[0].R!).ProtectionDomain));
        r.Add(A, "ensureMaterializedForStackWalk", "(Ljava/lang/Object;)V", static (t, a) => default);
        r.Add(A, "getStackAccessControlContext", "()Ljava/security/AccessControlContext;", static (t, a) => default);
        r.Add(A, "getInheritedAccessControlContext", "()Ljava/security/AccessControlContext;", static (t, a) => default);
    }

    /// <summary>Method.invoke and its accessors are skipped when looking for the caller, as HotSpot does.</summary>
    private static bool IsReflectionFrame(JMethod m) =>
        m.Owner.Name is "java/lang/reflect/Method" or "java/lang/reflect/Constructor"
        || m.Owner.Name.StartsWith("jdk/internal/reflect/", StringComparison.Ordinal)
        || m.Owner.Name.StartsWith("java/lang/invoke/", StringComparison.Ordinal) && m.Owner.IsHidden;
}
