namespace Nido.Vmm;

internal static class BootFiles
{
    /// <summary>The first <paramref name="count"/> bytes of the file (fewer if it is shorter) and its length.</summary>
    public static byte[] ReadPrefix(string path, string what, int count, out long length)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            length = RandomAccess.GetLength(handle);
            var prefix = new byte[(int)Math.Min(count, length)];
            Fill(handle, prefix, path);
            return prefix;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VmmException($"{what}: cannot read {path}: {e.Message}");
        }
    }

    /// <summary>
    /// Reads the whole file straight into <paramref name="destination"/> (guest memory: no managed copy of a
    /// 30 MB kernel to allocate, fault in and copy again); the file must be exactly as long.
    /// </summary>
    public static void ReadInto(string path, string what, Span<byte> destination)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            if (RandomAccess.GetLength(handle) != destination.Length) throw new IOException("the file changed while the VM was built");
            Fill(handle, destination, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VmmException($"{what}: cannot read {path}: {e.Message}");
        }
    }

    private static void Fill(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, string path)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer[done..], done);
            if (n == 0) throw new IOException($"{path} ended after {done} bytes");
            done += n;
        }
    }

    /// <summary>A kernel, initrd or firmware file; an unreadable one is a VmmException naming <paramref name="what"/>.</summary>
    public static byte[] Read(string path, string what)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VmmException($"{what}: cannot read {path}: {e.Message}");
        }
    }
}
