namespace Nido.Jvm.Launcher;

/// <summary>HotSpot's size syntax (atojulong): decimal or 0x-hex digits and at most one unit letter k, m, g or t.</summary>
internal static class MemorySize
{
    internal enum Check
    {
        InRange,
        TooSmall,
        TooBig,
        Unreadable,
    }

    /// <summary>parse_memory_size: parse then compare with the bounds.</summary>
    public static Check Parse(string text, ulong min, ulong max, out ulong value)
    {
        if (!TryParse(text, out value))
            return Check.Unreadable;
        if (value < min)
            return Check.TooSmall;
        return value > max ? Check.TooBig : Check.InRange;
    }

    public static bool TryParse(string text, out ulong value)
    {
        value = 0;
        // No sign, no leading space: the first character must be a digit.
        if (text.Length == 0 || !char.IsAsciiDigit(text[0]))
            return false;
        bool hex = text.Length > 1 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
        int i = hex ? 2 : 0;
        int digitsStart = i;
        ulong n = 0;
        for (; i < text.Length && IsDigit(text[i], hex); i++)
        {
            ulong digit = (ulong)(char.IsAsciiDigit(text[i]) ? text[i] - '0' : (text[i] | 0x20) - 'a' + 10);
            ulong radix = hex ? 16UL : 10UL;
            if (n > (ulong.MaxValue - digit) / radix)
                return false; // strtoull's ERANGE
            n = n * radix + digit;
        }
        if (hex && i == digitsStart)
            i = 1; // strtoull read just the "0"; "x" is then the remainder
        string rest = text[i..];
        if (rest.Length > 1)
            return false;
        ulong unit = rest switch
        {
            "" => 1,
            "k" or "K" => 1UL << 10,
            "m" or "M" => 1UL << 20,
            "g" or "G" => 1UL << 30,
            "t" or "T" => 1UL << 40,
            _ => 0,
        };
        if (unit == 0 || n > ulong.MaxValue / unit)
            return false;
        value = n * unit;
        return true;
    }

    private static bool IsDigit(char c, bool hex) => hex ? char.IsAsciiHexDigit(c) : char.IsAsciiDigit(c);
}
