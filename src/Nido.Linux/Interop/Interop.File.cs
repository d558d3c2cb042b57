using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    // Calls that create descriptors return int: a SafeHandle return would be read as a full register,
    // turning -1 into 0xFFFFFFFF and a failure into a "valid" handle.
    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, int mode);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int openat(SafeFdHandle dirfd, string path, int flags, int mode);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint read(SafeFdHandle fd, byte* buf, nuint count);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial long lseek(SafeFdHandle fd, long offset, int whence);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint write(SafeFdHandle fd, byte* buf, nuint count);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint pread(SafeFdHandle fd, byte* buf, nuint count, long offset);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint pwrite(SafeFdHandle fd, byte* buf, nuint count, long offset);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int pipe2(int* fds, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int fcntl(SafeFdHandle fd, int cmd, nint arg);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int dup3(SafeFdHandle oldfd, int newfd, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int fsync(SafeFdHandle fd);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int ftruncate(SafeFdHandle fd, long length);
}
