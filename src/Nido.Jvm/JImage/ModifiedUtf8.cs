using System.Text;

namespace Nido.Jvm.JImage;

/// <summary>
/// The JVM's modified UTF-8, in which the image stores its strings and over whose bytes the name hash runs:
/// NUL is C0 80 and each UTF-16 unit (surrogates too) is encoded on its own, so it is not .NET's UTF-8.
/// </summary>
internal static class ModifiedUtf8
{
    /// <summary>The most bytes <paramref name="chars"/> UTF-16 units can take.</summary>
    public static int MaxByteCount(int chars) => checked(chars * 3);

    /// <summary>Encodes <paramref name="s"/> into <paramref name="dest"/> (at least MaxByteCount long); returns the length.</summary>
    public static int Encode(ReadOnlySpan<char> s, Span<byte> dest)
    {
        int n = 0;
        foreach (char c in s)
        {
            if (c is > '\0' and < '\u0080') dest[n++] = (byte)c;
            else if (c < '\u0800')
            {
                dest[n++] = (byte)(0xC0 | c >> 6);
                dest[n++] = (byte)(0x80 | c & 0x3F);
            }
            else
            {
                dest[n++] = (byte)(0xE0 | c >> 12);
                dest[n++] = (byte)(0x80 | c >> 6 & 0x3F);
                dest[n++] = (byte)(0x80 | c & 0x3F);
            }
        }
        return n;
    }

    public static byte[] Encode(string s)
    {
        var buffer = new byte[MaxByteCount(s.Length)];
        return buffer.AsSpan(0, Encode(s, buffer)).ToArray();
    }

    /// <summary>Decodes a whole byte sequence; throws InvalidDataException when it is malformed.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.ContainsAnyExceptInRange((byte)1, (byte)0x7F))
            return Encoding.ASCII.GetString(bytes);
        var chars = new char[bytes.Length];
        int n = 0;
        for (int i = 0; i < bytes.Length;)
        {
            int b = bytes[i];
            if (b is > 0 and < 0x80) { chars[n++] = (char)b; i++; }
            else if ((b & 0xE0) == 0xC0 && i + 1 < bytes.Length && (bytes[i + 1] & 0xC0) == 0x80)
            {
                chars[n++] = (char)((b & 0x1F) << 6 | bytes[i + 1] & 0x3F);
                i += 2;
            }
            else if ((b & 0xF0) == 0xE0 && i + 2 < bytes.Length
                     && (bytes[i + 1] & 0xC0) == 0x80 && (bytes[i + 2] & 0xC0) == 0x80)
            {
                chars[n++] = (char)((b & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | bytes[i + 2] & 0x3F);
                i += 3;
            }
            else throw new InvalidDataException($"malformed modified UTF-8 byte 0x{b:X2} at {i}");
        }
        return new string(chars, 0, n);
    }
}
