using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int lsetxattr(string path, string name, byte* value, nuint size, int flags);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial nint lgetxattr(string path, string name, byte* value, nuint size);

    [StructLayout(LayoutKind.Sequential)]
    internal struct TimeSpec
    {
        public long tv_sec;
        public long tv_nsec;
    }

    internal const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int utimensat(int dirfd, string path, TimeSpec* times, int flags);
}

internal static partial class Interop
{
    internal const int LOCK_SH = 1, LOCK_EX = 2, LOCK_UN = 8;

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int flock(SafeFdHandle fd, int operation);
}
