using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.lang.reflect.Executable (and Field): parameters from the MethodParameters attribute (javac -parameters),
/// null without it so Java names them arg0, arg1 …; type annotations are not kept, so their bytes are null (none).
/// </summary>
internal static class JavaLangReflectExecutable
{
    private const string C = "java/lang/reflect/Executable";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "getParameters0", "()[Ljava/lang/reflect/Parameter;", static (t, a) =>
        {
            var vm = t.Vm;
            var executable = a[0].R!;
            var m = Reflect.MethodOf(t, executable);
            if (m.Info.Parameters is not { } parameters) return default;
            var c = vm.BootClass("java/lang/reflect/Parameter");
            vm.EnsureInitialized(t, c);
            var ctor = c.DeclaredMethod("<init>", "(Ljava/lang/String;ILjava/lang/reflect/Executable;I)V")!;
            var array = (JArray<JObject?>)vm.NewArray(c, parameters.Length);
            for (var i = 0; i < parameters.Length; i++)
            {
                var p = vm.NewObject(c);
                var name = parameters[i].Name is { } n ? vm.NewString(n) : null;
                t.Invoke(ctor, Slot.OfRef(p), Slot.OfRef(name), Slot.OfInt((int)parameters[i].Flags), Slot.OfRef(executable), Slot.OfInt(i));
                array.Data[i] = p;
            }
            return Slot.OfRef(array);
        });
        r.Add(C, "getTypeAnnotationBytes0", "()[B", static (t, a) => default);
        r.Add("java/lang/reflect/Field", "getTypeAnnotationBytes0", "()[B", static (t, a) => default);
    }
}
