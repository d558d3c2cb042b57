using Nido.Linux;
using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Runtime;

public sealed partial class JavaVm
{
    /// <summary>
    /// Resolves a class name (internal form or array descriptor) as seen from <paramref name="from"/> (JVMS 5.4.3.1).
    /// A class no loader has is a NoClassDefFoundError; through a Java class loader (application, platform or
    /// user-defined) it is caused by the ClassNotFoundException that loader's loadClass threw, as in HotSpot, with
    /// the loader's frames in its trace (<see cref="NotFoundThroughJava"/>). An array's missing element stays an
    /// error of the array's name, without a cause.
    /// </summary>
    public JClass ResolveClassName(JClass from, string name)
    {
        if (from.IsHidden && name == from.File?.Name) return from; // a hidden class is found by no loader, but names itself
        var isArray = name.StartsWith('[');
        try
        {
            return LoadClass(name, from.Loader, javaThrows: !isArray)
                ?? (from.Loader is null || isArray ? throw Throw("java/lang/NoClassDefFoundError", name) : NotFoundThroughJava(name, from.Loader));
        }
        catch (JavaThrow e) when (from.Loader is not null && IsNotFound(e))
        {
            throw Throw("java/lang/NoClassDefFoundError", name, cause: e.Throwable);
        }
    }

    private bool IsNotFound(JavaThrow e) => e.Throwable.Class.IsSubtypeOf(BootClass("java/lang/ClassNotFoundException"));

    /// <summary>
    /// Throws the ClassNotFoundException of a Java class loader that does not have <paramref name="name"/> (internal
    /// form). The built-in application and platform loaders are read here, in C#, so their loadClass is called only
    /// now, as HotSpot calls it for every class: its exception has the frames java's traces show
    /// (BuiltinClassLoader.loadClass, AppClassLoader.loadClass, ClassLoader.loadClass). Should the Java side find
    /// the class after all, it is returned. (A user-defined loader was asked already and threw its own, unless it
    /// answered null or with another class.)
    /// </summary>
    public JClass NotFoundThroughJava(string name, JObject loader)
    {
        if ((ReferenceEquals(loader, AppLoader) || ReferenceEquals(loader, PlatformLoader)) && JThread.Current is not null
            && LoadThroughJava(name, loader, DataOf(loader), javaThrows: true) is { } c)
            return c;
        throw Throw("java/lang/ClassNotFoundException", name.Replace('/', '.'));
    }

    /// <summary>
    /// Loads through <paramref name="loader"/> (null: bootstrap); null when no loader in the chain has it. With
    /// <paramref name="javaThrows"/>, a user-defined loader's ClassNotFoundException is thrown instead (resolution
    /// and Class.forName show it, as HotSpot).
    /// </summary>
    public JClass? LoadClass(string name, JObject? loader, bool javaThrows = false)
    {
        var data = DataOf(loader);
        if (data.Classes.TryGetValue(name, out var known)) return known;
        if (name.StartsWith('[')) return ArrayClassByName(name, loader, javaThrows);
        if (loader is null) return LoadBoot(name);
        if (ReferenceEquals(loader, AppLoader) || ReferenceEquals(loader, PlatformLoader))
        {
            // The built-in loaders delegate to the bootstrap loader first (parent delegation), then read the class path.
            var c = LoadBoot(name);
            if (c is null && ReferenceEquals(loader, AppLoader)) c = DefineFromSource(_appSource, name, data);
            if (c is not null) Record(data, c);
            return c;
        }
        return LoadThroughJava(name, loader, data, javaThrows);
    }

    public JClass BootClass(string name) => LoadClass(name, null) ?? throw Throw("java/lang/NoClassDefFoundError", name);

    private JClass? LoadBoot(string name)
    {
        if (_boot.Classes.TryGetValue(name, out var c)) return c;
        return DefineFromSource(_bootSource, name, _boot);
    }

    private JClass? DefineFromSource(IClassSource source, string name, LoaderData data)
    {
        lock (data.DefineLock)
        {
            if (data.Classes.TryGetValue(name, out var c)) return c;
            var bytes = source.FindClass(name, out var codeSource);
            if (bytes is null) return null;
            if (codeSource is not null && data.Loader is not null) DefinePackage(source, data, name, codeSource);
            return DefineClass(bytes, data.Loader, name, codeSource is null ? null : ProtectionDomainOf(data.Loader, codeSource));
        }
    }

