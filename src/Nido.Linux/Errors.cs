using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>Turns C-style return values into <see cref="ErrnoException"/>; kept tiny so call sites stay inlinable.</summary>
internal static class Errors
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Check(int rc, string syscall, string? subject = null)
    {
        if (rc < 0) Throw(syscall, subject);
        return rc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Check(long rc, string syscall, string? subject = null)
    {
        if (rc < 0) Throw(syscall, subject);
        return rc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Check(nint rc, string syscall, string? subject = null)
    {
        if (rc < 0) Throw(syscall, subject);
        return rc;
    }

    /// <summary>Wraps a call's new descriptor, or throws for its errno.</summary>
    public static SafeFdHandle CheckFd(int fd, string syscall, string? subject = null)
    {
        if (fd < 0) Throw(syscall, subject);
        return new SafeFdHandle(fd);
    }

    /// <summary>After a failed call: returns if it was interrupted by a signal (the caller retries), throws otherwise.</summary>
    public static void ThrowUnlessInterrupted(string syscall, SafeFdHandle fd)
    {
        var errno = Marshal.GetLastPInvokeError();
        if (errno != (int)Errno.EINTR) throw new ErrnoException(syscall, errno, fd.ToString());
    }

    [DoesNotReturn]
    public static void Throw(string syscall, string? subject = null) =>
        throw new ErrnoException(syscall, Marshal.GetLastPInvokeError(), subject);
}
