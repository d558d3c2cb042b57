namespace Nido.Linux;

/// <summary>Extended attributes and timestamps of a path itself (never through a final symlink), as image layers carry them.</summary>
public static class XAttrs
{
    public static unsafe void Set(string path, string name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
            Errors.Check(Interop.lsetxattr(path, name, p, (nuint)value.Length, 0), "lsetxattr", $"{path} {name}");
    }

    /// <summary>The attribute's value, or null when the path does not have it.</summary>
    public static unsafe byte[]? Get(string path, string name)
    {
        var buffer = new byte[256];
        fixed (byte* p = buffer)
        {
            var n = Interop.lgetxattr(path, name, p, (nuint)buffer.Length);
            if (n >= 0) return buffer[..(int)n];
        }
        var errno = (Errno)System.Runtime.InteropServices.Marshal.GetLastSystemError();
        if (errno is Errno.ENODATA) return null;
        throw new ErrnoException("lgetxattr", (int)errno, $"{path} {name}");
    }

    /// <summary>Sets access and modification time of the path itself (a symlink's own times, not its target's).</summary>
    public static unsafe void SetTimes(string path, DateTimeOffset modified)
    {
        var ticks = modified.ToUnixTimeMilliseconds();
        var ts = stackalloc Interop.TimeSpec[2];
        ts[0] = ts[1] = new Interop.TimeSpec { tv_sec = Math.DivRem(ticks, 1000, out var ms), tv_nsec = ms * 1_000_000 };
        if (ms < 0) ts[0] = ts[1] = new Interop.TimeSpec { tv_sec = ts[0].tv_sec - 1, tv_nsec = ts[0].tv_nsec + 1_000_000_000 };
        Errors.Check(Interop.utimensat(Interop.AT_FDCWD, path, ts, Interop.AT_SYMLINK_NOFOLLOW), "utimensat", path);
    }
}
