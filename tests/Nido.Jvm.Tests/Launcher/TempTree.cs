using System.IO.Compression;
using System.Text;

namespace Nido.Jvm.Tests.Launcher;

/// <summary>A scratch directory for one test, with helpers to write files and build jars; deleted on dispose.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree() => Root = Directory.CreateTempSubdirectory("nido-launcher-test-").FullName;

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string File(string relative, string text) => File(relative, Encoding.UTF8.GetBytes(text));

    public string File(string relative, byte[] bytes)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Dir(string relative) => Directory.CreateDirectory(PathOf(relative)).FullName;

    /// <summary>A jar with the given entries (name → text); a null manifest writes none.</summary>
    public string Jar(string relative, string? manifest, params (string Name, string Text)[] entries)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        if (manifest != null)
            Write(zip, "META-INF/MANIFEST.MF", manifest);
        foreach ((string name, string text) in entries)
            Write(zip, name, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using Stream s = zip.CreateEntry(name).Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }
}
