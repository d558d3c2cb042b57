using System.Collections.Concurrent;
using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// The file descriptors Java code holds as ints (java.io's FileDescriptor.fd, NIO's fd values), each owned by a
/// SafeFdHandle here until Java closes it. 0, 1 and 2 are the process's standard streams, never closed.
/// </summary>
internal static class FileDescriptors
{
    private static readonly ConcurrentDictionary<int, SafeFdHandle> Table = new();
    private static readonly SafeFdHandle[] Standard = [new(0, ownsHandle: false), new(1, ownsHandle: false), new(2, ownsHandle: false)];

    public static int Add(SafeFdHandle handle)
    {
        var fd = handle.Fd;
        Table[fd] = handle;
        return fd;
    }

    public static bool TryGet(int fd, out SafeFdHandle handle)
    {
        if (fd is >= 0 and <= 2) { handle = Standard[fd]; return true; }
        return Table.TryGetValue(fd, out handle!);
    }

    /// <summary>The handle of <paramref name="fd"/>, or an ErrnoException(EBADF) the caller turns into its Java error.</summary>
    public static SafeFdHandle Get(int fd) =>
        TryGet(fd, out var h) ? h : throw new ErrnoException("fd", (int)Errno.EBADF, fd.ToString());

    /// <summary>Removes <paramref name="fd"/> from the table without closing it (another owner takes it over).</summary>
    public static SafeFdHandle? Detach(int fd) => fd > 2 && Table.TryRemove(fd, out var h) ? h : null;

    public static void Close(int fd) => Detach(fd)?.Dispose();

    /// <summary>The int in a java.io.FileDescriptor.</summary>
    public static int Of(JavaVm vm, JObject fileDescriptor) => vm.GetField(fileDescriptor, "fd").I;
}
