using System.Text;
using System.Text.Json;

namespace Nido.Oci;

/// <summary>
/// A forward JSON reader for hand-written document readers: the current token, the JSON path to it (for errors),
/// and typed values with Go's encoding/json meaning of null (the field keeps its zero value), as runc reads config.json.
/// Every value reader consumes exactly the current value (an object or array up to its end token).
/// </summary>
public ref struct JsonCursor
{
    private Utf8JsonReader _reader;
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly string _source;
    /// <summary>The way to the current token: a property name, an array index (Name null), or an object not yet entered (Index -1).</summary>
    private readonly List<(string? Name, int Index)> _path;

    public JsonCursor(ReadOnlySpan<byte> utf8, string source)
    {
        _utf8 = utf8;
        _source = source;
        _path = [];
        _reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        Advance();
    }

    /// <summary>True (and the value consumed) when the current value is null.</summary>
    public bool Null => _reader.TokenType == JsonTokenType.Null;

    /// <summary>After the root value: only whitespace and comments may follow.</summary>
    public void End()
    {
        bool more;
        try { more = _reader.Read(); }
        catch (JsonException e) { throw Error("unexpected content after the document", e.LineNumber); }
        if (more) throw Error("unexpected content after the document");
    }

    public bool NextProperty(out string name)
    {
        if (_reader.TokenType == JsonTokenType.StartObject) _path.Add(("", -1));
        Advance();
        if (_reader.TokenType == JsonTokenType.EndObject)
        {
            _path.RemoveAt(_path.Count - 1);
            name = "";
            return false;
        }
        name = _reader.GetString()!;
        _path[^1] = (name, 0);
        Advance();
        return true;
    }

    /// <summary>Checks that the current value is an object; then <see cref="NextProperty"/> walks it.</summary>
    public void StartObject()
    {
        if (_reader.TokenType != JsonTokenType.StartObject) throw Error("expected an object");
    }

    /// <summary>Checks that the current value is an array; then <see cref="NextItem"/> walks it.</summary>
    public void StartArray()
    {
        if (_reader.TokenType != JsonTokenType.StartArray) throw Error("expected an array");
        _path.Add((null, -1));
    }

    public bool NextItem()
    {
        Advance();
        if (_reader.TokenType == JsonTokenType.EndArray)
        {
            _path.RemoveAt(_path.Count - 1);
            return false;
        }
        _path[^1] = (null, _path[^1].Index + 1);
        return true;
    }

    public void Skip()
    {
        try { _reader.Skip(); }
        catch (JsonException e) { throw Malformed(e); }
    }

    public string String(string zero) =>
        Null ? zero : _reader.TokenType == JsonTokenType.String ? Text() : throw Error("expected a string");

    public string? NullableString() => Null ? null : String("");

    public bool Bool(bool zero) => _reader.TokenType switch
    {
        JsonTokenType.Null => zero,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Error("expected true or false"),
    };

    public bool? NullableBool() => Null ? null : Bool(false);

    public int Int32(int zero) => Null ? zero : Number() && _reader.TryGetInt32(out var v) ? v : throw Error("expected a 32-bit integer");
    public uint UInt32(uint zero) => Null ? zero : Number() && _reader.TryGetUInt32(out var v) ? v : throw Error("expected an unsigned 32-bit integer");
    public ushort UInt16(ushort zero) => Null ? zero : Number() && _reader.TryGetUInt16(out var v) ? v : throw Error("expected an unsigned 16-bit integer");
    public long Int64(long zero) => Null ? zero : Number() && _reader.TryGetInt64(out var v) ? v : throw Error("expected a 64-bit integer");
    public ulong UInt64(ulong zero) => Null ? zero : Number() && _reader.TryGetUInt64(out var v) ? v : throw Error("expected an unsigned 64-bit integer");
    public DateTimeOffset Time(DateTimeOffset zero) =>
        Null ? zero : _reader.TokenType == JsonTokenType.String && _reader.TryGetDateTimeOffset(out var v) ? v : throw Error("expected an ISO 8601 time");
    public int? NullableInt32() => Null ? null : Int32(0);
    public uint? NullableUInt32() => Null ? null : UInt32(0);
    public ushort? NullableUInt16() => Null ? null : UInt16(0);
    public long? NullableInt64() => Null ? null : Int64(0);
    public ulong? NullableUInt64() => Null ? null : UInt64(0);

    /// <summary>An array of strings, or null; a null element is "" (Go's zero value).</summary>
    public List<string>? Strings() => Array(static (ref JsonCursor c) => c.String(""));

    public List<uint>? UInt32s() => Array(static (ref JsonCursor c) => c.UInt32(0));

    /// <summary>An array, or null; <paramref name="item"/> reads one element (null included).</summary>
    public List<T>? Array<T>(OciJson.CursorReader<T> item)
    {
        if (Null) return null;
        var list = new List<T>();
        for (StartArray(); NextItem();) list.Add(item(ref this));
        return list;
    }

    /// <summary>An object used as a map (annotations, sysctl, timeOffsets), or null; <paramref name="item"/> reads one value.</summary>
    public Dictionary<string, T>? Map<T>(OciJson.CursorReader<T> item)
    {
        if (Null) return null;
        var map = new Dictionary<string, T>();
        for (StartObject(); NextProperty(out var key);) map[key] = item(ref this);
        return map;
    }

    /// <summary>False for null (the caller keeps its zero values); otherwise checks for an object to walk with <see cref="NextProperty"/>.</summary>
    public bool Object()
    {
        if (Null) return false;
        StartObject();
        return true;
    }

    /// <summary>An object of string values (annotations, sysctl), or null; a null value is "".</summary>
    public Dictionary<string, string>? StringMap() => Map(static (ref JsonCursor c) => c.String(""));

    /// <summary>An error at the current token: the source, the JSON path and line, as <see cref="OciJson"/> reports them.</summary>
    public OciException Error(string what, long? line0 = null)
    {
        var path = new StringBuilder("$");
        foreach (var (name, index) in _path)
            if (name is null) path.Append('[').Append(index).Append(']');
            else if (index == 0) path.Append('.').Append(name);
        var line = line0 + 1 ?? _utf8[..(int)Math.Min(_reader.TokenStartIndex, _utf8.Length)].Count((byte)'\n') + 1;
        var where = path.Length > 1 ? $" at {path}" : "";
        return new OciException($"{_source}: invalid JSON{where} (line {line}): {what}");
    }

    private bool Number() => _reader.TokenType == JsonTokenType.Number;

    private string Text()
    {
        try { return _reader.GetString()!; }
        catch (InvalidOperationException e) { throw Error($"invalid text: {e.Message}"); } // e.g. a lone UTF-16 surrogate
    }

    private void Advance()
    {
        try
        {
            if (!_reader.Read()) throw Error("the document ends early");
        }
        catch (JsonException e) { throw Malformed(e); }
    }

    private OciException Malformed(JsonException e)
    {
        var cut = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var message = (cut > 0 ? e.Message[..cut] : e.Message).TrimEnd(' ', '.', '|');
        // The reader's words for a truncated or empty document.
        if (message.StartsWith("Expected depth to be zero", StringComparison.Ordinal) || message.Contains("does not contain any JSON tokens"))
            message = "the document ends early";
        return Error(message, e.LineNumber);
    }
}
