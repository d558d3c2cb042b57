using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.lang.ref.Reference: its natives, and intrinsics for the methods that read or write the referent field,
/// which stays null because the referent lives in a <see cref="ReferentCell"/> the .NET GC treats as weak.
/// </summary>
internal static class JavaLangRefReference
{
    private const string R = "java/lang/ref/Reference";

    public static void Register(NativeRegistry r)
    {
        r.Intrinsic(R, "<init>", "(Ljava/lang/Object;Ljava/lang/ref/ReferenceQueue;)V", static (t, a) =>
        {
            t.Vm.References.Register(t, a[0].R!, a[1].R, a[2].R);
            return default;
        });
        r.Intrinsic(R, "get", "()Ljava/lang/Object;", static (t, a) => Slot.OfRef(Referent(a[0])));
        r.Intrinsic(R, "getFromInactiveFinalReference", "()Ljava/lang/Object;", static (t, a) => Slot.OfRef(Referent(a[0])));
        r.Intrinsic(R, "clearInactiveFinalReference", "()V", static (t, a) => Clear(a[0]));
        r.Add(R, "refersTo0", "(Ljava/lang/Object;)Z", static (t, a) => Slot.OfBool(ReferenceEquals(Referent(a[0]), a[1].R)));
        r.Add("java/lang/ref/PhantomReference", "refersTo0", "(Ljava/lang/Object;)Z", static (t, a) => Slot.OfBool(ReferenceEquals(Referent(a[0]), a[1].R)));
        r.Add(R, "clear0", "()V", static (t, a) => Clear(a[0]));
        r.Add(R, "getAndClearReferencePendingList", "()Ljava/lang/ref/Reference;", static (t, a) => Slot.OfRef(t.Vm.References.TakePending()));
        r.Add(R, "hasReferencePendingList", "()Z", static (t, a) => Slot.OfBool(t.Vm.References.HasPending));
        r.Add(R, "waitForReferencePendingList", "()V", static (t, a) =>
        {
            t.Vm.References.WaitForPending();
            return default;
        });
    }

    private static JObject? Referent(Slot reference) => References.CellOf(reference.R!)?.Referent;

    private static Slot Clear(Slot reference)
    {
        References.CellOf(reference.R!)?.Clear();
        return default;
    }
}
