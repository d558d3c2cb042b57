using System.Collections.Concurrent;
using System.Text;
using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// sun.nio.fs.LinuxNativeDispatcher's mount-table stream (setmntent/getmntent/endmntent, and UnixNativeDispatcher's
/// rewind/getlinelen on it) for FileStore lookups. The table is read once into lines; entries are parsed as
/// getmntent does: whitespace-separated fields with \040-style octal escapes, blank and '#' lines skipped.
/// </summary>
internal static unsafe class SunNioFsLinuxNativeDispatcher
{
    private const string C = "sun/nio/fs/LinuxNativeDispatcher";
    private static readonly ConcurrentDictionary<long, MountTable> Streams = new();
    private static long _next;

    private sealed class MountTable(string[] lines)
    {
        public readonly string[] Lines = lines;
        public int Position;
    }

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "init", "()V", static (t, a) => default);
        r.Add(C, "setmntent0", "(JJ)J", static (t, a) =>
        {
            var path = Encoding.UTF8.GetString(new ReadOnlySpan<byte>((byte*)a[0].J, PosixFiles.CStringLength((byte*)a[0].J)));
            string[] lines;
            try { lines = File.ReadAllText(path).Split('\n'); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw SunNioFsUnixNativeDispatcher.UnixException(t, e is FileNotFoundException or DirectoryNotFoundException ? (int)Errno.ENOENT : (int)Errno.EACCES);
            }
            var id = Interlocked.Increment(ref _next);
            Streams[id] = new MountTable(lines);
            return Slot.OfLong(id);
        });
        r.Add(C, "getmntent0", "(JLsun/nio/fs/UnixMountEntry;JI)I", static (t, a) =>
        {
            var table = Stream(t, a[0].J);
            while (table.Position < table.Lines.Length)
            {
                var fields = table.Lines[table.Position++].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || fields[0].StartsWith('#')) continue;
                var entry = a[2].R!;
                string[] names = ["name", "dir", "fstype", "opts"];
                for (var i = 0; i < names.Length; i++)
                    t.Vm.SetField(entry, entry.Class, names[i], Slot.OfRef(t.Vm.NewByteArray(Encoding.UTF8.GetBytes(MountInfo.Unescape(fields[i])))));
                return Slot.OfInt(0);
            }
            return Slot.OfInt(-1);
        });
        r.Add(C, "endmntent", "(J)V", static (t, a) => { Streams.TryRemove(a[0].J, out _); return default; });
        r.Add("sun/nio/fs/UnixNativeDispatcher", "rewind", "(J)V", static (t, a) => { Stream(t, a[0].J).Position = 0; return default; });
        r.Add("sun/nio/fs/UnixNativeDispatcher", "getlinelen", "(J)I", static (t, a) =>
        {
            var table = Stream(t, a[0].J);
            // The text after the final newline is no line.
            return Slot.OfInt(table.Position < table.Lines.Length - 1 ? Encoding.UTF8.GetByteCount(table.Lines[table.Position++]) + 1 : -1);
        });
    }

    private static MountTable Stream(JThread t, long id) =>
        Streams.TryGetValue(id, out var s) ? s : throw SunNioFsUnixNativeDispatcher.UnixException(t, (int)Errno.EBADF);
}
