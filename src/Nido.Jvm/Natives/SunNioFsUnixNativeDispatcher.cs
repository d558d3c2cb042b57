using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// sun.nio.fs.UnixNativeDispatcher: the POSIX calls behind java.nio.file on Unix. Paths arrive as the addresses of
/// NUL-terminated bytes in native buffers; a failed call throws sun.nio.fs.UnixException with its errno, which the
/// Java side turns into NoSuchFileException, AccessDeniedException and the rest.
/// </summary>
internal static unsafe class SunNioFsUnixNativeDispatcher
{
    private const string C = "sun/nio/fs/UnixNativeDispatcher";
    private const string Attrs = "Lsun/nio/fs/UnixFileAttributes;";

    // SUPPORTS_OPENAT | SUPPORTS_FUTIMES | SUPPORTS_FUTIMENS | SUPPORTS_LUTIMES, as libnio on Linux (no birth time).
    private const int Capabilities = 1 << 1 | 1 << 2 | 1 << 3 | 1 << 4;

    /// <summary>Open DIR streams by the number Java holds (the DIR* itself).</summary>
    private static readonly ConcurrentDictionary<long, DirectoryStream> Directories = new();

    // Natives receive arguments in JVM slot layout: a long takes two slots, so the argument after one is two further on.
    public static void Register(NativeRegistry r)
    {
        r.Add(C, "init", "()I", static (t, a) => Slot.OfInt(Capabilities));
        Add(r, "getcwd", "()[B", static (t, a) => Bytes(t, PosixFiles.CurrentDirectory()));
        Add(r, "strerror", "(I)[B", static (t, a) => Bytes(t, System.Text.Encoding.UTF8.GetBytes(Marshal.GetPInvokeErrorMessage(a[0].I))));
        Add(r, "dup", "(I)I", static (t, a) => Slot.OfInt(FileDescriptors.Add(FileIo.Duplicate(FileDescriptors.Get(a[0].I)))));
        Add(r, "open0", "(JII)I", static (t, a) =>
        {
            JavaIo.NeedUnlessPlainRead(Marshal.PtrToStringUTF8((nint)a[0].J)!, a[2].I);
            return Slot.OfInt(FileDescriptors.Add(PosixFiles.Open(P(a[0]), a[2].I, a[3].I)));
        });
        Add(r, "openat0", "(IJII)I", static (t, a) =>
        {
            StartupGate.Current?.Need("opening a file relative to a directory"); // rare (SecureDirectoryStream): not worth a check
            return Slot.OfInt(FileDescriptors.Add(PosixFiles.OpenAt(FileDescriptors.Get(a[0].I), P(a[1]), a[3].I, a[4].I)));
        });
        Add(r, "close0", "(I)V", static (t, a) => { FileDescriptors.Close(a[0].I); return default; });
        Add(r, "link0", "(JJ)V", static (t, a) => { PosixFiles.Link(P(a[0]), P(a[2])); return default; });
        Add(r, "unlink0", "(J)V", static (t, a) => { PosixFiles.Unlink(P(a[0])); return default; });
        Add(r, "unlinkat0", "(IJI)V", static (t, a) => { PosixFiles.UnlinkAt(FileDescriptors.Get(a[0].I), P(a[1]), a[3].I); return default; });
        Add(r, "mknod0", "(JIJ)V", static (t, a) => { PosixFiles.MakeNode(P(a[0]), a[2].I, a[3].J); return default; });
        Add(r, "rename0", "(JJ)V", static (t, a) => { PosixFiles.Rename(P(a[0]), P(a[2])); return default; });
        Add(r, "renameat0", "(IJIJ)V", static (t, a) =>
        {
            PosixFiles.RenameAt(FileDescriptors.Get(a[0].I), P(a[1]), FileDescriptors.Get(a[3].I), P(a[4]));
            return default;
        });
        Add(r, "mkdir0", "(JI)V", static (t, a) => { PosixFiles.MakeDirectory(P(a[0]), a[2].I); return default; });
        Add(r, "rmdir0", "(J)V", static (t, a) => { PosixFiles.RemoveDirectory(P(a[0])); return default; });
        Add(r, "readlink0", "(J)[B", static (t, a) => Bytes(t, PosixFiles.ReadLink(P(a[0]))));
        Add(r, "realpath0", "(J)[B", static (t, a) => Bytes(t, PosixFiles.RealPath(P(a[0]))));
        Add(r, "symlink0", "(JJ)V", static (t, a) => { PosixFiles.Symlink(P(a[0]), P(a[2])); return default; });
        Add(r, "stat0", $"(J{Attrs})V", static (t, a) => Fill(t, a[2].R!, PosixFiles.Status(P(a[0]), followLinks: true)));
        r.Add(C, "stat1", "(J)I", static (t, a) =>
        {
            try { return Slot.OfInt((int)PosixFiles.Status(P(a[0]), followLinks: true).Mode); }
            catch (ErrnoException) { return Slot.OfInt(0); }
        });
        Add(r, "lstat0", $"(J{Attrs})V", static (t, a) => Fill(t, a[2].R!, PosixFiles.Status(P(a[0]), followLinks: false)));
        Add(r, "fstat", $"(I{Attrs})V", static (t, a) => Fill(t, a[1].R!, PosixFiles.Status(FileDescriptors.Get(a[0].I))));
        Add(r, "fstatat0", $"(IJI{Attrs})V", static (t, a) =>
            Fill(t, a[4].R!, PosixFiles.StatusAt(FileDescriptors.Get(a[0].I), P(a[1]), a[3].I)));
        Add(r, "chown0", "(JII)V", static (t, a) => { PosixFiles.ChangeOwner(P(a[0]), a[2].I, a[3].I, followLinks: true); return default; });
        Add(r, "lchown0", "(JII)V", static (t, a) => { PosixFiles.ChangeOwner(P(a[0]), a[2].I, a[3].I, followLinks: false); return default; });
        Add(r, "fchown", "(III)V", static (t, a) => { PosixFiles.ChangeOwner(FileDescriptors.Get(a[0].I), a[1].I, a[2].I); return default; });
        Add(r, "chmod0", "(JI)V", static (t, a) => { PosixFiles.ChangeMode(P(a[0]), a[2].I); return default; });
        Add(r, "fchmod", "(II)V", static (t, a) => { PosixFiles.ChangeMode(FileDescriptors.Get(a[0].I), a[1].I); return default; });
        // utimes, futimes and lutimes take microseconds; futimens nanoseconds.
        Add(r, "utimes0", "(JJJ)V", static (t, a) => { PosixFiles.SetTimes(P(a[0]), a[2].J * 1000, a[4].J * 1000, followLinks: true); return default; });
        Add(r, "lutimes0", "(JJJ)V", static (t, a) => { PosixFiles.SetTimes(P(a[0]), a[2].J * 1000, a[4].J * 1000, followLinks: false); return default; });
        Add(r, "futimes", "(IJJ)V", static (t, a) => { PosixFiles.SetTimes(FileDescriptors.Get(a[0].I), a[1].J * 1000, a[3].J * 1000); return default; });
        Add(r, "futimens", "(IJJ)V", static (t, a) => { PosixFiles.SetTimes(FileDescriptors.Get(a[0].I), a[1].J, a[3].J); return default; });
        Add(r, "opendir0", "(J)J", static (t, a) => Slot.OfLong(Keep(DirectoryStream.Open(P(a[0])))));
        Add(r, "fdopendir", "(I)J", static (t, a) =>
        {
            var stream = DirectoryStream.Open(FileDescriptors.Get(a[0].I));
            FileDescriptors.Detach(a[0].I); // the DIR stream owns the descriptor now
            return Slot.OfLong(Keep(stream));
        });
        Add(r, "closedir", "(J)V", static (t, a) =>
        {
            if (Directories.TryRemove(a[0].J, out var stream)) stream.Dispose();
            return default;
        });
        Add(r, "readdir", "(J)[B", static (t, a) =>
        {
            var stream = Directories.TryGetValue(a[0].J, out var s) ? s : throw new ErrnoException("readdir", (int)Errno.EBADF);
            return stream.Next() is { } name ? Bytes(t, name) : default;
        });
        Add(r, "read", "(IJI)I", static (t, a) => Slot.OfInt(FileIo.Read(FileDescriptors.Get(a[0].I), new Span<byte>((void*)a[1].J, a[3].I))));
        Add(r, "write", "(IJI)I", static (t, a) => Slot.OfInt(FileIo.Write(FileDescriptors.Get(a[0].I), new ReadOnlySpan<byte>((void*)a[1].J, a[3].I))));
        Add(r, "access0", "(JI)V", static (t, a) => { PosixFiles.Access(P(a[0]), a[2].I); return default; });
        r.Add(C, "exists0", "(J)Z", static (t, a) => Slot.OfBool(PosixFiles.Exists(P(a[0]))));
        Add(r, "getpwuid", "(I)[B", static (t, a) =>
            Bytes(t, PosixFiles.UserName(a[0].I) ?? throw new ErrnoException("getpwuid", (int)Errno.ENOENT)));
        Add(r, "getgrgid", "(I)[B", static (t, a) =>
            Bytes(t, PosixFiles.GroupName(a[0].I) ?? throw new ErrnoException("getgrgid", (int)Errno.ENOENT)));
        Add(r, "getpwnam0", "(J)I", static (t, a) => Slot.OfInt(PosixFiles.UserId(P(a[0]))));
        Add(r, "getgrnam0", "(J)I", static (t, a) => Slot.OfInt(PosixFiles.GroupId(P(a[0]))));
        Add(r, "statvfs0", "(JLsun/nio/fs/UnixFileStoreAttributes;)V", static (t, a) =>
        {
            var space = PosixFiles.Space(P(a[0]));
            var o = a[2].R!;
            t.Vm.SetField(o, o.Class, "f_frsize", Slot.OfLong(space.FragmentSize));
            t.Vm.SetField(o, o.Class, "f_blocks", Slot.OfLong(space.TotalBlocks));
            t.Vm.SetField(o, o.Class, "f_bfree", Slot.OfLong(space.FreeBlocks));
            t.Vm.SetField(o, o.Class, "f_bavail", Slot.OfLong(space.AvailableBlocks));
            return default;
        });
    }

