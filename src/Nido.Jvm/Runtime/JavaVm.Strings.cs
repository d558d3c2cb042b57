using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Nido.Jvm.Runtime;

public sealed partial class JavaVm
{
    private readonly ConcurrentDictionary<string, JObject> _interned = new(StringComparer.Ordinal);
    private JField? _stringValue, _stringCoder;

    /// <summary>A new java.lang.String: LATIN1 (coder 0) when every char fits a byte, else UTF16 (coder 1, little-endian pairs).</summary>
    public JObject NewString(string s)
    {
        _stringValue ??= FieldOf(StringClass, "value");
        _stringCoder ??= FieldOf(StringClass, "coder");
        var str = NewObject(StringClass);
        var latin1 = true;
        foreach (var ch in s) if (ch > 0xFF) { latin1 = false; break; }
        JArray<sbyte> value;
        if (latin1)
        {
            value = (JArray<sbyte>)NewArray(Primitive('B'), s.Length);
            for (var i = 0; i < s.Length; i++) value.Data[i] = (sbyte)s[i];
        }
        else
        {
            value = (JArray<sbyte>)NewArray(Primitive('B'), s.Length * 2);
            MemoryMarshal.AsBytes(s.AsSpan()).CopyTo(MemoryMarshal.AsBytes(value.Data.AsSpan()));
        }
        str.Fields[_stringValue.Slot].R = value;
        str.Fields[_stringCoder.Slot].P = latin1 ? 0 : 1;
        return str;
    }

    /// <summary>The .NET string of a java.lang.String (null for null).</summary>
    public string? StringOf(JObject? str)
    {
        if (str is null) return null;
        _stringValue ??= FieldOf(StringClass, "value");
        _stringCoder ??= FieldOf(StringClass, "coder");
        var value = (JArray<sbyte>)str.Fields[_stringValue.Slot].R!;
        var bytes = MemoryMarshal.AsBytes(value.Data.AsSpan());
        if (str.Fields[_stringCoder.Slot].P == 0) return string.Create(bytes.Length, value, static (dst, v) => { for (var i = 0; i < dst.Length; i++) dst[i] = (char)(byte)v.Data[i]; });
        return new string(MemoryMarshal.Cast<byte, char>(bytes));
    }

    /// <summary>String literals and String.intern share one object per content.</summary>
    public JObject Intern(string s) => _interned.TryGetValue(s, out var o) ? o : _interned.GetOrAdd(s, NewString(s));

    public JObject Intern(JObject str) => _interned.GetOrAdd(StringOf(str)!, str);
}
