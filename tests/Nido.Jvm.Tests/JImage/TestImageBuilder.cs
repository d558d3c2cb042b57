using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Nido.Jvm.JImage;

namespace Nido.Jvm.Tests.JImage;

/// <summary>
/// Writes small jimage files the way jlink lays them out (header, perfect-hash redirect table, offsets,
/// location attributes, strings, contents), in either byte order, so tests control every byte.
/// </summary>
internal sealed class TestImageBuilder(bool bigEndian = false)
{
    private sealed record Entry(string Name, string Module, string Parent, string Base, string Extension,
        byte[] Stored, long UncompressedSize, bool Compressed);

    private readonly List<Entry> _entries = [];
    private readonly MemoryStream _strings = new();
    private readonly Dictionary<string, int> _stringOffsets = new(StringComparer.Ordinal);
    private readonly List<string> _modules = [];

    public bool BigEndian => bigEndian;

    /// <summary>Offset of <paramref name="s"/> in the strings table, adding it if new; offset 0 is "".</summary>
    public int String(string s)
    {
        if (_stringOffsets.Count == 0)
        {
            _stringOffsets[""] = 0;
            _strings.WriteByte(0);
        }
        if (_stringOffsets.TryGetValue(s, out int offset)) return offset;
        offset = (int)_strings.Length;
        _strings.Write(ModifiedUtf8.Encode(s));
        _strings.WriteByte(0);
        _stringOffsets[s] = offset;
        return offset;
    }

    /// <summary>A module resource, "/module/parent/base.ext", its name split the way jlink splits it.</summary>
    public TestImageBuilder Resource(string module, string path, byte[] content) =>
        Resource(module, path, content, content.Length, compressed: false);

    /// <summary>A resource whose stored bytes are already a compression chain (see Zip and CompactCp).</summary>
    public TestImageBuilder Resource(string module, string path, byte[] stored, long uncompressedSize, bool compressed)
    {
        int slash = path.LastIndexOf('/');
        string parent = slash < 0 ? "" : path[..slash], file = path[(slash + 1)..];
        int dot = file.LastIndexOf('.');
        string @base = dot < 0 ? file : file[..dot], ext = dot < 0 ? "" : file[(dot + 1)..];
        _entries.Add(new Entry($"/{module}/{path}", module, parent, @base, ext, stored, uncompressedSize, compressed));
        if (!_modules.Contains(module)) _modules.Add(module);
        return this;
    }

    /// <summary>The /packages/NAME entry: (isEmpty, module) pairs.</summary>
    public TestImageBuilder Package(string dottedName, params (string Module, bool Empty)[] modules)
    {
        var content = new byte[8 * modules.Length];
        for (int i = 0; i < modules.Length; i++)
        {
            WriteWord(content.AsSpan(8 * i), modules[i].Empty ? 1 : 0);
            WriteWord(content.AsSpan(8 * i + 4), String(modules[i].Module));
        }
        _entries.Add(new Entry($"/packages/{dottedName}", "packages", "", dottedName, "", content, content.Length, false));
        return this;
    }

    /// <summary>An entry with raw attributes, for names the helpers do not cover.</summary>
    public TestImageBuilder Raw(string name, string module, string parent, string @base, string ext, byte[] content)
    {
        _entries.Add(new Entry(name, module, parent, @base, ext, content, content.Length, false));
        return this;
    }

    /// <summary>A zip stage header plus the zlib stream of <paramref name="data"/>.</summary>
    public byte[] Zip(byte[] data)
    {
        using var packed = new MemoryStream();
        using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return [.. StageHeader(packed.Length, data.Length, String("zip")), .. packed.ToArray()];
    }

    /// <summary>A compact-cp stage header plus <paramref name="transformed"/>, which rebuilds to <paramref name="size"/> bytes.</summary>
    public byte[] CompactCp(byte[] transformed, int size) =>
        [.. StageHeader(transformed.Length, size, String("compact-cp")), .. transformed];

