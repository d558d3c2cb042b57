namespace Nido.Engine;

/// <summary>
/// Resolves Docker's user forms (name, uid, name:group, uid:gid) against the container's own /etc/passwd and
/// /etc/group, read through the rootfs without following symlinks out of it.
/// </summary>
internal static class UserResolver
{
    public static (uint Uid, uint Gid, uint[] Groups) Resolve(string? user, string rootfs)
    {
        if (string.IsNullOrEmpty(user)) user = "0";
        var colon = user.IndexOf(':');
        var userPart = colon < 0 ? user : user[..colon];
        var groupPart = colon < 0 ? null : user[(colon + 1)..];
        var passwd = Read(rootfs, "etc/passwd");
        var groups = Read(rootfs, "etc/group");

        uint uid, gid = 0;
        string? userName = null;
        var entry = passwd.FirstOrDefault(f => f.Length >= 4 && (f[0] == userPart || f[2] == userPart));
        if (uint.TryParse(userPart, out var numeric))
        {
            uid = numeric;
            if (entry is not null && entry[2] == userPart) { uint.TryParse(entry[3], out gid); userName = entry[0]; }
        }
        else if (entry is not null && uint.TryParse(entry[2], out uid))
        {
            uint.TryParse(entry[3], out gid);
            userName = entry[0];
        }
        else throw new EngineException($"unable to find user {userPart}: no matching entries in passwd file", 126);

        if (groupPart is { Length: > 0 })
        {
            if (uint.TryParse(groupPart, out var g)) gid = g;
            else if (groups.FirstOrDefault(f => f.Length >= 3 && f[0] == groupPart) is { } ge && uint.TryParse(ge[2], out g)) gid = g;
            else throw new EngineException($"unable to find group {groupPart}: no matching entries in group file", 126);
        }
        // Supplementary groups: those that list the user by name (Docker adds them when the group is not forced).
        var extra = groupPart is null && userName is not null
            ? groups.Where(f => f.Length >= 4 && f[3].Split(',').Contains(userName)).Select(f => uint.TryParse(f[2], out var x) ? x : (uint?)null).OfType<uint>().Distinct().ToArray()
            : [];
        return (uid, gid, extra);
    }

    /// <summary>HOME from passwd for the uid, or "/".</summary>
    public static string Home(uint uid, string rootfs) =>
        Read(rootfs, "etc/passwd").FirstOrDefault(f => f.Length >= 6 && f[2] == uid.ToString())?[5] is { Length: > 0 } home ? home : "/";

    private static List<string[]> Read(string rootfs, string relative)
    {
        var path = Path.Combine(rootfs, relative);
        // A symlinked /etc/passwd could point at the host's: such files are ignored, as if absent.
        if (Linux.Nodes.LStat(path) is not { IsRegular: true } || Linux.Nodes.LStat(Path.Combine(rootfs, "etc")) is not { IsDirectory: true }) return [];
        return File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(':')).ToList();
    }
}
