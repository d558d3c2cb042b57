using System.Runtime.InteropServices;

namespace Nido.Linux;

// Path calls on raw NUL-terminated byte strings: callers such as the JVM's NIO pass file names as the bytes they
// already hold, which need not be valid UTF-8.
internal static partial class Interop
{
    [LibraryImport(Libc, EntryPoint = "open", SetLastError = true)]
    internal static unsafe partial int open_b(byte* path, int flags, int mode);

    [LibraryImport(Libc, EntryPoint = "openat", SetLastError = true)]
    internal static unsafe partial int openat_b(SafeFdHandle dirfd, byte* path, int flags, int mode);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int stat(byte* path, Stat* buf);

    [LibraryImport(Libc, EntryPoint = "lstat", SetLastError = true)]
    internal static unsafe partial int lstat_b(byte* path, Stat* buf);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int fstat(SafeFdHandle fd, Stat* buf);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int fstatat(SafeFdHandle dirfd, byte* path, Stat* buf, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int mkdir(byte* path, uint mode);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int rmdir(byte* path);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int unlink(byte* path);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int unlinkat(SafeFdHandle dirfd, byte* path, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int rename(byte* from, byte* to);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int renameat(SafeFdHandle fromDir, byte* from, SafeFdHandle toDir, byte* to);

    internal const int RENAME_EXCHANGE = 2;

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int renameat2(int fromDir, byte* from, int toDir, byte* to, uint flags);

    [LibraryImport(Libc, EntryPoint = "link", SetLastError = true)]
    internal static unsafe partial int link_b(byte* existing, byte* created);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int symlink(byte* target, byte* linkPath);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint readlink(byte* path, byte* buf, nuint size);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial byte* realpath(byte* path, byte* resolved);

    [LibraryImport(Libc)]
    internal static unsafe partial void free(void* p);

    [LibraryImport(Libc, EntryPoint = "mknod", SetLastError = true)]
    internal static unsafe partial int mknod_b(byte* path, uint mode, ulong dev);

    [LibraryImport(Libc, EntryPoint = "chmod", SetLastError = true)]
    internal static unsafe partial int chmod_b(byte* path, uint mode);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int fchmod(SafeFdHandle fd, uint mode);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int chown(byte* path, int uid, int gid);

    [LibraryImport(Libc, EntryPoint = "lchown", SetLastError = true)]
    internal static unsafe partial int lchown_b(byte* path, int uid, int gid);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int fchown(SafeFdHandle fd, int uid, int gid);

    [LibraryImport(Libc, EntryPoint = "utimensat", SetLastError = true)]
    internal static unsafe partial int utimensat_b(int dirfd, byte* path, TimeSpec* times, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int futimens(SafeFdHandle fd, TimeSpec* times);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int access(byte* path, int mode);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int statvfs(byte* path, StatVfs* buf);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial byte* getcwd(byte* buf, nuint size);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint opendir(byte* path);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial nint fdopendir(SafeFdHandle fd);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int closedir(nint dir);

    [LibraryImport(Libc, EntryPoint = "readdir64", SetLastError = true)]
    internal static unsafe partial byte* readdir(nint dir);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int getpwuid_r(uint uid, Passwd* pwd, byte* buf, nuint size, Passwd** result);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int getpwnam_r(byte* name, Passwd* pwd, byte* buf, nuint size, Passwd** result);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int getgrgid_r(uint gid, Group* grp, byte* buf, nuint size, Group** result);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int getgrnam_r(byte* name, Group* grp, byte* buf, nuint size, Group** result);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint readv(SafeFdHandle fd, void* iov, int count);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint writev(SafeFdHandle fd, void* iov, int count);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int fdatasync(SafeFdHandle fd);

    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    internal static unsafe partial int fcntl_lock(SafeFdHandle fd, int cmd, FLock* lockInfo);

    /// <summary>x86-64 struct statvfs (112 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 112)]
    internal struct StatVfs
    {
        [FieldOffset(0)] public ulong f_bsize;
        [FieldOffset(8)] public ulong f_frsize;
        [FieldOffset(16)] public ulong f_blocks;
        [FieldOffset(24)] public ulong f_bfree;
        [FieldOffset(32)] public ulong f_bavail;
    }

    internal unsafe struct Passwd
    {
        public byte* pw_name, pw_passwd;
        public uint pw_uid, pw_gid;
        public byte* pw_gecos, pw_dir, pw_shell;
    }

    internal unsafe struct Group
    {
        public byte* gr_name, gr_passwd;
        public uint gr_gid;
        public byte** gr_mem;
    }

    /// <summary>struct flock on x86-64.</summary>
    internal struct FLock
    {
        public short l_type, l_whence;
        public long l_start, l_len;
        public int l_pid;
    }

    internal const int F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7;
    internal const short F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
}
