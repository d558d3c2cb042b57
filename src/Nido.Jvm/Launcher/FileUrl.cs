using System.Text;

namespace Nido.Jvm.Launcher;

/// <summary>file: and jar: URL strings shaped like java's (File.toURI, ParseUtil.encodePath).</summary>
internal static class FileUrl
{
    public static string ForFile(string absolutePath, bool directory) =>
        "file:" + Encode(directory && !absolutePath.EndsWith('/') ? absolutePath + "/" : absolutePath);

    public static string ForJarEntry(string jarPath, string entryName) => $"jar:{ForFile(jarPath, false)}!/{Encode(entryName)}";

    /// <summary>Percent-encodes (as UTF-8) every character a URI path may not hold as it is.</summary>
    public static string Encode(string path)
    {
        var sb = new StringBuilder(path.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(path))
        {
            char c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-_.!~*'(),;:$&+=/@".Contains(c)))
                sb.Append(c);
            else
                sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }
}
