using System.Text.Json;
using System.Text.Json.Serialization;
using Nido.Oci.Image;
using Nido.Oci.Runtime;

namespace Nido.Oci;

/// <summary>Source-generated JSON for the image-spec records (manifests, indexes, image configs, layouts, docker archives).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(Manifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(LayoutMarker))]
[JsonSerializable(typeof(List<DockerArchiveEntry>))]
public sealed partial class ImageJsonContext : JsonSerializerContext;

/// <summary>Reads and writes OCI documents with errors that name the file and the JSON path.</summary>
public static class OciJson
{
    /// <summary>config.json, read by <see cref="SpecReader"/> (the runtime's hot path avoids System.Text.Json's setup).</summary>
    public static Spec ReadSpec(string path) => ReadSpec(path, out _);

    /// <summary>config.json and its text (the state directory keeps the text as read).</summary>
    public static Spec ReadSpec(string path, out string text)
    {
        var utf8 = ReadBytes(path);
        text = System.Text.Encoding.UTF8.GetString(utf8);
        return ParseWith(utf8, SpecReader.Spec, path);
    }

    public static Process ReadProcess(string path) => ParseWith(ReadBytes(path), SpecReader.Process, path);

    public static Resources ParseResources(string json, string source) => ParseWith(json, ResourcesReader.Resources, source);

    public delegate T CursorReader<T>(ref JsonCursor cursor);

    /// <summary>Parses a whole document with a hand-written reader; errors name the source, JSON path and line.</summary>
    public static T ParseWith<T>(string json, CursorReader<T> read, string source) where T : class =>
        ParseWith(System.Text.Encoding.UTF8.GetBytes(json), read, source);

    private static T ParseWith<T>(byte[] utf8, CursorReader<T> read, string source) where T : class
    {
        var body = utf8.AsSpan();
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        var cursor = new JsonCursor(body, source);
        if (cursor.Null) throw new OciException($"{source}: the document is null");
        var value = read(ref cursor);
        cursor.End();
        return value;
    }

    public static T Read<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => Parse(ReadText(path), type, path);

    private static string ReadText(string path)
    {
        try { return File.ReadAllText(path); }
        catch (FileNotFoundException) { throw new OciException($"{path}: no such file"); }
        catch (DirectoryNotFoundException) { throw new OciException($"{path}: no such file"); }
    }

    /// <summary>The file's bytes (not through a StreamReader: config.json is read on every create, by a short-lived process).</summary>
    private static byte[] ReadBytes(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw new OciException($"{path}: no such file"); }
        catch (DirectoryNotFoundException) { throw new OciException($"{path}: no such file"); }
    }

    public static T Parse<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new OciException($"{source}: the document is null");
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } p && p != "$" ? $" at {p}" : "";
            var line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
            throw new OciException($"{source}: invalid JSON{where}{line}: {FirstSentence(e.Message)}");
        }
        catch (ArgumentException e)
        {
            throw new OciException($"{source}: invalid text: {e.Message}"); // e.g. a lone UTF-16 surrogate
        }
    }

    public static string Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf("Path:", StringComparison.Ordinal);
        var text = (cut > 0 ? message[..cut] : message).TrimEnd(' ', ',', '.');
        // System.Text.Json reports a truncated document with its internal token name.
        return text is "ZeroDepthAtEnd" or "ExpectedStartOfValueNotFound" ? "the document ends early" : text;
    }
}

/// <summary>An invalid or unreadable OCI document; the message names the file and field.</summary>
public class OciException(string message) : Exception(message);
