namespace Nido.Linux;

/// <summary>Special files and ownership: fifos, device nodes, lchown, umask.</summary>
public static class Nodes
{
    public const uint S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFBLK = 0x6000;

    /// <summary>makedev() as glibc encodes it.</summary>
    public static ulong MakeDev(long major, long minor) =>
        ((ulong)(minor & 0xff)) | (((ulong)major & 0xfff) << 8) | (((ulong)minor & ~0xffUL) << 12) | (((ulong)major & ~0xfffUL) << 32);

    /// <summary>mkdir(2): unlike Directory.CreateDirectory, an existing directory is an error (EEXIST), so it can claim a name.</summary>
    public static unsafe void MakeDirectory(string path, uint mode)
    {
        fixed (byte* p = Mounts.Utf8Z(path)) Errors.Check(Interop.mkdir(p, mode), "mkdir", path);
    }

    /// <summary>rmdir(2) with its errno (ENOTEMPTY, EBUSY, ENOENT) for the caller to act on.</summary>
    public static unsafe void RemoveDirectory(string path)
    {
        fixed (byte* p = Mounts.Utf8Z(path)) Errors.Check(Interop.rmdir(p), "rmdir", path);
    }

    public static void MakeFifo(string path, uint mode) => Errors.Check(Interop.mkfifo(path, mode), "mkfifo", path);

    /// <summary>mknod for 'c' (character) or 'b' (block) devices, or 'p' (fifo).</summary>
    public static void MakeDevice(string path, char type, long major, long minor, uint permissions)
    {
        var kind = type switch { 'c' or 'u' => S_IFCHR, 'b' => S_IFBLK, 'p' => S_IFIFO, _ => throw new ArgumentException($"device type '{type}' is not c, u, b or p") };
        Errors.Check(Interop.mknod(path, kind | (permissions & 0xfff), MakeDev(major, minor)), "mknod", $"{path} ({type} {major}:{minor})");
    }

    public static void ChownNoFollow(string path, uint uid, uint gid) => Errors.Check(Interop.lchown(path, uid, gid), "lchown", $"{path} → {uid}:{gid}");

    /// <summary>Sets the process umask, returning the old one.</summary>
    public static uint SetUmask(uint mask) => Interop.umask(mask);

    public const uint S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFREG = 0x8000, S_IFLNK = 0xA000;

    /// <summary>lstat: the path itself (a symlink is not followed); null when nothing is there.</summary>
    public static unsafe NodeInfo? LStat(string path)
    {
        Interop.Stat st;
        if (Interop.lstat(path, &st) == 0) return new NodeInfo(st.st_mode, st.st_uid, st.st_gid, st.st_rdev, st.st_size, st.st_ino, st.st_dev);
        var errno = System.Runtime.InteropServices.Marshal.GetLastSystemError();
        if (errno is (int)Errno.ENOENT or (int)Errno.ENOTDIR) return null;
        throw new ErrnoException("lstat", errno, path);
    }

    public static void HardLink(string existing, string path) => Errors.Check(Interop.link(existing, path), "link", $"{path} → {existing}");

    /// <summary>chmod with the full 12 permission bits (setuid, setgid, sticky kept), following no umask.</summary>
    public static void ChangeMode(string path, uint mode) => Errors.Check(Interop.chmod(path, mode & 0xfff), "chmod", path);
}

/// <summary>What lstat says about a path.</summary>
public readonly record struct NodeInfo(uint Mode, uint Uid, uint Gid, ulong RDev, long Size, ulong Inode, ulong Device)
{
    public uint Type => Mode & Nodes.S_IFMT;
    public bool IsDirectory => Type == Nodes.S_IFDIR;
    public bool IsSymlink => Type == Nodes.S_IFLNK;
    public bool IsRegular => Type == Nodes.S_IFREG;
    /// <summary>An overlayfs whiteout: a character device 0:0.</summary>
    public bool IsWhiteout => Type == Nodes.S_IFCHR && RDev == 0;
}
