using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>
/// dlopen/dlsym/dlclose with dlerror's own text, for loaders that report it verbatim (the JVM's
/// UnsatisfiedLinkError). Handles are raw because the caller (Java's NativeLibraries) keeps them as numbers.
/// </summary>
public static class DynamicLibraries
{
    /// <summary>Loads <paramref name="path"/> (RTLD_LAZY, as HotSpot); 0 and dlerror's message on failure.</summary>
    public static nint Open(string path, out string? error)
    {
        Interop.dlerror(); // clear a stale error
        var handle = Interop.dlopen(path, Interop.RTLD_LAZY);
        error = handle == 0 ? LastError() ?? $"{path}: cannot load" : null;
        return handle;
    }

    /// <summary>The address of <paramref name="name"/> in the library, or 0.</summary>
    public static nint Symbol(nint handle, string name) => handle == 0 ? 0 : Interop.dlsym(handle, name);

    public static void Close(nint handle)
    {
        if (handle != 0) Interop.dlclose(handle);
    }

    private static string? LastError() => Marshal.PtrToStringUTF8(Interop.dlerror());
}
