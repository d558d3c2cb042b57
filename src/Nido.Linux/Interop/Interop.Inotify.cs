using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    internal const int IN_CLOEXEC = 0x80000;

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int inotify_init1(int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int inotify_add_watch(SafeFdHandle fd, byte* path, uint mask);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int inotify_rm_watch(SafeFdHandle fd, int wd);
}