    private readonly Dictionary<string, JObject> _protectionDomains = new(StringComparer.Ordinal);

    /// <summary>
    /// A class from a jar with a manifest defines its package first with the manifest's attributes (Implementation-
    /// and Specification- title, version, vendor; Sealed), as BuiltinClassLoader.defineClass does through
    /// defineOrCheckPackage: Package.getImplementationVersion reads them. Once per package of the loader.
    /// </summary>
    private void DefinePackage(IClassSource source, LoaderData data, string name, string codeSource)
    {
        var slash = name.LastIndexOf('/');
        if (slash < 0 || JThread.Current is not { } t || !data.Packages.Add(name[..slash]) || source.ManifestOf(codeSource) is not { } manifestBytes) return;
        var input = BootClass("java/io/ByteArrayInputStream");
        EnsureInitialized(t, input);
        var stream = NewObject(input);
        var bytes = NewByteArray(manifestBytes);
        t.Invoke(input.DeclaredMethod("<init>", "([B)V")!, Slot.OfRef(stream), Slot.OfRef(bytes));
        var manifestClass = BootClass("java/util/jar/Manifest");
        EnsureInitialized(t, manifestClass);
        var manifest = NewObject(manifestClass);
        t.Invoke(manifestClass.DeclaredMethod("<init>", "(Ljava/io/InputStream;)V")!, Slot.OfRef(manifest), Slot.OfRef(stream));
        var define = BootClass("jdk/internal/loader/BuiltinClassLoader")
            .DeclaredMethod("defineOrCheckPackage", "(Ljava/lang/String;Ljava/util/jar/Manifest;Ljava/net/URL;)Ljava/lang/Package;")!;
        t.Invoke(define, Slot.OfRef(data.Loader), Slot.OfRef(NewString(name[..slash].Replace('/', '.'))), Slot.OfRef(manifest), Slot.OfRef(NewUrl(t, codeSource)));
    }

    private JObject NewUrl(JThread t, string spec)
    {
        var urlClass = BootClass("java/net/URL");
        EnsureInitialized(t, urlClass);
        var url = NewObject(urlClass);
        t.Invoke(urlClass.DeclaredMethod("<init>", "(Ljava/lang/String;)V")!, Slot.OfRef(url), Slot.OfRef(NewString(spec)));
        return url;
    }

    /// <summary>
    /// The ProtectionDomain of classes the application loader reads from one class path entry, as BuiltinClassLoader
    /// makes it: SecureClassLoader.getProtectionDomain(new CodeSource(url, null)), one per entry.
    /// </summary>
    private JObject? ProtectionDomainOf(JObject? loader, string codeSource)
    {
        if (loader is null || JThread.Current is not { } t) return null;
        lock (_protectionDomains)
            if (_protectionDomains.TryGetValue(codeSource, out var known)) return known;
        var url = NewUrl(t, codeSource);
        var csClass = BootClass("java/security/CodeSource");
        EnsureInitialized(t, csClass);
        var cs = NewObject(csClass);
        t.Invoke(csClass.DeclaredMethod("<init>", "(Ljava/net/URL;[Ljava/security/CodeSigner;)V")!, Slot.OfRef(cs), Slot.OfRef(url), default);
        var get = BootClass("java/security/SecureClassLoader").DeclaredMethod("getProtectionDomain", "(Ljava/security/CodeSource;)Ljava/security/ProtectionDomain;")!;
        var pd = t.Invoke(get, Slot.OfRef(loader), Slot.OfRef(cs)).R!;
        lock (_protectionDomains) _protectionDomains.TryAdd(codeSource, pd);
        return pd;
    }

    /// <summary>
    /// A loader's ClassLoader.loadClass(String) in Java (every class of a user-defined loader; for the built-in ones,
    /// only what they lack, <see cref="NotFoundThroughJava"/>); the result is recorded for this initiating loader.
    /// </summary>
    private JClass? LoadThroughJava(string name, JObject loader, LoaderData data, bool javaThrows)
    {
        var t = JThread.Current ?? throw new InvalidOperationException("class loading through a Java loader needs a Java thread");
        var loadClass = loader.Class.FindMethod("loadClass", "(Ljava/lang/String;)Ljava/lang/Class;")!;
        JObject? mirror;
        try
        {
            mirror = t.Invoke(loader.Class.Select(loadClass)!, Slot.OfRef(loader), Slot.OfRef(NewString(name.Replace('/', '.')))).R;
        }
        catch (JavaThrow e) when (!javaThrows && IsNotFound(e))
        {
            return null;
        }
        if (mirror is null) return null;
        var c = ClassOf(mirror);
        // As HotSpot: a loader that answers with another class (int.class, a class of another name) has not found it.
        if (c.Name != name) return null;
        Record(data, c);
        return c;
    }

