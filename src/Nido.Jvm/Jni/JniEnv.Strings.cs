using System.Runtime.InteropServices;
using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jni;

// Strings: UTF-16 (NewString, Get/ReleaseStringChars, GetStringRegion, the critical pair) and modified UTF-8
// (NewStringUTF, GetStringUTFLength/Chars/Region; encoded by ClassFile.ModifiedUtf8). Native code always gets a copy
// in native memory, freed by the matching Release.
internal static unsafe partial class JniEnv
{
    private static void FillStrings(nint* t)
    {
        t[163] = (nint)(delegate* unmanaged<nint, char*, int, nint>)&NewString;
        t[164] = (nint)(delegate* unmanaged<nint, nint, int>)&GetStringLength;
        t[165] = (nint)(delegate* unmanaged<nint, nint, byte*, char*>)&GetStringChars;
        t[166] = (nint)(delegate* unmanaged<nint, nint, char*, void>)&ReleaseStringChars;
        t[167] = (nint)(delegate* unmanaged<nint, byte*, nint>)&NewStringUTF;
        t[168] = (nint)(delegate* unmanaged<nint, nint, int>)&GetStringUTFLength;
        t[169] = (nint)(delegate* unmanaged<nint, nint, byte*, byte*>)&GetStringUTFChars;
        t[170] = (nint)(delegate* unmanaged<nint, nint, byte*, void>)&ReleaseStringUTFChars;
        t[220] = (nint)(delegate* unmanaged<nint, nint, int, int, char*, void>)&GetStringRegion;
        t[221] = (nint)(delegate* unmanaged<nint, nint, int, int, byte*, void>)&GetStringUTFRegion;
        t[224] = (nint)(delegate* unmanaged<nint, nint, byte*, char*>)&GetStringChars;
        t[225] = (nint)(delegate* unmanaged<nint, nint, char*, void>)&ReleaseStringChars;
    }

    private static string StringOf(nint str) => Thread.Vm.StringOf(NonNull(str, "string"))!;

    [UnmanagedCallersOnly]
    private static nint NewString(nint env, char* chars, int length)
    {
        try
        {
            if (length < 0) throw Thread.Vm.Throw("java/lang/NegativeArraySizeException", length.ToString());
            if (chars is null && length > 0) throw Thread.Vm.Throw("java/lang/NullPointerException", "chars is null");
            return JniRefs.Local(Thread.Vm.NewString(new string(chars, 0, length)));
        }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int GetStringLength(nint env, nint str)
    {
        try { return StringOf(str).Length; }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static char* GetStringChars(nint env, nint str, byte* isCopy)
    {
        try
        {
            var s = StringOf(str);
            var copy = (char*)NativeMemory.Alloc((nuint)s.Length + 1, sizeof(char));
            s.AsSpan().CopyTo(new Span<char>(copy, s.Length));
            copy[s.Length] = '\0';
            if (isCopy is not null) *isCopy = 1;
            return copy;
        }
        catch (Exception e) { Raise(e); return null; }
    }

    [UnmanagedCallersOnly]
    private static void ReleaseStringChars(nint env, nint str, char* chars) => NativeMemory.Free(chars);

    [UnmanagedCallersOnly]
    private static nint NewStringUTF(nint env, byte* bytes)
    {
        try { return bytes is null ? 0 : JniRefs.Local(Thread.Vm.NewString(Utf8(bytes, "bytes"))); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int GetStringUTFLength(nint env, nint str)
    {
        try { return ModifiedUtf8.Encode(StringOf(str)).Length; }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static byte* GetStringUTFChars(nint env, nint str, byte* isCopy)
    {
        try
        {
            var utf = ModifiedUtf8.Encode(StringOf(str));
            var copy = (byte*)NativeMemory.Alloc((nuint)utf.Length + 1);
            utf.CopyTo(new Span<byte>(copy, utf.Length));
            copy[utf.Length] = 0;
            if (isCopy is not null) *isCopy = 1;
            return copy;
        }
        catch (Exception e) { Raise(e); return null; }
    }

    [UnmanagedCallersOnly]
    private static void ReleaseStringUTFChars(nint env, nint str, byte* chars) => NativeMemory.Free(chars);

    [UnmanagedCallersOnly]
    private static void GetStringRegion(nint env, nint str, int start, int length, char* buf)
    {
        try
        {
            var s = StringOf(str);
            CheckRegion(start, length, s.Length, "String");
            s.AsSpan(start, length).CopyTo(new Span<char>(buf, length));
        }
        catch (Exception e) { Raise(e); }
    }

    [UnmanagedCallersOnly]
    private static void GetStringUTFRegion(nint env, nint str, int start, int length, byte* buf)
    {
        try
        {
            var s = StringOf(str);
            CheckRegion(start, length, s.Length, "String");
            if (buf is null) return; // HotSpot allows a null buffer for an empty region
            var utf = ModifiedUtf8.Encode(s.Substring(start, length));
            utf.CopyTo(new Span<byte>(buf, utf.Length));
            buf[utf.Length] = 0;
        }
        catch (Exception e) { Raise(e); }
    }

    private static void CheckRegion(int start, int length, int total, string what)
    {
        if (start < 0 || length < 0 || (long)start + length > total)
            throw Thread.Vm.Throw(what == "String" ? "java/lang/StringIndexOutOfBoundsException" : "java/lang/ArrayIndexOutOfBoundsException",
                $"{(what == "String" ? "String" : "Array")} region {start}..{(long)start + length} out of bounds for length {total}");
    }

    /// <summary>
    /// Decodes modified UTF-8 leniently (HotSpot leaves malformed input undefined): a standard 4-byte UTF-8 form
    /// becomes its surrogate pair, and a byte that starts no valid form stands for itself.
    /// </summary>
    internal static string DecodeUtf(ReadOnlySpan<byte> b)
    {
        var chars = new char[b.Length];
        int n = 0, i = 0;
        while (i < b.Length)
        {
            int x = b[i];
            if (x < 0x80) { chars[n++] = (char)x; i++; }
            else if ((x & 0xE0) == 0xC0 && i + 1 < b.Length && (b[i + 1] & 0xC0) == 0x80)
            {
                chars[n++] = (char)(((x & 0x1F) << 6) | (b[i + 1] & 0x3F));
                i += 2;
            }
            else if ((x & 0xF0) == 0xE0 && i + 2 < b.Length && (b[i + 1] & 0xC0) == 0x80 && (b[i + 2] & 0xC0) == 0x80)
            {
                chars[n++] = (char)(((x & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F));
                i += 3;
            }
            else if ((x & 0xF8) == 0xF0 && i + 3 < b.Length && (b[i + 1] & 0xC0) == 0x80 && (b[i + 2] & 0xC0) == 0x80 && (b[i + 3] & 0xC0) == 0x80
                && (((x & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F)) is var cp and >= 0x10000 and <= 0x10FFFF)
            {
                chars[n++] = (char)(0xD800 + ((cp - 0x10000) >> 10));
                chars[n++] = (char)(0xDC00 + ((cp - 0x10000) & 0x3FF));
                i += 4;
            }
            else { chars[n++] = (char)x; i++; }
        }
        return new string(chars, 0, n);
    }
}
