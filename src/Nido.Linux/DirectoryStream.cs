using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>An open directory (opendir/fdopendir) read one entry name at a time in the file system's own order.</summary>
public sealed unsafe class DirectoryStream : SafeHandle
{
    private DirectoryStream() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    public static DirectoryStream Open(byte* path) => Wrap(Interop.opendir(path), "opendir");

    /// <summary>fdopendir: the stream takes over <paramref name="fd"/>, which is left invalid (closed with the stream).</summary>
    public static DirectoryStream Open(SafeFdHandle fd)
    {
        var stream = Wrap(Interop.fdopendir(fd), "fdopendir");
        fd.SetHandleAsInvalid();
        return stream;
    }

    /// <summary>The next entry's name (including "." and ".."), or null at the end.</summary>
    public byte[]? Next()
    {
        var entry = Interop.readdir(handle);
        if (entry is null)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == 0 ? null : throw new ErrnoException("readdir", errno);
        }
        var name = entry + 19; // struct dirent64: d_ino, d_off, d_reclen, d_type, d_name
        return new ReadOnlySpan<byte>(name, PosixFiles.CStringLength(name)).ToArray();
    }

    protected override bool ReleaseHandle() => Interop.closedir(handle) == 0;

    private static DirectoryStream Wrap(nint dir, string call)
    {
        if (dir == 0) Errors.Throw(call);
        var stream = new DirectoryStream();
        stream.SetHandle(dir);
        return stream;
    }
}