    public byte[] StageHeader(long stored, long size, int nameOffset)
    {
        var h = new byte[ResourceDecompressor.HeaderSize];
        WriteWord(h, unchecked((int)ResourceDecompressor.HeaderMagic));
        if (bigEndian)
        {
            BinaryPrimitives.WriteInt64BigEndian(h.AsSpan(4), stored);
            BinaryPrimitives.WriteInt64BigEndian(h.AsSpan(12), size);
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(4), stored);
            BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(12), size);
        }
        WriteWord(h.AsSpan(20), nameOffset);
        WriteWord(h.AsSpan(24), -1);
        h[28] = 1;
        return h;
    }

    public byte[] Build(int version = 0x00010000)
    {
        String("");
        var all = new List<Entry>(_entries);
        var moduleNames = _modules.Select(m => new Entry($"/modules/{m}", "modules", "", m, "", [], 0, false)).ToList();
        all.AddRange(moduleNames);
        var fixedStrings = all.SelectMany(e => new[] { e.Module, e.Parent, e.Base, e.Extension }).ToList();
        fixedStrings.Add("/modules");
        foreach (var s in fixedStrings) String(s);

        // Locations: offset 0 holds a lone END so no entry sits at 0. /modules comes last: its content lists the others.
        var locations = new MemoryStream();
        locations.WriteByte(0);
        var contents = new MemoryStream();
        var locationOf = new Dictionary<string, int>(StringComparer.Ordinal);
        void Place(Entry e)
        {
            locationOf[e.Name] = (int)locations.Length;
            long offset = contents.Length;
            contents.Write(e.Stored);
            Attribute(locations, 1, (ulong)String(e.Module));
            Attribute(locations, 2, (ulong)String(e.Parent));
            Attribute(locations, 3, (ulong)String(e.Base));
            Attribute(locations, 4, (ulong)String(e.Extension));
            Attribute(locations, 5, (ulong)offset);
            Attribute(locations, 6, e.Compressed ? (ulong)e.Stored.Length : 0);
            Attribute(locations, 7, (ulong)e.UncompressedSize);
            locations.WriteByte(0);
        }
        foreach (var e in all) Place(e);
        var modulesContent = new byte[4 * moduleNames.Count];
        for (int i = 0; i < moduleNames.Count; i++) WriteWord(modulesContent.AsSpan(4 * i), locationOf[moduleNames[i].Name]);
        var modulesDir = new Entry("/modules", "", "", "/modules", "", modulesContent, modulesContent.Length, false);
        all.Add(modulesDir);
        Place(modulesDir);

        var (redirect, slots) = PerfectHash(all.Select(e => ModifiedUtf8.Encode(e.Name)).ToList());
        var image = new MemoryStream();
        var word = new byte[4];
        void Word(int value) { WriteWord(word, value); image.Write(word); }
        Word(unchecked((int)0xCAFEDADA));
        Word(version);
        Word(0);
        Word(all.Count);
        Word(redirect.Length);
        Word((int)locations.Length);
        Word((int)_strings.Length);
        foreach (int r in redirect) Word(r);
        foreach (int s in slots) Word(locationOf[all[s].Name]);
        image.Write(locations.ToArray());
        image.Write(_strings.ToArray());
        image.Write(contents.ToArray());
        return image.ToArray();
    }

    /// <summary>
    /// The redirect table and, per slot, which entry it holds: a bucket with several names gets the first seed
    /// that spreads them over free slots, a bucket with one name points straight at a free slot (complemented).
    /// </summary>
    private static (int[] Redirect, int[] Slots) PerfectHash(List<byte[]> names)
    {
        int n = names.Count;
        var redirect = new int[n];
        var slots = Enumerable.Repeat(-1, n).ToArray();
        var buckets = Enumerable.Range(0, n).GroupBy(i => ImageHash.Of(names[i]) % n).OrderByDescending(g => g.Count());
        foreach (var bucket in buckets)
        {
            var members = bucket.ToList();
            if (members.Count == 1)
            {
                int free = Array.IndexOf(slots, -1);
                slots[free] = members[0];
                redirect[bucket.Key] = -1 - free;
                continue;
            }
            for (int seed = 1; ; seed++)
            {
                var places = members.Select(i => ImageHash.Of(names[i], seed) % n).ToList();
                if (places.Distinct().Count() != places.Count || places.Any(p => slots[p] != -1)) continue;
                for (int k = 0; k < members.Count; k++) slots[places[k]] = members[k];
                redirect[bucket.Key] = seed;
                break;
            }
        }
        return (redirect, slots);
    }

    private static void Attribute(Stream s, int kind, ulong value)
    {
        if (value == 0) return;
        int n = (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 7) / 8;
        s.WriteByte((byte)(kind << 3 | (n - 1)));
        for (int i = n - 1; i >= 0; i--) s.WriteByte((byte)(value >> (8 * i)));
    }

    private void WriteWord(Span<byte> dest, int value)
    {
        if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(dest, value);
        else BinaryPrimitives.WriteInt32LittleEndian(dest, value);
    }

    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
}
