using System.Text;

namespace Nido.Machines.X86.Acpi;

/// <summary>
/// The few AML terms (ACPI 6.5 §20.2) a DSDT that only declares devices needs: scopes, devices, named
/// objects, integers, strings, EISA ids, packages, buffers and a method that returns a constant. Each term is
/// encoded to bytes at once; containers take their children's bytes and prefix a PkgLength.
/// </summary>
public static class Aml
{
    private const byte ZeroOp = 0x00, OneOp = 0x01, NameOp = 0x08, BytePrefix = 0x0a, WordPrefix = 0x0b,
        DWordPrefix = 0x0c, StringPrefix = 0x0d, QWordPrefix = 0x0e, ScopeOp = 0x10, BufferOp = 0x11,
        PackageOp = 0x12, MethodOp = 0x14, DualNamePrefix = 0x2e, MultiNamePrefix = 0x2f, RootChar = 0x5c,
        ExtOpPrefix = 0x5b, DeviceOp = 0x82, ReturnOp = 0xa4;

    public static byte[] Scope(string path, params byte[][] terms) => Container([ScopeOp], NameString(path), terms);

    public static byte[] Device(string path, params byte[][] terms) => Container([ExtOpPrefix, DeviceOp], NameString(path), terms);

    public static byte[] Name(string path, byte[] value) => [NameOp, .. NameString(path), .. value];

    /// <summary>A method of <paramref name="args"/> arguments (0–7), not serialized, sync level 0.</summary>
    public static byte[] Method(string path, int args, params byte[][] terms)
    {
        if (args is < 0 or > 7) throw new ArgumentOutOfRangeException(nameof(args), "an AML method takes 0–7 arguments");
        return Container([MethodOp], [.. NameString(path), (byte)args], terms);
    }

    public static byte[] Return(byte[] value) => [ReturnOp, .. value];

    public static byte[] Integer(ulong value) => value switch
    {
        0 => [ZeroOp],
        1 => [OneOp],
        <= byte.MaxValue => [BytePrefix, (byte)value],
        <= ushort.MaxValue => [WordPrefix, (byte)value, (byte)(value >> 8)],
        <= uint.MaxValue => [DWordPrefix, .. BitConverter.GetBytes((uint)value)],
        _ => [QWordPrefix, .. BitConverter.GetBytes(value)],
    };

    public static byte[] String(string value)
    {
        if (value.Any(c => c is < (char)1 or > (char)0x7f)) throw new ArgumentException($"AML strings are ASCII without NUL: \"{value}\"", nameof(value));
        return [StringPrefix, .. Encoding.ASCII.GetBytes(value), 0];
    }

    /// <summary>A compressed EISA id such as PNP0501 (three letters, four hex digits) as a DWord, as iasl's EISAID() emits it.</summary>
    public static byte[] EisaId(string id)
    {
        if (id.Length != 7 || !id[..3].All(c => c is >= 'A' and <= 'Z') || !id[3..].All(Uri.IsHexDigit))
            throw new ArgumentException($"an EISA id is three capital letters and four hex digits, not \"{id}\"", nameof(id));
        var vendor = ((id[0] - 0x40) << 10) | ((id[1] - 0x40) << 5) | (id[2] - 0x40);
        var product = Convert.ToUInt16(id[3..], 16);
        // Big-endian in memory: vendor bytes then product bytes.
        var bytes = new[] { (byte)(vendor >> 8), (byte)vendor, (byte)(product >> 8), (byte)product };
        return [DWordPrefix, .. bytes];
    }

    public static byte[] Package(params byte[][] elements)
    {
        if (elements.Length > byte.MaxValue) throw new ArgumentException("a Package holds at most 255 elements", nameof(elements));
        return Container([PackageOp], [(byte)elements.Length], elements);
    }

    public static byte[] Buffer(ReadOnlySpan<byte> bytes) => Container([BufferOp], Integer((ulong)bytes.Length), [bytes.ToArray()]);

    private static byte[] Container(byte[] opcode, byte[] head, byte[][] terms)
    {
        var body = new List<byte>(head);
        foreach (var term in terms) body.AddRange(term);
        return [.. opcode, .. PkgLength(body.Count), .. body];
    }

    /// <summary>AML's PkgLength: the length of what follows plus its own 1–4 bytes.</summary>
    internal static byte[] PkgLength(int contentLength)
    {
        if (contentLength + 1 < 0x40) return [(byte)(contentLength + 1)];
        for (var extra = 1; extra <= 3; extra++)
        {
            var total = contentLength + 1 + extra;
            if (total >= 1 << (4 + 8 * extra)) continue;
            var encoded = new byte[1 + extra];
            encoded[0] = (byte)((extra << 6) | (total & 0xf));
            for (var i = 1; i <= extra; i++) encoded[i] = (byte)(total >> (4 + 8 * (i - 1)));
            return encoded;
        }
        throw new ArgumentOutOfRangeException(nameof(contentLength), "an AML package is limited to 256 MiB");
    }

    /// <summary>A name path: "\" for the root prefix, dot-separated segments of up to four characters (padded with '_').</summary>
    internal static byte[] NameString(string path)
    {
        var bytes = new List<byte>();
        if (path.StartsWith('\\'))
        {
            bytes.Add(RootChar);
            path = path[1..];
        }
        var segments = path.Length == 0 ? [] : path.Split('.');
        switch (segments.Length)
        {
            case 0: bytes.Add(0); break; // NullName.
            case 1: break;
            case 2: bytes.Add(DualNamePrefix); break;
            default:
                if (segments.Length > byte.MaxValue) throw new ArgumentException($"name path \"{path}\" has too many segments", nameof(path));
                bytes.Add(MultiNamePrefix);
                bytes.Add((byte)segments.Length);
                break;
        }
        foreach (var segment in segments) bytes.AddRange(NameSeg(segment));
        return [.. bytes];
    }

    private static byte[] NameSeg(string segment)
    {
        var valid = segment.Length is >= 1 and <= 4
            && segment[0] is (>= 'A' and <= 'Z') or '_'
            && segment.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');
        if (!valid) throw new ArgumentException($"\"{segment}\" is not an AML name segment (A–Z or _, then A–Z, 0–9 or _, at most four)", nameof(segment));
        return Encoding.ASCII.GetBytes(segment.PadRight(4, '_'));
    }
}
