namespace Nido.Linux;

/// <summary>Special files and ownership: fifos, device nodes, lchown, umask.</summary>
public static class Nodes
{
    public const uint S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFBLK = 0x6000;

    /// <summary>makedev() as glibc encodes it.</summary>
    public static ulong MakeDev(long major, long minor) =>
        ((ulong)(minor & 0xff)) | (((ulong)major & 0xfff) << 8) | (((ulong)minor & ~0xffUL) << 12) | (((ulong)major & ~0xfffUL) << 32);

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
}
