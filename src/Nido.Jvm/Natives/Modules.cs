using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// Module membership. System.initPhase2 defines the boot layer's modules through Module.defineModule0, which records
/// each module's packages here (for the boot layer by package name alone: the VM's bootstrap source serves every
/// image class, whichever built-in loader Java maps its module to). A class's module is the one defining its
/// package, else its loader's unnamed module; before java.base is defined nothing is cached, so classes loaded
/// early move into java.base as HotSpot's fix-up does.
/// </summary>
internal static class Modules
{
    private sealed class Registry
    {
        public readonly ConcurrentDictionary<string, JObject> BootLayer = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<(JObject Loader, string Package), JObject> Other = new();
        public volatile bool BaseDefined;
    }

    private static readonly ConditionalWeakTable<JavaVm, Registry> Registries = new();

    private static Registry Of(JavaVm vm) => Registries.GetValue(vm, static _ => new Registry());

    public static JObject? Of(JThread t, JClass c, JObject mirror)
    {
        var vm = t.Vm;
        var field = vm.FieldOf(vm.ClassClass, "module");
        if (mirror.Fields[field.Slot].R is { } known) return known;
        if (c.IsArray) return Cache(Of(t, Element(c), vm.Mirror(Element(c))));
        var registry = Of(vm);
        var package = c.Package;
        JObject? module = null;
        if (c.Loader is null || IsBuiltin(c.Loader)) registry.BootLayer.TryGetValue(package, out module);
        if (module is null && c.Loader is not null) registry.Other.TryGetValue((c.Loader, package), out module);
        if (module is null && c.Loader is null)
        {
            var bootLoader = vm.BootClass("jdk/internal/loader/BootLoader");
            vm.EnsureInitialized(t, bootLoader);
            module = bootLoader.Static("UNNAMED_MODULE").R;
            if (!registry.BaseDefined) return module;
        }
        else module ??= vm.GetField(c.Loader!, "unnamedModule").R;
        return Cache(module);

        JObject? Cache(JObject? m)
        {
            if (m is not null) mirror.Fields[field.Slot].R = m;
            return m;
        }
    }

    /// <summary>
    /// One of the JDK's built-in loaders (application, platform; recognised by class, since initPhase2 creates them
    /// before the VM records them): they map the boot layer's modules, whose classes the bootstrap source serves.
    /// </summary>
    internal static bool IsBuiltin(JObject loader) => loader.Class.Name.StartsWith("jdk/internal/loader/ClassLoaders$", StringComparison.Ordinal);

    private static JClass Element(JClass c)
    {
        while (c.Component is { } e) c = e;
        return c;
    }

    public static void Register(NativeRegistry r)
    {
        const string M = "java/lang/Module";
        r.Add(M, "defineModule0", "(Ljava/lang/Module;ZLjava/lang/String;Ljava/lang/String;[Ljava/lang/Object;)V", static (t, a) =>
        {
            Define(t, a[0].R ?? throw t.Vm.Throw("java/lang/NullPointerException", "Null module object"), (JArray<JObject?>?)a[4].R);
            return default;
        });
        // Reads, exports and opens are kept by the Module objects themselves; the VM checks no module access.
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
        {
            var vm = t.Vm;
            var names = Of(vm).BootLayer.Where(p => vm.GetField(p.Value, "loader").R is null).Select(p => p.Key).ToArray();
            var array = (JArray<JObject?>)vm.NewArray(vm.StringClass, names.Length);
            for (var i = 0; i < names.Length; i++) array.Data[i] = vm.NewString(names[i]);
            return Slot.OfRef(array);
        });
    }

    private static void Define(JThread t, JObject module, JArray<JObject?>? packages)
    {
        var vm = t.Vm;
        var registry = Of(vm);
        var loader = vm.GetField(module, "loader").R;
        var name = vm.StringOf(vm.GetField(module, "name").R);
        var bootLayer = loader is null || IsBuiltin(loader);
        foreach (var p in packages?.Data ?? [])
        {
            var package = vm.StringOf(p)!.Replace('.', '/');
            if (bootLayer) registry.BootLayer.TryAdd(package, module);
            else registry.Other.TryAdd((loader!, package), module);
        }
        if (loader is null && name == "java.base") registry.BaseDefined = true;
    }
}