    internal LoaderData DataOf(JObject? loader)
    {
        if (loader is null) return _boot;
        if (loader.Vm is LoaderData d) return d;
        lock (loader)
        {
            if (loader.Vm is LoaderData again) return again;
            var created = new LoaderData(loader);
            loader.Vm = created;
            return created;
        }
    }

    /// <summary>A loaded class by name in a loader, without loading (ClassLoader.findLoadedClass).</summary>
    public JClass? FindLoaded(string name, JObject? loader) => DataOf(loader).Classes.GetValueOrDefault(name);

    /// <summary>
    /// Parses, checks and links a class and records it with its defining loader. Format errors become
    /// ClassFormatError / UnsupportedClassVersionError; a wrong name NoClassDefFoundError, as in HotSpot.
    /// </summary>
    public JClass DefineClass(byte[] bytes, JObject? loader, string? expectedName, JObject? protectionDomain, bool hidden = false)
    {
        ClassFile.ClassFile file;
        try
        {
            file = ClassFileParser.Parse(bytes, expectedName);
        }
        catch (ClassFormatException e)
        {
            throw Throw(e.JavaError, e.Message);
        }
        if (expectedName is not null && file.Name != expectedName && !hidden)
            throw Throw("java/lang/NoClassDefFoundError", $"{expectedName} (wrong name: {file.Name})");
        var data = DataOf(loader);
        // The loader data's own loader defines: a clone of a ClassLoader shares the original's data (JObject.Vm is
        // copied, as HotSpot's injected loader_data), so what it defines is the original's, as in HotSpot.
        loader = data.Loader;
        if (!hidden && data.Classes.TryGetValue(file.Name, out var existing) && ReferenceEquals(existing.Loader, loader))
            throw Throw("java/lang/LinkageError", $"loader {LoaderName(loader)} attempted duplicate class definition for {file.Name.Replace('/', '.')}.");
        var c = new JClass(this, hidden ? file.Name + HiddenSuffix() : file.Name, loader) { File = file, Flags = file.Flags, ProtectionDomain = protectionDomain, IsHidden = hidden };
        Link(c, file);
        if (!hidden) Record(data, c, defined: true);
        if (Options.VerboseClass) VerboseLoad(c);
        return c;
    }

    private void VerboseLoad(JClass c)
    {
        var source = c.Loader is null ? "jrt:/" + ModuleOf(c) : ReferenceEquals(c.Loader, AppLoader) ? "file:" : "__JVM_DefineClass__";
        var line = System.Text.Encoding.UTF8.GetBytes($"[{(DateTime.UtcNow - StartTime).TotalSeconds:F3}s][info][class,load] {c.JavaName} source: {source}\n");
        // The VM's own log line: a closed stdout does not fail the class load (HotSpot's logging ignores it too).
        try { lock (StandardOutput) StandardOutput.Write(line); }
        catch (ErrnoException) { }
    }

    /// <summary>The module a bootstrap class belongs to, for -verbose:class and stack traces.</summary>
    public string? ModuleOf(JClass c) => c.Loader is null && _bootSource is IModuleLookup m ? m.ModuleOfPackage(c.Package) : null;

    /// <summary>
    /// A loader as HotSpot's messages name it: ClassLoader.nameAndId ('name' @hash, or the class name and hash for a
    /// loader without a name; the built-in ones without the hash).
    /// </summary>
    public string LoaderName(JObject? loader)
    {
        if (loader is null) return "'bootstrap'";
        if (ReferenceEquals(loader, AppLoader)) return "'app'";
        if (ReferenceEquals(loader, PlatformLoader)) return "'platform'";
        if (BootClass("java/lang/ClassLoader").FindField("nameAndId", "Ljava/lang/String;") is { } f && StringOf(loader.Fields[f.Slot].R) is { } nameAndId)
            return nameAndId;
        return $"{loader.Class.JavaName} @{loader.GetHashCode():x}";
    }
}

/// <summary>A class source that knows modules (the jimage): package → module name.</summary>
public interface IModuleLookup
{
    string? ModuleOfPackage(string package);
}