    /// <summary>Registers a native whose ErrnoException becomes a Java UnixException.</summary>
    private static void Add(NativeRegistry r, string name, string descriptor, NativeMethod body) =>
        r.Add(C, name, descriptor, body, static (t, e) => UnixException(t, e.ErrnoValue));

    public static JavaThrow UnixException(JThread t, int errno)
    {
        var c = t.Vm.BootClass("sun/nio/fs/UnixException");
        t.Vm.EnsureInitialized(t, c);
        var o = t.Vm.NewObject(c);
        t.Invoke(c.DeclaredMethod("<init>", "(I)V")!, Slot.OfRef(o), Slot.OfInt(errno));
        return new JavaThrow(o);
    }

    private static byte* P(Slot address) => (byte*)address.J;

    private static Slot Bytes(JThread t, byte[] bytes) => Slot.OfRef(t.Vm.NewByteArray(bytes));

    private static long Keep(DirectoryStream stream)
    {
        var key = (long)stream.DangerousGetHandle();
        Directories[key] = stream;
        return key;
    }

    private static Slot Fill(JThread t, JObject attrs, FileStatus s)
    {
        var vm = t.Vm;
        var c = attrs.Class;
        vm.SetField(attrs, c, "st_mode", Slot.OfInt((int)s.Mode));
        vm.SetField(attrs, c, "st_ino", Slot.OfLong((long)s.Inode));
        vm.SetField(attrs, c, "st_dev", Slot.OfLong((long)s.Device));
        vm.SetField(attrs, c, "st_rdev", Slot.OfLong((long)s.SpecialDevice));
        vm.SetField(attrs, c, "st_nlink", Slot.OfInt((int)s.Links));
        vm.SetField(attrs, c, "st_uid", Slot.OfInt((int)s.Uid));
        vm.SetField(attrs, c, "st_gid", Slot.OfInt((int)s.Gid));
        vm.SetField(attrs, c, "st_size", Slot.OfLong(s.Size));
        vm.SetField(attrs, c, "st_atime_sec", Slot.OfLong(s.AccessSeconds));
        vm.SetField(attrs, c, "st_atime_nsec", Slot.OfLong(s.AccessNanos));
        vm.SetField(attrs, c, "st_mtime_sec", Slot.OfLong(s.ModifySeconds));
        vm.SetField(attrs, c, "st_mtime_nsec", Slot.OfLong(s.ModifyNanos));
        vm.SetField(attrs, c, "st_ctime_sec", Slot.OfLong(s.ChangeSeconds));
        vm.SetField(attrs, c, "st_ctime_nsec", Slot.OfLong(s.ChangeNanos));
        return default;
    }
}
