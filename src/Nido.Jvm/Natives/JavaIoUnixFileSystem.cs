using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>java.io.UnixFileSystem (java.io.File's operations): attributes by stat/access as libjava, the rest on .NET's file APIs.</summary>
internal static class JavaIoUnixFileSystem
{
    private const string C = "java/io/UnixFileSystem";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "initIDs", "()V", static (t, a) => default);
        r.Add(C, "canonicalize0", "(Ljava/lang/String;)Ljava/lang/String;", static (t, a) => Slot.OfRef(t.Vm.NewString(Canonicalize(t.Vm.StringOf(a[1].R)!))));
        // stat(2), which follows symbolic links, as libjava: a dangling link does not exist, a device or FIFO is
        // neither a file nor a directory, a directory has its size.
        r.Add(C, "getBooleanAttributes0", "(Ljava/io/File;)I", static (t, a) =>
            Slot.OfInt(Stat(PathOf(t, a[1])) is { } st ? 1 | ((st.Mode & 0xF000) == 0x8000 ? 2 : 0) | ((st.Mode & 0xF000) == 0x4000 ? 4 : 0) : 0));
        r.Add(C, "checkAccess", "(Ljava/io/File;I)Z", static (t, a) => Slot.OfBool(Access(PathOf(t, a[1]), a[2].I)));
        r.Add(C, "getLastModifiedTime", "(Ljava/io/File;)J", static (t, a) =>
            Slot.OfLong(Stat(PathOf(t, a[1])) is { } st ? st.ModifySeconds * 1000 + st.ModifyNanos / 1_000_000 : 0));
        r.Add(C, "getLength", "(Ljava/io/File;)J", static (t, a) => Slot.OfLong(Stat(PathOf(t, a[1])) is { } st ? st.Size : 0));
        r.Add(C, "setPermission", "(Ljava/io/File;IZZ)Z", static (t, a) =>
        {
            var path = PathOf(t, a[1]);
            try
            {
                var mode = File.GetUnixFileMode(path);
                var (u, g, o) = a[2].I switch
                {
                    4 => (UnixFileMode.UserRead, UnixFileMode.GroupRead, UnixFileMode.OtherRead),
                    2 => (UnixFileMode.UserWrite, UnixFileMode.GroupWrite, UnixFileMode.OtherWrite),
                    _ => (UnixFileMode.UserExecute, UnixFileMode.GroupExecute, UnixFileMode.OtherExecute),
                };
                var bits = a[4].I != 0 ? u : u | g | o;
                File.SetUnixFileMode(path, a[3].I != 0 ? mode | bits : mode & ~bits);
                return Slot.OfBool(true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Slot.OfBool(false);
            }
        });
        // open(O_CREAT | O_EXCL) as libjava: false when the name exists, else an IOException with the C library's text.
        r.Add(C, "createFileExclusively", "(Ljava/lang/String;)Z", static (t, a) =>
        {
            var path = t.Vm.StringOf(a[1].R)!;
            if (path == "/") return Slot.OfBool(false);
            try
            {
                FileIo.Open(path, FileIo.O_RDWR | FileIo.O_CREAT | FileIo.O_EXCL, Convert.ToInt32("666", 8)).Dispose();
                return Slot.OfBool(true);
            }
            catch (ErrnoException e) when (e.Errno == Errno.EEXIST)
            {
                return Slot.OfBool(false);
            }
            catch (ErrnoException e)
            {
                throw t.Vm.Throw("java/io/IOException", e.Description);
            }
        });
        r.Add(C, "delete0", "(Ljava/io/File;)Z", static (t, a) => Slot.OfBool(Try(PathOf(t, a[1]), "", 0, static (path, _, _) =>
        {
            if (Directory.Exists(path) && !File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint)) Directory.Delete(path);
            else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null) File.Delete(path);
            else return false;
            return true;
        })));
        r.Add(C, "list", "(Ljava/io/File;)[Ljava/lang/String;", static (t, a) =>
        {
            var path = PathOf(t, a[1]);
            if (!Directory.Exists(path)) return default;
            string[] names;
            try { names = Directory.GetFileSystemEntries(path).Select(Path.GetFileName).ToArray()!; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return default; }
            var array = (JArray<JObject?>)t.Vm.NewArray(t.Vm.StringClass, names.Length);
            for (var i = 0; i < names.Length; i++) array.Data[i] = t.Vm.NewString(names[i]);
            return Slot.OfRef(array);
        });
        r.Add(C, "createDirectory", "(Ljava/io/File;)Z", static (t, a) => Slot.OfBool(Try(PathOf(t, a[1]), "", 0, static (path, _, _) =>
        {
            if (Directory.Exists(path) || File.Exists(path) || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path)))) return false;
            Directory.CreateDirectory(path);
            return true;
        })));
        r.Add(C, "rename0", "(Ljava/io/File;Ljava/io/File;)Z", static (t, a) => Slot.OfBool(Try(PathOf(t, a[1]), PathOf(t, a[2]), 0, static (from, to, _) =>
        {
            if (Directory.Exists(from)) Directory.Move(from, to);
            else File.Move(from, to, overwrite: true);
            return true;
        })));
        // The modification time through the link, keeping the access time (libjava: stat, then utimes).
        r.Add(C, "setLastModifiedTime", "(Ljava/io/File;J)Z", static (t, a) =>
        {
            var path = PathOf(t, a[1]);
            if (Stat(path) is not { } st) return Slot.OfBool(false);
            return Slot.OfBool(SetTimes(path, st.AccessSeconds * 1_000_000_000 + st.AccessNanos, a[2].J * 1_000_000));
        });
        r.Add(C, "setReadOnly", "(Ljava/io/File;)Z", static (t, a) => Slot.OfBool(Try(PathOf(t, a[1]), "", 0, static (path, _, _) =>
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            return true;
        })));
        r.Add(C, "getSpace", "(Ljava/io/File;I)J", static (t, a) =>
        {
            try
            {
                var drive = new DriveInfo(Path.GetFullPath(PathOf(t, a[1])));
                return Slot.OfLong(a[2].I switch { 0 => drive.TotalSize, 1 => drive.TotalFreeSpace, _ => drive.AvailableFreeSpace });
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                return Slot.OfLong(0);
            }
        });
        r.Add(C, "getNameMax0", "(Ljava/lang/String;)J", static (t, a) => Slot.OfLong(255));
    }

    private static string PathOf(JThread t, Slot file) => t.Vm.StringOf(t.Vm.GetField(file.R!, "path").R)!;

    private static bool Try(string path, string other, long value, Func<string, string, long, bool> action)
    {
        try { return action(path, other, value); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return false; }
    }

    /// <summary>
    /// java.io's canonical form as libjava's canonicalize: realpath of the path, or, when it does not exist, of its
    /// longest existing prefix with the rest appended; then "." and ".." folded. Links resolve before ".." applies.
    /// </summary>
    private static string Canonicalize(string path)
    {
        if (RealPath(path) is { } real) return real;
        var prefix = path;
        var rest = "";
        while (prefix.LastIndexOf('/') is var slash and > 0)
        {
            rest = prefix[slash..] + rest;
            prefix = prefix[..slash];
            if (RealPath(prefix) is { } resolved) return Fold(resolved + rest);
        }
        return Fold(path);
    }

    private static unsafe string? RealPath(string path) =>
        OnPath(path, static p => System.Text.Encoding.UTF8.GetString(PosixFiles.RealPath(p)), null);

    /// <summary>Removes "." names and a ".." with the name before it, lexically (libjava's collapse).</summary>
    private static string Fold(string path)
    {
        var names = new List<string>();
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name == ".") continue;
            if (name == ".." && names.Count > 0 && names[^1] != "..") names.RemoveAt(names.Count - 1);
            else if (name != ".." || !path.StartsWith('/')) names.Add(name);
        }
        return (path.StartsWith('/') ? "/" : "") + string.Join('/', names);
    }

    private static unsafe FileStatus? Stat(string path) => OnPath<FileStatus?>(path, static p => PosixFiles.Status(p, followLinks: true), null);

    /// <summary>access(2) with Java's ACCESS_READ/WRITE/EXECUTE, which are R_OK/W_OK/X_OK.</summary>
    private static unsafe bool Access(string path, int mode) => OnPath(path, p =>
    {
        PosixFiles.Access(p, mode);
        return true;
    }, false);

    private static unsafe bool SetTimes(string path, long accessNanos, long modifyNanos) => OnPath(path, p =>
    {
        PosixFiles.SetTimes(p, accessNanos, modifyNanos, followLinks: true);
        return true;
    }, false);

    private unsafe delegate T PathCall<T>(byte* path);

    /// <summary>A call on the NUL-terminated UTF-8 form of <paramref name="path"/>; <paramref name="failed"/> when it sets errno.</summary>
    private static unsafe T OnPath<T>(string path, PathCall<T> call, T failed)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        try
        {
            fixed (byte* p = bytes) return call(p);
        }
        catch (ErrnoException)
        {
            return failed;
        }
    }
}
