namespace Nido.Jvm.Tests.JImage;

/// <summary>A temporary directory of image files for one test, deleted when disposed.</summary>
internal sealed class JImageTempFiles : IDisposable
{
    private int _next;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("nido-jimage-").FullName;

    public string Write(ReadOnlySpan<byte> bytes)
    {
        var path = Path.Combine(Directory, $"image{_next++}.jimage");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
