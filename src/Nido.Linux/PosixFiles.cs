using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>
/// The POSIX file-system calls on raw NUL-terminated byte paths (file names are bytes to the kernel, and callers such
/// as the JVM's NIO hold them that way). Every failure is an <see cref="ErrnoException"/> naming the call.
/// </summary>
public static unsafe class PosixFiles
{
    public const int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200;

    public static SafeFdHandle Open(byte* path, int flags, int mode) => Retry(() => Interop.open_b(path, flags | FileIo.O_CLOEXEC, mode), "open");

    public static SafeFdHandle OpenAt(SafeFdHandle dir, byte* path, int flags, int mode) =>
        Retry(() => Interop.openat_b(dir, path, flags | FileIo.O_CLOEXEC, mode), "openat");

    public static FileStatus Status(byte* path, bool followLinks)
    {
        Interop.Stat s;
        Errors.Check(followLinks ? Interop.stat(path, &s) : Interop.lstat_b(path, &s), followLinks ? "stat" : "lstat");
        return FileStatus.From(s);
    }

    public static FileStatus Status(string path, bool followLinks = true)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes) return Status(p, followLinks);
    }

    public static FileStatus Status(SafeFdHandle fd)
    {
        Interop.Stat s;
        Errors.Check(Interop.fstat(fd, &s), "fstat", fd.ToString());
        return FileStatus.From(s);
    }

    public static FileStatus StatusAt(SafeFdHandle dir, byte* path, int flags)
    {
        Interop.Stat s;
        Errors.Check(Interop.fstatat(dir, path, &s, flags), "fstatat");
        return FileStatus.From(s);
    }

    public static void MakeDirectory(byte* path, int mode) => Errors.Check(Interop.mkdir(path, (uint)mode), "mkdir");
    public static void RemoveDirectory(byte* path) => Errors.Check(Interop.rmdir(path), "rmdir");
    public static void Unlink(byte* path) => Errors.Check(Interop.unlink(path), "unlink");
    public static void UnlinkAt(SafeFdHandle dir, byte* path, int flags) => Errors.Check(Interop.unlinkat(dir, path, flags), "unlinkat");
    public static void Rename(byte* from, byte* to) => Errors.Check(Interop.rename(from, to), "rename");

    public static void RenameAt(SafeFdHandle fromDir, byte* from, SafeFdHandle toDir, byte* to) =>
        Errors.Check(Interop.renameat(fromDir, from, toDir, to), "renameat");

    public static void Link(byte* existing, byte* created) => Errors.Check(Interop.link_b(existing, created), "link");
    public static void Symlink(byte* target, byte* linkPath) => Errors.Check(Interop.symlink(target, linkPath), "symlink");
    public static void MakeNode(byte* path, int mode, long device) => Errors.Check(Interop.mknod_b(path, (uint)mode, (ulong)device), "mknod");
    public static void ChangeMode(byte* path, int mode) => Errors.Check(Interop.chmod_b(path, (uint)mode), "chmod");
    public static void ChangeMode(SafeFdHandle fd, int mode) => Errors.Check(Interop.fchmod(fd, (uint)mode), "fchmod");

    public static void ChangeOwner(byte* path, int uid, int gid, bool followLinks) =>
        Errors.Check(followLinks ? Interop.chown(path, uid, gid) : Interop.lchown_b(path, uid, gid), followLinks ? "chown" : "lchown");

    public static void ChangeOwner(SafeFdHandle fd, int uid, int gid) => Errors.Check(Interop.fchown(fd, uid, gid), "fchown");

    /// <summary>Sets access and modification times in nanoseconds since the epoch.</summary>
    public static void SetTimes(byte* path, long accessNanos, long modifyNanos, bool followLinks)
    {
        var times = stackalloc Interop.TimeSpec[2] { Spec(accessNanos), Spec(modifyNanos) };
        Errors.Check(Interop.utimensat_b(Interop.AT_FDCWD, path, times, followLinks ? 0 : AT_SYMLINK_NOFOLLOW), "utimensat");
    }

    public static void SetTimes(SafeFdHandle fd, long accessNanos, long modifyNanos)
    {
        var times = stackalloc Interop.TimeSpec[2] { Spec(accessNanos), Spec(modifyNanos) };
        Errors.Check(Interop.futimens(fd, times), "futimens", fd.ToString());
    }

    /// <summary>access(2): throws unless every bit of <paramref name="mode"/> (R_OK 4, W_OK 2, X_OK 1, F_OK 0) is allowed.</summary>
    public static void Access(byte* path, int mode) => Errors.Check(Interop.access(path, mode), "access");

    public static bool Exists(byte* path) => Interop.access(path, 0) == 0;

    public static byte[] ReadLink(byte* path)
    {
        var buffer = new byte[4097];
        fixed (byte* b = buffer)
        {
            var n = (int)Errors.Check(Interop.readlink(path, b, (nuint)buffer.Length), "readlink");
            if (n == buffer.Length) throw new ErrnoException("readlink", (int)Errno.ENAMETOOLONG);
            return buffer[..n];
        }
    }

    public static byte[] RealPath(byte* path)
    {
        var resolved = Interop.realpath(path, null);
        if (resolved is null) Errors.Throw("realpath");
        try { return new ReadOnlySpan<byte>(resolved, CStringLength(resolved)).ToArray(); }
        finally { Interop.free(resolved); }
    }

    public static byte[] CurrentDirectory()
    {
        var buffer = stackalloc byte[4097];
        if (Interop.getcwd(buffer, 4097) is null) Errors.Throw("getcwd");
        return new ReadOnlySpan<byte>(buffer, CStringLength(buffer)).ToArray();
    }

    public static FileSystemSpace Space(byte* path)
    {
        Interop.StatVfs s;
        Errors.Check(Interop.statvfs(path, &s), "statvfs");
        return new((long)s.f_frsize, (long)s.f_blocks, (long)s.f_bfree, (long)s.f_bavail);
    }

    /// <summary>The user name of <paramref name="uid"/>, or null when the password database has none.</summary>
    public static byte[]? UserName(int uid) => PasswdField(uid, home: false);

    /// <summary>The home directory the password database gives <paramref name="uid"/>, or null.</summary>
    public static byte[]? HomeDirectory(int uid) => PasswdField(uid, home: true);

    private static byte[]? PasswdField(int uid, bool home) => Lookup((byte* buf, nuint size, out nint name, out int id) =>
    {
        Interop.Passwd pwd;
        Interop.Passwd* result;
        var rc = Interop.getpwuid_r((uint)uid, &pwd, buf, size, &result);
        (name, id) = result is null ? (0, -1) : ((nint)(home ? result->pw_dir : result->pw_name), uid);
        return rc;
    }).Name;

    public static byte[]? GroupName(int gid) => Lookup((byte* buf, nuint size, out nint name, out int id) =>
    {
        Interop.Group grp;
        Interop.Group* result;
        var rc = Interop.getgrgid_r((uint)gid, &grp, buf, size, &result);
        (name, id) = result is null ? (0, -1) : ((nint)result->gr_name, gid);
        return rc;
    }).Name;

    /// <summary>The uid named <paramref name="user"/>, or -1.</summary>
    public static int UserId(byte* user) => Lookup((byte* buf, nuint size, out nint name, out int id) =>
    {
        Interop.Passwd pwd;
        Interop.Passwd* result;
        var rc = Interop.getpwnam_r(user, &pwd, buf, size, &result);
        (name, id) = result is null ? (0, -1) : ((nint)result->pw_name, (int)result->pw_uid);
        return rc;
    }).Id;

    public static int GroupId(byte* group) => Lookup((byte* buf, nuint size, out nint name, out int id) =>
    {
        Interop.Group grp;
        Interop.Group* result;
        var rc = Interop.getgrnam_r(group, &grp, buf, size, &result);
        (name, id) = result is null ? (0, -1) : ((nint)result->gr_name, (int)result->gr_gid);
        return rc;
    }).Id;

    public static int CStringLength(byte* s)
    {
        var n = 0;
        while (s[n] != 0) n++;
        return n;
    }

    private delegate int LookupCall(byte* buffer, nuint size, out nint name, out int id);

    /// <summary>A *_r database lookup, growing the buffer on ERANGE; a missing entry is null / -1, not an error.</summary>
    private static (byte[]? Name, int Id) Lookup(LookupCall call)
    {
        for (var size = 1024; ; size *= 2)
        {
            var buffer = new byte[size];
            fixed (byte* b = buffer)
            {
                var rc = call(b, (nuint)size, out var name, out var id);
                if (rc == (int)Errno.ERANGE && size < 1 << 20) continue;
                if (rc != 0 && rc != (int)Errno.ENOENT && rc != (int)Errno.ESRCH) throw new ErrnoException("getpw/getgr", rc);
                return name == 0 ? (null, -1) : (new ReadOnlySpan<byte>((byte*)name, CStringLength((byte*)name)).ToArray(), id);
            }
        }
    }

    private static Interop.TimeSpec Spec(long nanos) => new()
    {
        tv_sec = Math.DivRem(nanos, 1_000_000_000L, out var rest) - (rest < 0 ? 1 : 0),
        tv_nsec = rest < 0 ? rest + 1_000_000_000L : rest,
    };

    private static SafeFdHandle Retry(Func<int> call, string syscall)
    {
        while (true)
        {
            var fd = call();
            if (fd >= 0) return new SafeFdHandle(fd);
            if (Marshal.GetLastPInvokeError() != (int)Errno.EINTR) Errors.Throw(syscall);
        }
    }
}
