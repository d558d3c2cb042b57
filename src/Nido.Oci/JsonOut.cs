using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Nido.Oci;

/// <summary>
/// Helpers for hand-written document writers over <see cref="Utf8JsonWriter"/>, in the shape the OCI records had with
/// System.Text.Json (camelCase names, null members left out, two-space indentation). The runtime binary then carries
/// no serializer: its metadata and converters were a third of the code nido-runc maps at every start.
/// </summary>
public static class JsonOut
{
    public delegate void Body<in T>(Utf8JsonWriter w, T value);

    /// <summary>The document <paramref name="body"/> writes, as text.</summary>
    public static string Document<T>(T value, Body<T> body, bool indented = true)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JsonEscaper.Instance }))
            body(w, value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A JSON string literal, quoted and escaped.</summary>
    public static string Quote(string value) => Document(value, static (w, v) => w.WriteStringValue(v), indented: false);

    public static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    public static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    public static void Number(Utf8JsonWriter w, string name, ulong? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    public static void Boolean(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v) w.WriteBoolean(name, v);
    }

    public static void Strings(Utf8JsonWriter w, string name, List<string>? list)
    {
        if (list is null) return;
        w.WriteStartArray(name);
        foreach (var s in list) w.WriteStringValue(s);
        w.WriteEndArray();
    }

    public static void Numbers(Utf8JsonWriter w, string name, List<uint>? list)
    {
        if (list is null) return;
        w.WriteStartArray(name);
        foreach (var n in list) w.WriteNumberValue(n);
        w.WriteEndArray();
    }

    public static void StringMap(Utf8JsonWriter w, string name, Dictionary<string, string>? map)
    {
        if (map is null) return;
        w.WriteStartObject(name);
        foreach (var (key, value) in map) w.WriteString(key, value);
        w.WriteEndObject();
    }

    /// <summary>A member object (left out when null) whose members <paramref name="body"/> writes.</summary>
    public static void Object<T>(Utf8JsonWriter w, string name, T? value, Body<T> body) where T : class
    {
        if (value is null) return;
        w.WriteStartObject(name);
        body(w, value);
        w.WriteEndObject();
    }

    /// <summary>An array of objects (left out when null).</summary>
    public static void Objects<T>(Utf8JsonWriter w, string name, List<T>? list, Body<T> body) where T : class
    {
        if (list is null) return;
        w.WriteStartArray(name);
        foreach (var item in list)
        {
            if (item is null) { w.WriteNullValue(); continue; }
            w.WriteStartObject();
            body(w, item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>A map of objects (left out when null).</summary>
    public static void ObjectMap<T>(Utf8JsonWriter w, string name, Dictionary<string, T>? map, Body<T> body) where T : class
    {
        if (map is null) return;
        w.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            if (value is null) { w.WriteNull(key); continue; }
            w.WriteStartObject(key);
            body(w, value);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>A whole document that is one object.</summary>
    public static void Root<T>(Utf8JsonWriter w, T value, Body<T> body)
    {
        w.WriteStartObject();
        body(w, value);
        w.WriteEndObject();
    }
}
