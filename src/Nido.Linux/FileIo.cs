namespace Nido.Linux;

/// <summary>open/read/write/pread/pwrite/pipe/fcntl/dup on <see cref="SafeFdHandle"/>; every failure names the call.</summary>
public static class FileIo
{
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_NOCTTY = 0x100;
    public const int O_TRUNC = 0x200, O_APPEND = 0x400, O_NONBLOCK = 0x800, O_DIRECTORY = 0x10000;
    public const int O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000, O_PATH = 0x200000;
    internal const int F_DUPFD_CLOEXEC = 1030, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, FD_CLOEXEC = 1;

    /// <summary>Opens a path; O_CLOEXEC is always added so descriptors never leak into spawned programs.</summary>
    public static SafeFdHandle Open(string path, int flags, int mode = 0) =>
        Errors.CheckFd(Interop.open(path, flags | O_CLOEXEC, mode), "open", path);

    public static SafeFdHandle OpenAt(SafeFdHandle dir, string path, int flags, int mode = 0) =>
        Errors.CheckFd(Interop.openat(dir, path, flags | O_CLOEXEC, mode), "openat", path);

    /// <summary>
    /// A whole regular file's bytes, or null when it cannot be opened (missing, no permission, a name too long …) or
    /// is a directory, as HotSpot's class path treats a file it cannot open. A failed read throws.
    /// </summary>
    public static byte[]? TryReadAll(string path)
    {
        var raw = Interop.open(path, O_RDONLY | O_CLOEXEC, 0);
        if (raw < 0) return null;
        using var fd = new SafeFdHandle(raw);
        var status = PosixFiles.Status(fd);
        if (status.IsDirectory) return null;
        // Sized by fstat and read to the end: a file that grows meanwhile is read as far as it had grown.
        var buffer = new byte[Math.Max(status.Size, 0)];
        var length = 0;
        Span<byte> probe = stackalloc byte[1];
        while (true)
        {
            if (length == buffer.Length)
            {
                // Full at the size fstat gave: one byte more tells the end of the file from a file that grew.
                if (Read(fd, probe) == 0) return buffer;
                Array.Resize(ref buffer, Math.Max(4096, buffer.Length * 2));
                buffer[length++] = probe[0];
                continue;
            }
            var n = Read(fd, buffer.AsSpan(length));
            if (n == 0) return buffer[..length];
            length += n;
        }
    }

