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

    // Subjects written as $"…" bind to these overloads: the errno is read before anything is formatted (formatting
    // can run first-time initialisation that makes P/Invokes of its own and replaces the saved error), and nothing
    // is formatted at all when the call succeeded.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Check(int rc, string syscall, [InterpolatedStringHandlerArgument("rc")] ref ErrnoSubject subject)
    {
        if (rc < 0) subject.Throw(syscall);
        return rc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Check(long rc, string syscall, [InterpolatedStringHandlerArgument("rc")] ref ErrnoSubject subject)
    {
        if (rc < 0) subject.Throw(syscall);
        return rc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Check(nint rc, string syscall, [InterpolatedStringHandlerArgument("rc")] ref ErrnoSubject subject)
    {
        if (rc < 0) subject.Throw(syscall);
        return rc;
    }

    public static SafeFdHandle CheckFd(int fd, string syscall, [InterpolatedStringHandlerArgument("fd")] ref ErrnoSubject subject)
    {
        if (fd < 0) subject.Throw(syscall);
        return new SafeFdHandle(fd);
    }

    [DoesNotReturn]
    public static void Throw(string syscall, ref ErrnoSubject subject) => subject.Throw(syscall);
}

/// <summary>A failed call's subject, formatted only on failure, with the errno taken before any formatting.</summary>
[InterpolatedStringHandler]
internal ref struct ErrnoSubject
{
    private DefaultInterpolatedStringHandler text;
    private readonly int errno;

    /// <summary>For <see cref="Errors.Throw(string, ref ErrnoSubject)"/>: the call has failed.</summary>
    public ErrnoSubject(int literalLength, int formattedCount)
    {
        errno = Marshal.GetLastPInvokeError();
        text = new DefaultInterpolatedStringHandler(literalLength, formattedCount);
    }

    public ErrnoSubject(int literalLength, int formattedCount, long rc, out bool failed)
    {
        failed = rc < 0;
        errno = failed ? Marshal.GetLastPInvokeError() : 0;
        text = failed ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => text.AppendFormatted(value);

    public void AppendFormatted(string? value) => text.AppendFormatted(value);

    [DoesNotReturn]
    public void Throw(string syscall) => throw new ErrnoException(syscall, errno, text.ToStringAndClear());
}
