using static Nido.Machines.Boot.LittleEndian;

namespace Nido.Machines.Boot;

/// <summary>
/// Symbol lookup in an ELF64 file's .symtab (for conventions that name addresses by symbol, such as HTIF's
/// tohost/fromhost). Every offset is checked against the file; a malformed table yields no symbols.
/// </summary>
public static class ElfSymbols
{
    private const uint ShtSymtab = 2;

    /// <summary>The value of each symbol in <paramref name="names"/> that the file defines.</summary>
    public static Dictionary<string, ulong> Find(ReadOnlySpan<byte> file, params string[] names)
    {
        var found = new Dictionary<string, ulong>();
        if (file.Length < 64 || !ElfImage.IsElf(file) || file[4] != 2) return found;
        var shoff = U64(file, 40);
        var shentsize = U16(file, 58);
        var shnum = U16(file, 60);
        if (shentsize < 64 || shoff > (ulong)file.Length || (ulong)shentsize * shnum > (ulong)file.Length - shoff) return found;
        for (var i = 0; i < shnum; i++)
        {
            var sh = file.Slice((int)shoff + i * shentsize, 64);
            if (U32(sh, 4) != ShtSymtab) continue;
            var (offset, size, link, entsize) = (U64(sh, 24), U64(sh, 32), U32(sh, 40), U64(sh, 56));
            if (entsize < 24 || link >= shnum || offset > (ulong)file.Length || size > (ulong)file.Length - offset) continue;
            var strtab = file.Slice((int)shoff + (int)link * shentsize, 64);
            var (strOffset, strSize) = (U64(strtab, 24), U64(strtab, 32));
            if (strOffset > (ulong)file.Length || strSize > (ulong)file.Length - strOffset) continue;
            var strings = file.Slice((int)strOffset, (int)strSize);
            for (ulong at = 0; at + 24 <= size; at += entsize)
            {
                var sym = file.Slice((int)(offset + at), 24);
                var nameAt = U32(sym, 0);
                if (nameAt >= (ulong)strings.Length) continue;
                var rest = strings[(int)nameAt..];
                var end = rest.IndexOf((byte)0);
                var name = System.Text.Encoding.ASCII.GetString(end < 0 ? rest : rest[..end]);
                if (Array.IndexOf(names, name) >= 0 && U16(sym, 6) != 0) found[name] = U64(sym, 8);
            }
        }
        return found;
    }
}
