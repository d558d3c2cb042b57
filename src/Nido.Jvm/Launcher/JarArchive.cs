using System.IO.Compression;

namespace Nido.Jvm.Launcher;

/// <summary>Opens a jar as a zip, turning the BCL's errors into a <see cref="JarFileException"/> naming the jar.</summary>
internal static class JarArchive
{
    public static ZipArchive Open(string path)
    {
        if (Directory.Exists(path))
            throw new JarFileException(path, cannotOpen: false, "is a directory");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JarFileException(path, cannotOpen: true, e.Message, e);
        }
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            stream.Dispose();
            throw new JarFileException(path, cannotOpen: false, e.Message, e);
        }
    }

    /// <summary>The manifest entry, found as JarFile does: exact name first, then ignoring case.</summary>
    public static ZipArchiveEntry? ManifestEntry(ZipArchive zip) =>
        zip.GetEntry(JarManifest.EntryName)
        ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, JarManifest.EntryName, StringComparison.OrdinalIgnoreCase));

    public static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using Stream s = entry.Open();
        var bytes = new byte[entry.Length];
        s.ReadExactly(bytes);
        return bytes;
    }
}
