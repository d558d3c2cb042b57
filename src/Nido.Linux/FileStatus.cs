namespace Nido.Linux;

/// <summary>What stat(2) reports about a file; times as seconds and nanoseconds since the epoch.</summary>
public readonly record struct FileStatus(
    ulong Device, ulong Inode, ulong Links, uint Mode, uint Uid, uint Gid, ulong SpecialDevice, long Size,
    long BlockSize, long Blocks, long AccessSeconds, long AccessNanos, long ModifySeconds, long ModifyNanos,
    long ChangeSeconds, long ChangeNanos)
{
    /// <summary>S_ISREG.</summary>
    public bool IsRegularFile => (Mode & 0xF000) == 0x8000;

    /// <summary>S_ISDIR.</summary>
    public bool IsDirectory => (Mode & 0xF000) == 0x4000;

    /// <summary>/dev/null, /dev/zero, /dev/random or /dev/urandom (character device 1:3, 1:5, 1:8, 1:9): reading one takes nothing from anybody.</summary>
    public bool IsMemoryDevice =>
        (Mode & 0xF000) == 0x2000 && ((SpecialDevice >> 8) & 0xfff) == 1 && (SpecialDevice & 0xff) is 3 or 5 or 8 or 9;

    internal static FileStatus From(in Interop.Stat s) => new(
        s.st_dev, s.st_ino, s.st_nlink, s.st_mode, s.st_uid, s.st_gid, s.st_rdev, s.st_size, s.st_blksize, s.st_blocks,
        s.st_atime, s.st_atime_nsec, s.st_mtime, s.st_mtime_nsec, s.st_ctime, s.st_ctime_nsec);
}

/// <summary>What statvfs(2) reports about a file system, in bytes.</summary>
public readonly record struct FileSystemSpace(long FragmentSize, long TotalBlocks, long FreeBlocks, long AvailableBlocks);
