using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// The C# implementations of the class library's native methods (one file per Java class in this folder, each with a
/// Register method), and intrinsics: C# replacements for bytecode methods the VM implements itself. Keyed by
/// "class.name(descriptor)". A native method with no entry fails on first call with UnsatisfiedLinkError, as in HotSpot.
/// </summary>
public sealed class NativeRegistry
{
    private readonly Dictionary<string, NativeMethod> _natives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeMethod> _intrinsics = new(StringComparer.Ordinal);
    private readonly HashSet<string> _intrinsicClasses = new(StringComparer.Ordinal);

    public NativeRegistry(JavaVm vm)
    {
        Vm = vm;
        foreach (var register in NativeClasses.All) register(this);
    }

    public JavaVm Vm { get; }

    public void Add(string className, string name, string descriptor, NativeMethod implementation) =>
        _natives[$"{className}.{name}{descriptor}"] = implementation;

    /// <summary>
    /// A native over Nido.Linux calls: a failed call's <see cref="Nido.Linux.ErrnoException"/> becomes the Java
    /// exception <paramref name="onErrno"/> makes (IOException with the C library's text, NIO's UnixException …).
    /// </summary>
    public void Add(string className, string name, string descriptor, NativeMethod implementation,
        Func<JThread, Nido.Linux.ErrnoException, JavaThrow> onErrno) =>
        Add(className, name, descriptor, (t, a) =>
        {
            try { return implementation(t, a); }
            catch (Nido.Linux.ErrnoException e) { throw onErrno(t, e); }
        });

    /// <summary>The usual <c>onErrno</c>: an IOException with the C library's text, as libjava's and libnio's JNU helpers.</summary>
    public static JavaThrow IOException(JThread t, Nido.Linux.ErrnoException e) => t.Vm.Throw("java/io/IOException", e.Description);

    /// <summary>Every overload of <paramref name="name"/> in the class (natives whose descriptors do not matter, such as registerNatives).</summary>
    public void AddAny(string className, string name, NativeMethod implementation) => _natives[$"{className}.{name}*"] = implementation;

    public void Intrinsic(string className, string name, string descriptor, NativeMethod implementation)
    {
        _intrinsics[$"{className}.{name}{descriptor}"] = implementation;
        _intrinsicClasses.Add(className);
    }

    /// <summary>Asked for every method of every class linked: the key is built only for the few classes that have one.</summary>
    public NativeMethod? IntrinsicFor(JMethod m) =>
        !_intrinsicClasses.Contains(m.Owner.Name) ? null : _intrinsics.GetValueOrDefault($"{m.Owner.Name}.{m.Name}{m.Descriptor}");

    public NativeMethod Bind(JMethod m)
    {
        if (_natives.TryGetValue($"{m.Owner.Name}.{m.Name}{m.Descriptor}", out var f)) return NativeEffects.Gate(m, f, userLibrary: false);
        if (_natives.TryGetValue($"{m.Owner.Name}.{m.Name}*", out f)) return NativeEffects.Gate(m, f, userLibrary: false);
        if (Vm.Jni?.Bind(m) is { } jni) return NativeEffects.Gate(m, jni, userLibrary: true);
        throw Vm.Throw("java/lang/UnsatisfiedLinkError", $"'{DescriptorText.Method(m.Name, m.Descriptor, m.Owner.JavaName)}'");
    }
}

/// <summary>Optional binder of native methods to loaded JNI libraries.</summary>
public interface IJniBinder
{
    NativeMethod? Bind(JMethod method);
}
