using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    internal const int RTLD_LAZY = 0x1;

    [LibraryImport(Libc, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint dlopen(string? file, int mode);

    [LibraryImport(Libc, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint dlsym(nint handle, string name);

    [LibraryImport(Libc)]
    internal static partial int dlclose(nint handle);

    [LibraryImport(Libc)]
    internal static partial nint dlerror();
}
