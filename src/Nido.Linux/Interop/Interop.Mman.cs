using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    [LibraryImport(Libc, SetLastError = true)]
    internal static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int munmap(nint addr, nuint length);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int madvise(nint addr, nuint length, int advice);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int msync(nint addr, nuint length, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int mincore(nint addr, nuint length, byte* vec);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int mprotect(nint addr, nuint length, int prot);
}
