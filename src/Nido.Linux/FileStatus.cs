namespace Nido.Linux;

/// <summary>What stat(2) reports about a file; times as seconds and nanoseconds since the epoch.</summary>
public readonly record struct FileStatus(
    ulong Device, ulong Inode, ulong Links, uint Mode, uint Uid, uint Gid, ulong SpecialDevice, long Size,
    long BlockSize, long Blocks, long AccessSeconds, long AccessNanos, long ModifySeconds, long ModifyNanos,
    long ChangeSeconds, long ChangeNanos)
{
    /// <summary>S_ISREG.</summary>
    public bool IsRegularFile => (Mode & 0xF000) == 0x8000;

    internal static FileStatus From(in Interop.Stat s) => new(
        s.st_dev, s.st_ino, s.st_nlink, s.st_mode, s.st_uid, s.st_gid, s.st_rdev, s.st_size, s.st_blksize, s.st_blocks,
        s.st_atime, s.st_atime_nsec, s.st_mtime, s.st_mtime_nsec, s.st_ctime, s.st_ctime_nsec);
}

/// <summary>What statvfs(2) reports about a file system, in bytes.</summary>
public readonly record struct FileSystemSpace(long FragmentSize, long TotalBlocks, long FreeBlocks, long AvailableBlocks);
