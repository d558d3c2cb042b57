using System.Text;

namespace Nido.Jvm.Launcher;

/// <summary>
/// Splits an options environment variable (JDK_JAVA_OPTIONS in the launcher, JAVA_TOOL_OPTIONS and
/// _JAVA_OPTIONS in HotSpot; both use the same rules): whitespace separates, '…' or "…" quote
/// (no escapes) and may sit inside a word.
/// </summary>
internal static class OptionStringTokenizer
{
    /// <summary>The words, or null when a quote is not closed.</summary>
    public static List<string>? Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsSpace(text[i]))
                i++;
            if (i == text.Length)
                break;
            word.Clear();
            while (i < text.Length && !IsSpace(text[i]))
            {
                char c = text[i++];
                if (c is '\'' or '"')
                {
                    int close = text.IndexOf(c, i);
                    if (close < 0)
                        return null;
                    word.Append(text, i, close - i);
                    i = close + 1;
                }
                else
                {
                    word.Append(c);
                }
            }
            words.Add(word.ToString());
        }
        return words;
    }

    // C's isspace in the "C" locale.
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}
