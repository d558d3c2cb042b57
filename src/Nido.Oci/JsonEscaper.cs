using System.Text.Encodings.Web;

namespace Nido.Oci;

/// <summary>
/// System.Text.Json's default escaping (ASCII only, HTML-sensitive characters and quotes as \uXXXX), without its
/// default encoder: that one's first use builds allow-lists over all of Unicode, ~0.2 ms of a runtime call that
/// lives a few milliseconds. Output is the same text, so state and config files do not change.
/// </summary>
internal sealed class JsonEscaper : JavaScriptEncoder
{
    public static readonly JsonEscaper Instance = new();

    public override int MaxOutputCharactersPerInputCharacter => 12; // a supplementary character as two \uXXXX

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is < 0x20 or >= 0x7f or '"' or '&' or '\'' or '+' or '<' or '>' or '\\' or '`';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
            if (WillEncode(text[i])) return i;
        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        for (var i = 0; i < utf8Text.Length; i++)
            if (WillEncode(utf8Text[i])) return i; // any non-ASCII byte starts a character to escape (or invalid UTF-8)
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var span = new Span<char>(buffer, bufferLength);
        if (!WillEncode(unicodeScalar)) return new System.Text.Rune(unicodeScalar).TryEncodeToUtf16(span, out numberOfCharactersWritten);
        var shortForm = unicodeScalar switch { '\b' => 'b', '\t' => 't', '\n' => 'n', '\f' => 'f', '\r' => 'r', '\\' => '\\', _ => '\0' };
        if (shortForm != '\0')
        {
            numberOfCharactersWritten = 2;
            if (span.Length < 2) return false;
            span[0] = '\\';
            span[1] = shortForm;
            return true;
        }
        Span<char> units = stackalloc char[2];
        var count = new System.Text.Rune(unicodeScalar).EncodeToUtf16(units);
        numberOfCharactersWritten = 6 * count;
        if (span.Length < numberOfCharactersWritten) return false;
        for (var i = 0; i < count; i++)
        {
            span[6 * i] = '\\';
            span[6 * i + 1] = 'u';
            ((int)units[i]).TryFormat(span[(6 * i + 2)..], out _, "X4");
        }
        return true;
    }
}