    public static unsafe int Read(SafeFdHandle fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Interop.read(fd, p, (nuint)buffer.Length);
                if (n >= 0) return (int)n;
                Errors.ThrowUnlessInterrupted("read", fd);
            }
        }
    }

    public static unsafe int Write(SafeFdHandle fd, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Interop.write(fd, p, (nuint)buffer.Length);
                if (n >= 0) return (int)n;
                Errors.ThrowUnlessInterrupted("write", fd);
            }
        }
    }

    public const int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;

    /// <summary>lseek: the new offset (ESPIPE on pipes and terminals).</summary>
    public static long Seek(SafeFdHandle fd, long offset, int whence) => Errors.Check(Interop.lseek(fd, offset, whence), "lseek");

    /// <summary>Writes the whole buffer, looping over short writes.</summary>
    public static void WriteAll(SafeFdHandle fd, ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty) buffer = buffer[Write(fd, buffer)..];
    }

    public static unsafe int PRead(SafeFdHandle fd, Span<byte> buffer, long offset)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Interop.pread(fd, p, (nuint)buffer.Length, offset);
                if (n >= 0) return (int)n;
                Errors.ThrowUnlessInterrupted("pread", fd);
            }
        }
    }

    public static unsafe int PWrite(SafeFdHandle fd, ReadOnlySpan<byte> buffer, long offset)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Interop.pwrite(fd, p, (nuint)buffer.Length, offset);
                if (n >= 0) return (int)n;
                Errors.ThrowUnlessInterrupted("pwrite", fd);
            }
        }
    }

    /// <summary>A close-on-exec pipe: (read end, write end).</summary>
    public static unsafe (SafeFdHandle Read, SafeFdHandle Write) Pipe(bool nonBlocking = false)
    {
        int* fds = stackalloc int[2];
        Errors.Check(Interop.pipe2(fds, O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0)), "pipe2");
        return (new SafeFdHandle(fds[0]), new SafeFdHandle(fds[1]));
    }

    /// <summary>A close-on-exec duplicate at or above <paramref name="minFd"/>.</summary>
    public static SafeFdHandle Duplicate(SafeFdHandle fd, int minFd = 0) =>
        new(Errors.Check(Interop.fcntl(fd, F_DUPFD_CLOEXEC, minFd), "fcntl(F_DUPFD_CLOEXEC)", fd.ToString()));

    /// <summary>dup3 onto a chosen number (not close-on-exec): how a descriptor is handed to a child at a fixed slot.</summary>
    public static void DuplicateTo(SafeFdHandle fd, int target) =>
        Errors.Check(Interop.dup3(fd, target, 0), "dup3", $"{fd} → {target}");

    public static bool IsCloseOnExec(SafeFdHandle fd) =>
        (Errors.Check(Interop.fcntl(fd, F_GETFD, 0), "fcntl(F_GETFD)", fd.ToString()) & FD_CLOEXEC) != 0;

    public static void SetCloseOnExec(SafeFdHandle fd, bool value)
    {
        var flags = Errors.Check(Interop.fcntl(fd, F_GETFD, 0), "fcntl(F_GETFD)", fd.ToString());
        flags = value ? flags | FD_CLOEXEC : flags & ~FD_CLOEXEC;
        Errors.Check(Interop.fcntl(fd, F_SETFD, flags), "fcntl(F_SETFD)", fd.ToString());
    }

    /// <summary>Whether the descriptor was opened with O_APPEND (F_GETFL).</summary>
    public static bool IsAppend(SafeFdHandle fd) =>
        (Errors.Check(Interop.fcntl(fd, F_GETFL, 0), "fcntl(F_GETFL)", fd.ToString()) & O_APPEND) != 0;

    public static void SetNonBlocking(SafeFdHandle fd, bool value)
    {
        var flags = Errors.Check(Interop.fcntl(fd, F_GETFL, 0), "fcntl(F_GETFL)", fd.ToString());
        flags = value ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        Errors.Check(Interop.fcntl(fd, F_SETFL, flags), "fcntl(F_SETFL)", fd.ToString());
    }

    public static void Sync(SafeFdHandle fd) => Errors.Check(Interop.fsync(fd), "fsync", fd.ToString());

    public static void Truncate(SafeFdHandle fd, long length) =>
        Errors.Check(Interop.ftruncate(fd, length), "ftruncate", fd.ToString());

    // One call each, for callers with their own status codes (NIO's IOStatus): the byte count, or a negative errno;
    // EINTR is not retried, since a signal is how a closing thread wakes one blocked here.

    /// <summary>read(2) into caller memory: bytes read, or a negative errno.</summary>
    public static unsafe long TryRead(SafeFdHandle fd, nint buffer, int length)
    {
        var n = Interop.read(fd, (byte*)buffer, (nuint)length);
        return n >= 0 ? n : -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    public static unsafe long TryWrite(SafeFdHandle fd, nint buffer, int length)
    {
        var n = Interop.write(fd, (byte*)buffer, (nuint)length);
        return n >= 0 ? n : -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    /// <summary>readv(2) over <paramref name="count"/> struct iovec at <paramref name="iov"/>.</summary>
    public static unsafe long TryReadVector(SafeFdHandle fd, nint iov, int count)
    {
        var n = Interop.readv(fd, (void*)iov, count);
        return n >= 0 ? n : -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    public static unsafe long TryWriteVector(SafeFdHandle fd, nint iov, int count)
    {
        var n = Interop.writev(fd, (void*)iov, count);
        return n >= 0 ? n : -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    public static void DataSync(SafeFdHandle fd) => Errors.Check(Interop.fdatasync(fd), "fdatasync", fd.ToString());

    /// <summary>
    /// A POSIX record lock (fcntl F_SETLK/F_SETLKW) on [position, position+size), size 0 meaning to the end of the
    /// file and beyond; false when <paramref name="wait"/> is off and another process holds a conflicting lock.
    /// </summary>
    public static unsafe bool LockRange(SafeFdHandle fd, bool wait, long position, long size, bool shared)
    {
        var info = new Interop.FLock { l_type = shared ? Interop.F_RDLCK : Interop.F_WRLCK, l_start = position, l_len = size };
        while (Interop.fcntl_lock(fd, wait ? Interop.F_SETLKW : Interop.F_SETLK, &info) < 0)
        {
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno == (int)Errno.EINTR && wait) continue;
            if (!wait && errno is (int)Errno.EAGAIN or (int)Errno.EACCES) return false;
            throw new ErrnoException("fcntl(F_SETLK)", errno, fd.ToString());
        }
        return true;
    }

    public static unsafe void UnlockRange(SafeFdHandle fd, long position, long size)
    {
        var info = new Interop.FLock { l_type = Interop.F_UNLCK, l_start = position, l_len = size };
        Errors.Check(Interop.fcntl_lock(fd, Interop.F_SETLK, &info), "fcntl(F_UNLCK)", fd.ToString());
    }
}
