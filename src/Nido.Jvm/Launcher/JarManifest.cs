using System.IO.Compression;
using System.Text;

namespace Nido.Jvm.Launcher;

/// <summary>
/// The main section of a jar manifest, read as java.util.jar.Manifest does: "Name: value" lines,
/// a line starting with one space continues the previous value (writers wrap at 72 bytes), a blank
/// line ends the section, and a last line without a line end is ignored.
/// </summary>
public sealed class JarManifest
{
    public const string EntryName = "META-INF/MANIFEST.MF";

    private const int MaxLineBytes = 512; // java's line buffer, line end included

    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\f'];

    private readonly Dictionary<string, string> _main;

    private JarManifest(Dictionary<string, string> main) => _main = main;

    /// <summary>Main attributes; names compare ignoring case, as in java.</summary>
    public IReadOnlyDictionary<string, string> MainAttributes => _main;

    public string? this[string name] => _main.GetValueOrDefault(name);

    public string? MainClass => this["Main-Class"];

    /// <summary>Class-Path's relative URLs, in order (java splits on whitespace).</summary>
    public IReadOnlyList<string> ClassPath =>
        this["Class-Path"]?.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>Multi-Release: true makes META-INF/versions/N/ entries override the base ones.</summary>
    public bool IsMultiRelease => string.Equals(this["Multi-Release"]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses manifest bytes; a malformed main section throws <see cref="InvalidDataException"/>.</summary>
    public static JarManifest Parse(ReadOnlySpan<byte> bytes)
    {
        var main = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? name = null;
        var value = new List<byte>();
        int lineNumber = 0;
        int pos = 0;
        while (NextLine(bytes, ref pos, out ReadOnlySpan<byte> line))
        {
            lineNumber++;
            if (line.Length == 0)
                break;
            if (line[0] == ' ')
            {
                if (name == null)
                    throw new InvalidDataException($"misplaced continuation line (line {lineNumber})");
                value.AddRange(line[1..]);
                continue;
            }
            if (name != null)
                main[name] = Encoding.UTF8.GetString(value.ToArray());
            int colon = line.IndexOf((byte)':');
            // "Name: value" needs the space; "Name:" alone is invalid even with an empty value.
            if (colon < 0 || colon + 1 >= line.Length || line[colon + 1] != ' ')
                throw new InvalidDataException($"invalid header field (line {lineNumber})");
            name = Encoding.UTF8.GetString(line[..colon]);
            if (!IsValidName(name))
                throw new InvalidDataException($"invalid header field name: {name} (line {lineNumber})");
            value.Clear();
            value.AddRange(line[(colon + 2)..]);
        }
        if (name != null)
            main[name] = Encoding.UTF8.GetString(value.ToArray());
        return new JarManifest(main);
    }

    /// <summary>The jar's manifest, or null when it has none; errors name the jar.</summary>
    public static JarManifest? Read(string jarPath)
    {
        using ZipArchive zip = JarArchive.Open(jarPath);
        return Read(zip, jarPath);
    }

    internal static JarManifest? Read(ZipArchive zip, string jarPath)
    {
        try
        {
            ZipArchiveEntry? entry = JarArchive.ManifestEntry(zip);
            return entry == null ? null : Parse(JarArchive.ReadAll(entry));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new JarFileException(jarPath, cannotOpen: false, $"{EntryName}: {e.Message}", e);
        }
    }

    // One line without its end (\n, \r\n or \r); false at the end and for a last line with no end.
    private static bool NextLine(ReadOnlySpan<byte> bytes, ref int pos, out ReadOnlySpan<byte> line)
    {
        line = default;
        ReadOnlySpan<byte> rest = bytes[pos..];
        int end = rest.IndexOfAny((byte)'\n', (byte)'\r');
        if (end < 0)
            return false;
        int terminator = rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1;
        if (end + terminator > MaxLineBytes)
            throw new InvalidDataException("line too long");
        line = rest[..end];
        pos += end + terminator;
        return true;
    }

    // Attributes.Name: 1 to 70 characters from [A-Za-z0-9_-].
    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 70 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
