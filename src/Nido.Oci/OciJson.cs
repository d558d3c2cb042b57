using System.Text.Json;
using System.Text.Json.Serialization;
using Nido.Oci.Image;
using Nido.Oci.Runtime;

namespace Nido.Oci;

/// <summary>Source-generated JSON for every OCI record (AOT-safe). Unknown fields are ignored, as runc does.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(Spec))]
[JsonSerializable(typeof(State))]
[JsonSerializable(typeof(Process))]
[JsonSerializable(typeof(Features))]
[JsonSerializable(typeof(Resources))]
[JsonSerializable(typeof(Manifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(LayoutMarker))]
[JsonSerializable(typeof(List<DockerArchiveEntry>))]
public sealed partial class OciJsonContext : JsonSerializerContext;

/// <summary>Reads and writes OCI documents with errors that name the file and the JSON path.</summary>
public static class OciJson
{
    public static Spec ReadSpec(string path) => Read(path, OciJsonContext.Default.Spec);

    public static T Read<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (FileNotFoundException) { throw new OciException($"{path}: no such file"); }
        catch (DirectoryNotFoundException) { throw new OciException($"{path}: no such file"); }
        return Parse(text, type, path);
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
