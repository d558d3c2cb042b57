using System.Runtime.InteropServices;

namespace Nido.Linux;

[Flags]
public enum MountFlags : ulong
{
    None = 0, ReadOnly = 1, NoSuid = 2, NoDev = 4, NoExec = 8, Synchronous = 16, Remount = 32, Mandlock = 64,
    DirSync = 128, NoSymFollow = 256, NoAtime = 1024, NoDirAtime = 2048, Bind = 4096, Move = 8192, Rec = 16384,
    Silent = 32768, PosixAcl = 1 << 16, Unbindable = 1 << 17, Private = 1 << 18, Slave = 1 << 19, Shared = 1 << 20,
    RelAtime = 1 << 21, KernMount = 1 << 22, IVersion = 1 << 23, StrictAtime = 1 << 24, LazyTime = 1 << 25,
}

[Flags]
public enum UnmountFlags { None = 0, Force = 1, Detach = 2, Expire = 4, NoFollow = 8 }

/// <summary>mount/umount2/pivot_root/chroot/chdir. They act on the calling thread's mount namespace and fs root.</summary>
public static class Mounts
{
    public static void Mount(string? source, string target, string? fsType, MountFlags flags, string? data = null) =>
        Errors.Check(Interop.mount(source, target, fsType, (ulong)flags, data), "mount", Describe(source, target, fsType));

    /// <summary>Changes propagation (private, slave, shared, unbindable), recursively if asked.</summary>
    public static void SetPropagation(string target, MountFlags propagation, bool recursive = true) =>
        Mount(null, target, null, propagation | (recursive ? MountFlags.Rec : 0));

    public static void Bind(string source, string target, bool recursive = true) =>
        Mount(source, target, null, MountFlags.Bind | (recursive ? MountFlags.Rec : 0));

    public static void Unmount(string target, UnmountFlags flags = UnmountFlags.None) =>
        Errors.Check(Interop.umount2(target, (int)flags), "umount2", target);

    /// <summary>pivot_root(2): glibc has no wrapper, so it goes through syscall(2).</summary>
    public static void PivotRoot(string newRoot, string putOld)
    {
        unsafe
        {
            fixed (byte* n = Utf8Z(newRoot))
            fixed (byte* o = Utf8Z(putOld))
                Errors.Check(Interop.syscall(Interop.Sys.pivot_root, (long)n, (long)o), "pivot_root", $"{newRoot}, {putOld}");
        }
    }

    private static readonly Lazy<bool> setattr = new(() =>
        Interop.syscall(Interop.Sys.mount_setattr, -1, 0, 0, 0, 0, 0) != -1 || Marshal.GetLastPInvokeError() is not ((int)Errno.ENOSYS or (int)Errno.EPERM)); // EPERM: a seccomp filter refuses it

    /// <summary>Whether the kernel has mount_setattr(2) (5.12+): attributes change without restating the locked ones.</summary>
    public static bool HasMountSetattr => setattr.Value;

    public static void ChangeRoot(string path) => Errors.Check(Interop.chroot(path), "chroot", path);

    public static void ChangeDirectory(string path) => Errors.Check(Interop.chdir(path), "chdir", path);

    internal static byte[] Utf8Z(string s)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(s) + 1];
        System.Text.Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    private static string Describe(string? source, string target, string? fsType) =>
        source is null ? target : $"\"{source}\" → {target}{(fsType is null ? "" : $", {fsType}")}";
}
