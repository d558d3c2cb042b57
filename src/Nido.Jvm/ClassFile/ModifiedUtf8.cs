namespace Nido.Jvm.ClassFile;

/// <summary>JVMS 4.4.7 "modified UTF-8": no 4-byte forms (supplementary characters are surrogate pairs), NUL as C0 80.</summary>
public static class ModifiedUtf8
{
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        // Nearly every pool string is ASCII: widened straight into the string (vectorised), with no copy of the bytes
        // first. A raw NUL is not modified UTF-8 and takes the checking path below.
        if (System.Text.Ascii.IsValid(bytes) && !bytes.Contains((byte)0)) return System.Text.Encoding.Latin1.GetString(bytes);
        var chars = new char[bytes.Length];
        int n = 0, i2 = 0;
        while (i2 < bytes.Length)
        {
            int b = bytes[i2];
            if (b is > 0 and < 0x80) { chars[n++] = (char)b; i2++; }
            else if ((b & 0xE0) == 0xC0 && i2 + 1 < bytes.Length && (bytes[i2 + 1] & 0xC0) == 0x80)
            {
                chars[n++] = (char)(((b & 0x1F) << 6) | (bytes[i2 + 1] & 0x3F));
                i2 += 2;
            }
            else if ((b & 0xF0) == 0xE0 && i2 + 2 < bytes.Length && (bytes[i2 + 1] & 0xC0) == 0x80 && (bytes[i2 + 2] & 0xC0) == 0x80)
            {
                chars[n++] = (char)(((b & 0x0F) << 12) | ((bytes[i2 + 1] & 0x3F) << 6) | (bytes[i2 + 2] & 0x3F));
                i2 += 3;
            }
            else throw new ClassFormatException($"Illegal UTF8 string in constant pool (byte 0x{b:x2} at offset {i2})");
        }
        return new string(chars, 0, n);
    }

    public static byte[] Encode(string s)
    {
        var length = 0;
        foreach (var c in s) length += c is > '\0' and < '\u0080' ? 1 : c < '\u0800' ? 2 : 3;
        var bytes = new byte[length];
        var p = 0;
        foreach (var c in s)
        {
            if (c is > '\0' and < '\u0080') bytes[p++] = (byte)c;
            else if (c < '\u0800') { bytes[p++] = (byte)(0xC0 | (c >> 6)); bytes[p++] = (byte)(0x80 | (c & 0x3F)); }
            else { bytes[p++] = (byte)(0xE0 | (c >> 12)); bytes[p++] = (byte)(0x80 | ((c >> 6) & 0x3F)); bytes[p++] = (byte)(0x80 | (c & 0x3F)); }
        }
        return bytes;
    }
}
