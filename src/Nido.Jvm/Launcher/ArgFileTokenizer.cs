using System.Text;

namespace Nido.Jvm.Launcher;

/// <summary>
/// Splits an @argfile the way java's launcher (args.c) does: whitespace separates arguments,
/// '…' and "…" quote (a backslash escapes inside quotes, and a backslash before a line end
/// continues the quoted text after the next line's leading blanks), # starts a comment to the line
/// end, and a line end also ends an open quote. Quirks are kept: a # inside an unquoted argument
/// drops what came before it in that argument.
/// </summary>
internal static class ArgFileTokenizer
{
    private enum State
    {
        FindNext,
        InComment,
        InQuote,
        InEscape,
        SkipLeadWhitespace,
        InToken,
    }

    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var parts = new StringBuilder();
        int partCount = 0; // args.c keeps a list of parts; an empty list at the end means no token
        var state = State.FindNext;
        char quote = '"';
        int anchor = 0;
        int i = 0;
        for (; i < text.Length; i++)
        {
            char ch = text[i];
            if (state is State.FindNext or State.SkipLeadWhitespace)
            {
                while (IsBlank(ch) || ch is '\n' or '\r')
                {
                    if (++i >= text.Length)
                        return Finish(tokens, parts, partCount, state, anchor, text);
                    ch = text[i];
                }
                state = state == State.FindNext ? State.InToken : State.InQuote;
                anchor = i;
            }
            else if (state == State.InEscape)
            {
                if (ch is '\n' or '\r')
                {
                    state = State.SkipLeadWhitespace;
                }
                else
                {
                    parts.Append(ch switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'f' => '\f', _ => ch });
                    partCount++;
                    state = State.InQuote;
                }
                anchor = i + 1;
                continue;
            }
            else if (state == State.InComment)
            {
                while (ch is not ('\n' or '\r'))
                {
                    if (++i >= text.Length)
                        return Finish(tokens, parts, partCount, state, anchor, text);
                    ch = text[i];
                }
                anchor = i + 1;
                state = State.FindNext;
                continue;
            }

            switch (ch)
            {
                case ' ' or '\t' or '\f' when state == State.InQuote:
                    break;
                case ' ' or '\t' or '\f' or '\n' or '\r':
                    parts.Append(text, anchor, i - anchor);
                    tokens.Add(parts.ToString());
                    parts.Clear();
                    partCount = 0;
                    state = State.FindNext;
                    anchor = i + 1;
                    break;
                case '#' when state != State.InQuote:
                    state = State.InComment;
                    anchor = i + 1;
                    break;
                case '\\' when state == State.InQuote:
                    parts.Append(text, anchor, i - anchor);
                    partCount++;
                    state = State.InEscape;
                    anchor = i + 1;
                    break;
                case '\'' or '"' when state != State.InQuote || quote == ch:
                    if (anchor != i)
                    {
                        parts.Append(text, anchor, i - anchor);
                        partCount++;
                    }
                    anchor = i + 1;
                    if (state == State.InToken)
                    {
                        quote = ch;
                        state = State.InQuote;
                    }
                    else
                    {
                        state = State.InToken;
                    }
                    break;
            }
        }
        return Finish(tokens, parts, partCount, state, anchor, text);
    }

    // At the end of the file only an unfinished token or quote still yields its collected parts.
    private static List<string> Finish(List<string> tokens, StringBuilder parts, int partCount, State state, int anchor, string text)
    {
        if (state is State.InToken or State.InQuote)
        {
            if (anchor < text.Length)
            {
                parts.Append(text, anchor, text.Length - anchor);
                partCount++;
            }
            if (partCount != 0)
                tokens.Add(parts.ToString());
        }
        return tokens;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\f';
}
