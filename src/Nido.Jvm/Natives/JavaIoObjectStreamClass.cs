using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>java.io.ObjectStreamClass: serialization asks whether a class has a static initializer (its default serialVersionUID hashes that in).</summary>
internal static class JavaIoObjectStreamClass
{
    private const string C = "java/io/ObjectStreamClass";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "initNative", "()V", static (t, a) => default);
        r.Add(C, "hasStaticInitializer", "(Ljava/lang/Class;)Z", static (t, a) =>
            Slot.OfBool(t.Vm.ClassOf(a[0].R!).DeclaredMethod("<clinit>", "()V") is not null));
    }
}
