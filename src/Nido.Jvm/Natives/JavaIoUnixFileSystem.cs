using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>java.io.UnixFileSystem (java.io.File's operations) on .NET's file APIs.</summary>
internal static class JavaIoUnixFileSystem
{
    private const string C = "java/io/UnixFileSystem";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "initIDs", "()V", static (t, a) => default);
        r.Add(C, "canonicalize0", "(Ljava/lang/String;)Ljava/lang/String;", static (t, a) => Slot.OfRef(t.Vm.NewString(Canonicalize(t.Vm.StringOf(a[1].R)!))));
        r.Add(C, "getBooleanAttributes0", "(Ljava/io/File;)I", static (t, a) =>
        {
            var path = PathOf(t, a[1]);
            var bits = 0;
            if (Directory.Exists(path)) bits = 1 | 4;
            else if (File.Exists(path)) bits = 1 | 2;
            return Slot.OfInt(bits);
        });
        r.Add(C, "checkAccess", "(Ljava/io/File;I)Z", static (t, a) =>
        {
            var path = PathOf(t, a[1]);
            if (!File.Exists(path) && !Directory.Exists(path)) return Slot.OfBool(false);
            var mode = File.GetUnixFileMode(path);
            var access = a[2].I;
            var root = Nido.Linux.Credentials.EffectiveUid == 0;
            bool ok = (access & 4) == 0 || root || (mode & (UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0;
            ok &= (access & 2) == 0 || root || (mode & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;
            ok &= (access & 1) == 0 || (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
            return Slot.OfBool(ok);
        });
        r.Add(C, "getLastModifiedTime", "(Ljava/io/File;)J", static (t, a) =>
        {
            var path = PathOf(t, a[1]);
            return Slot.OfLong(File.Exists(path) || Directory.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeMilliseconds() : 0);
        });
        r.Add(C, "getLength", "(Ljava/io/File;)J", static (t, a) =>
        {
            var info = new FileInfo(PathOf(t, a[1]));
            return Slot.OfLong(info.Exists ? info.Length : 0);
        });
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
        r.Add(C, "createFileExclusively", "(Ljava/lang/String;)Z", static (t, a) =>
        {
            var path = t.Vm.StringOf(a[1].R)!;
            try
            {
                using var _ = new FileStream(path, FileMode.CreateNew);
                return Slot.OfBool(true);
            }
            catch (IOException) when (File.Exists(path) || Directory.Exists(path))
            {
                return Slot.OfBool(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw t.Vm.Throw("java/io/IOException", e is UnauthorizedAccessException ? "Permission denied" : "No such file or directory");
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
        r.Add(C, "setLastModifiedTime", "(Ljava/io/File;J)Z", static (t, a) => Slot.OfBool(Try(PathOf(t, a[1]), "", a[2].J, static (path, _, time) =>
        {
            File.SetLastWriteTimeUtc(path, DateTimeOffset.FromUnixTimeMilliseconds(time).UtcDateTime);
            return true;
        })));
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

    /// <summary>java.io's canonical form: absolute, "." and ".." folded, symbolic links of the existing prefix resolved.</summary>
    private static string Canonicalize(string path)
    {
        var full = Path.GetFullPath(path);
        var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(true) is { } target) next = target.FullName;
            else if (!info.Exists && !Directory.Exists(next)) return Path.Combine([next, .. parts[(i + 1)..]]);
            current = next;
        }
        return current;
    }
}
