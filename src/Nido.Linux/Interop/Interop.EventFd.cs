using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    internal const int EFD_SEMAPHORE = 1, EFD_CLOEXEC = 0x80000, EFD_NONBLOCK = 0x800;

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int eventfd(uint initval, int flags);
}
