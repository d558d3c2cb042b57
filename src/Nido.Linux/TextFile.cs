using System.Text;

namespace Nido.Linux;

/// <summary>
/// Small text files — /proc and cgroup control files, a container's state — with one open, read or write, and close.
/// FileStream adds an advisory flock, an fstat, an fstatfs and an ftruncate around each; and on ext4 a truncate
/// marks the file for writeback at close, a disk request the runtime would wait for several times per container.
/// </summary>
public static class TextFile
{
    /// <summary>The whole file as UTF-8 text (a byte-order mark is kept: JSON readers strip it).</summary>
    public static string Read(string path)
    {
        using var fd = FileIo.Open(path, FileIo.O_RDONLY);
        return ReadAll(fd);
    }

    private static string ReadAll(SafeFdHandle fd)
    {
        Span<byte> first = stackalloc byte[4096];
        var length = ReadFull(fd, first);
        if (length < first.Length) return Encoding.UTF8.GetString(first[..length]);
        // Larger than a page (or a /proc file, whose size is unknown): grow a heap buffer.
        var buffer = new byte[4 * first.Length];
        first.CopyTo(buffer);
        while (true)
        {
            var n = ReadFull(fd, buffer.AsSpan(length));
            length += n;
            if (length < buffer.Length) return Encoding.UTF8.GetString(buffer, 0, length);
            Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    /// <summary>The text, or null when the file cannot be read (missing, no permission, …).</summary>
    public static string? TryRead(string path)
    {
        // A missing file is a common answer here (a process that is gone): no exception for it, which costs more than the read.
        var raw = Interop.open(path, FileIo.O_RDONLY | FileIo.O_CLOEXEC, 0);
        if (raw < 0) return null;
        using var fd = new SafeFdHandle(raw);
        try { return ReadAll(fd); }
        catch (ErrnoException) { return null; }
    }

    /// <summary>
    /// Writes <paramref name="text"/> in one write(2), as cgroup and /proc control files need (a value split over two
    /// writes is two values); opened as a shell's `echo value > file` opens it (created, truncated), so a plain
    /// file stands in for a control file in tests. Not for files on disk that must survive a crash (see Replace).
    /// </summary>
    public static void Write(string path, string text)
    {
        using var fd = FileIo.Open(path, FileIo.O_WRONLY | FileIo.O_CREAT | FileIo.O_TRUNC, 0x1a4 /* 0644 */);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0) return; // as the shell's `echo -n > file`: opened and truncated, nothing written
        var n = FileIo.Write(fd, bytes);
        if (n != bytes.Length) throw new ErrnoException("write", (int)Errno.EIO, $"{path}: short write ({n} of {bytes.Length} bytes)");
    }

    /// <summary>Creates <paramref name="path"/> with <paramref name="text"/>; an existing file is an error (EEXIST).</summary>
    public static void Create(string path, string text, int mode = 0x1a4 /* 0644 */)
    {
        using var fd = FileIo.Open(path, FileIo.O_WRONLY | FileIo.O_CREAT | FileIo.O_EXCL, mode);
        FileIo.WriteAll(fd, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Replaces <paramref name="path"/> atomically: the text goes to a new file beside it (a leftover from a killed
    /// writer is removed first), which then takes the path's place, so readers see the old or the new text whole.
    /// The two are exchanged (renameat2 RENAME_EXCHANGE) and the old one unlinked, rather than renamed over: ext4
    /// starts writeback of a file renamed over another (its guard for replace-by-rename across power loss), a disk
    /// request per call, while these files (a container's state, pid files) do not outlive the boot anyway.
    /// </summary>
    public static unsafe void Replace(string path, string text, int mode = 0x1a4 /* 0644 */)
    {
        var full = Path.GetFullPath(path); // both names from the same text, so they stay in one directory
        var temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".tmp");
        Unlink(temp, missingOk: true);
        Create(temp, text, mode);
        fixed (byte* t = Mounts.Utf8Z(temp))
        fixed (byte* p = Mounts.Utf8Z(full))
        {
            if (Interop.renameat2(Interop.AT_FDCWD, t, Interop.AT_FDCWD, p, Interop.RENAME_EXCHANGE) == 0)
            {
                if (Interop.unlink(t) == 0) return;
                // What was there is not a file (a directory): put it back, and fail as a rename over it would.
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                Interop.renameat2(Interop.AT_FDCWD, t, Interop.AT_FDCWD, p, Interop.RENAME_EXCHANGE);
                Interop.unlink(t);
                throw new ErrnoException("rename", errno, $"{temp} → {full}");
            }
            // Nothing to exchange with yet (ENOENT), or no exchange here (EINVAL on some file systems, ENOSYS, a
            // seccomp filter's EPERM): a plain rename, whose error is the one reported.
            Errors.Check(Interop.rename(t, p), "rename", $"{temp} → {full}");
        }
    }

    public static unsafe void Unlink(string path, bool missingOk = false)
    {
        fixed (byte* p = Mounts.Utf8Z(path))
            if (Interop.unlink(p) < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (!(missingOk && errno == (int)Errno.ENOENT)) throw new ErrnoException("unlink", errno, path);
            }
    }

    private static int ReadFull(SafeFdHandle fd, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = FileIo.Read(fd, buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
