using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    /// <summary>Bytes reserved for a pthread_attr_t (56 on x86-64 and aarch64 glibc).</summary>
    internal const int PthreadAttrSize = 64;

    [LibraryImport(Libc)]
    internal static partial nint pthread_self();

    [LibraryImport(Libc)]
    internal static unsafe partial int pthread_getattr_np(nint thread, byte* attr);

    [LibraryImport(Libc)]
    internal static unsafe partial int pthread_attr_getstack(byte* attr, nint* stackaddr, nuint* stacksize);

    [LibraryImport(Libc)]
    internal static unsafe partial int pthread_attr_destroy(byte* attr);
}
