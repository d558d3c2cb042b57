namespace Nido.Vmm;

internal static class BootFiles
{
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
