namespace Nido.Linux;

/// <summary>
/// An flock on a lock file, held until disposed. The kernel drops it when the holder dies (also by kill -9), so a
/// crashed `nido` never leaves a store locked.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly SafeFdHandle _fd;

    private FileLock(SafeFdHandle fd) => _fd = fd;

    public static FileLock Exclusive(string path) => Take(path, Interop.LOCK_EX);

    public static FileLock Shared(string path) => Take(path, Interop.LOCK_SH);

    private static FileLock Take(string path, int operation)
    {
        var fd = FileIo.Open(path, FileIo.O_RDWR | FileIo.O_CREAT, 0x180);
        try
        {
            while (Interop.flock(fd, operation) < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastSystemError();
                if (errno != (int)Errno.EINTR) throw new ErrnoException("flock", errno, path);
            }
            return new FileLock(fd);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    public void Dispose() => _fd.Dispose();
}
