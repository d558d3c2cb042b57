using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mknod(string path, uint mode, ulong dev);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mkfifo(string path, uint mode);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lchown(string path, uint uid, uint gid);

    [LibraryImport(Libc)]
    internal static partial uint umask(uint mask);
}

internal static partial class Interop
{
    /// <summary>x86-64 struct stat (144 bytes); every field but the reserved tail named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    internal struct Stat
    {
        [FieldOffset(0)] public ulong st_dev;
        [FieldOffset(8)] public ulong st_ino;
        [FieldOffset(16)] public ulong st_nlink;
        [FieldOffset(24)] public uint st_mode;
        [FieldOffset(28)] public uint st_uid;
        [FieldOffset(32)] public uint st_gid;
        [FieldOffset(40)] public ulong st_rdev;
        [FieldOffset(48)] public long st_size;
        [FieldOffset(56)] public long st_blksize;
        [FieldOffset(64)] public long st_blocks;
        [FieldOffset(72)] public long st_atime;
        [FieldOffset(80)] public long st_atime_nsec;
        [FieldOffset(88)] public long st_mtime;
        [FieldOffset(96)] public long st_mtime_nsec;
        [FieldOffset(104)] public long st_ctime;
        [FieldOffset(112)] public long st_ctime_nsec;
    }

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int lstat(string path, Stat* buf);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int link(string oldpath, string newpath);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chmod(string path, uint mode);
}
