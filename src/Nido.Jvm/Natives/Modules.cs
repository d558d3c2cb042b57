using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// Module membership without the boot layer: a class whose mirror has no module yet belongs to its loader's unnamed
/// module (the bootstrap loader's is BootLoader.UNNAMED_MODULE, created in initPhase1).
/// </summary>
internal static class Modules
{
    public static JObject? Of(JThread t, JClass c, JObject mirror)
    {
        var vm = t.Vm;
        var field = vm.FieldOf(vm.ClassClass, "module");
        if (mirror.Fields[field.Slot].R is { } known) return known;
        JObject? module;
        if (c.IsArray) module = Of(t, Element(c), vm.Mirror(Element(c)));
        else if (c.Loader is null)
        {
            var bootLoader = vm.BootClass("jdk/internal/loader/BootLoader");
            vm.EnsureInitialized(t, bootLoader);
            module = bootLoader.Static("UNNAMED_MODULE").R;
        }
        else module = vm.GetField(c.Loader, "unnamedModule").R;
        if (module is not null) mirror.Fields[field.Slot].R = module;
        return module;
    }

    private static JClass Element(JClass c)
    {
        while (c.Component is { } e) c = e;
        return c;
    }

    public static void Register(NativeRegistry r)
    {
        const string M = "java/lang/Module";
        r.Add(M, "defineModule0", "(Ljava/lang/Module;ZLjava/lang/String;Ljava/lang/String;[Ljava/lang/Object;)V", static (t, a) => default);
        r.Add(M, "addReads0", "(Ljava/lang/Module;Ljava/lang/Module;)V", static (t, a) => default);
        r.Add(M, "addExports0", "(Ljava/lang/Module;Ljava/lang/String;Ljava/lang/Module;)V", static (t, a) => default);
        r.Add(M, "addExportsToAll0", "(Ljava/lang/Module;Ljava/lang/String;)V", static (t, a) => default);
        r.Add(M, "addExportsToAllUnnamed0", "(Ljava/lang/Module;Ljava/lang/String;)V", static (t, a) => default);
        r.Add("jdk/internal/loader/BootLoader", "setBootLoaderUnnamedModule0", "(Ljava/lang/Module;)V", static (t, a) => default);
        r.Add("jdk/internal/loader/BootLoader", "getSystemPackageLocation", "(Ljava/lang/String;)Ljava/lang/String;", static (t, a) =>
        {
            var package = t.Vm.StringOf(a[0].R)!.Replace('.', '/');
            return Slot.OfRef(t.Vm.ModuleOfPackageName(package) is { } m ? t.Vm.NewString("jrt:/" + m) : null);
        });
        r.Add("jdk/internal/loader/BootLoader", "getSystemPackageNames", "()[Ljava/lang/String;", static (t, a) =>
            Slot.OfRef(t.Vm.NewArray(t.Vm.StringClass, 0)));
    }
}
