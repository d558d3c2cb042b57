using System.Text;

namespace Nido.Linux;

/// <summary>One line of /proc/PID/mountinfo (proc(5)).</summary>
public sealed record MountEntry(
    int Id, int ParentId, string Device, string Root, string MountPoint, string Options,
    IReadOnlyList<string> OptionalFields, string FsType, string Source, string SuperOptions)
{
    /// <summary>Per-superblock options ("rw,memory") as a set, for cgroup v1 controller lookup.</summary>
    public IReadOnlySet<string> SuperOptionSet => new HashSet<string>(SuperOptions.Split(','));

    public bool IsShared
    {
        get
        {
            foreach (var optional in OptionalFields)
                if (optional.StartsWith("shared:", StringComparison.Ordinal)) return true;
            return false;
        }
    }
}

/// <summary>Parses mountinfo, decoding the kernel's octal escapes (\040 for space, …).</summary>
public static class MountInfo
{
    public static IReadOnlyList<MountEntry> ReadSelf() => Parse(TextFile.Read("/proc/self/mountinfo"));

    /// <summary>Every path that is a mount point in this process's mount namespace (decoded, as the table names it).</summary>
    public static HashSet<string> MountPointsOfSelf()
    {
        var points = new HashSet<string>();
        foreach (var m in ReadSelf()) points.Add(m.MountPoint);
        return points;
    }

    public static IReadOnlyList<MountEntry> Parse(string text)
    {
        var entries = new List<MountEntry>();
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            if (raw.Length == 0) continue;
            var fields = raw.Split(' ');
            var sep = fields.Length > 6 ? Array.IndexOf(fields, "-", 6) : -1;
            if (fields.Length < 10 || sep < 0 || fields.Length < sep + 4
                || !int.TryParse(fields[0], out var id) || !int.TryParse(fields[1], out var parent))
                throw new FormatException($"mountinfo line {lineNo} is malformed: \"{raw}\"");
            entries.Add(new MountEntry(id, parent, fields[2], Unescape(fields[3]), Unescape(fields[4]), fields[5],
                fields[6..sep], fields[sep + 1], Unescape(fields[sep + 2]), fields[sep + 3]));
        }
        return entries;
    }

    /// <summary>
    /// A mount-table field with its octal escapes decoded: the kernel (and getmntent's files) escape only space,
    /// tab, newline and backslash, as \040 \011 \012 \134 — all ASCII.
    /// </summary>
    public static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && IsOctal(s, i + 1))
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s[at] is >= '0' and <= '3' && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';
}
