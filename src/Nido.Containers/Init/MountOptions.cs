using Nido.Linux;

namespace Nido.Containers.Init;

/// <summary>An OCI mount's options split as mount(8) does: flags, propagation, and the rest as filesystem data.</summary>
internal sealed record MountOptions(MountFlags Flags, MountFlags ClearFlags, MountFlags Propagation, bool Recursive, string Data)
{
    private static readonly Dictionary<string, (MountFlags Set, MountFlags Clear)> Known = new()
    {
        ["ro"] = (MountFlags.ReadOnly, 0), ["rw"] = (0, MountFlags.ReadOnly),
        ["nosuid"] = (MountFlags.NoSuid, 0), ["suid"] = (0, MountFlags.NoSuid),
        ["nodev"] = (MountFlags.NoDev, 0), ["dev"] = (0, MountFlags.NoDev),
        ["noexec"] = (MountFlags.NoExec, 0), ["exec"] = (0, MountFlags.NoExec),
        ["sync"] = (MountFlags.Synchronous, 0), ["async"] = (0, MountFlags.Synchronous),
        ["dirsync"] = (MountFlags.DirSync, 0), ["remount"] = (MountFlags.Remount, 0),
        ["mand"] = (MountFlags.Mandlock, 0), ["nomand"] = (0, MountFlags.Mandlock),
        ["noatime"] = (MountFlags.NoAtime, 0), ["atime"] = (0, MountFlags.NoAtime),
        ["nodiratime"] = (MountFlags.NoDirAtime, 0), ["diratime"] = (0, MountFlags.NoDirAtime),
        ["relatime"] = (MountFlags.RelAtime, 0), ["norelatime"] = (0, MountFlags.RelAtime),
        ["strictatime"] = (MountFlags.StrictAtime, 0), ["nostrictatime"] = (0, MountFlags.StrictAtime),
        ["lazytime"] = (MountFlags.LazyTime, 0), ["nolazytime"] = (0, MountFlags.LazyTime),
        ["silent"] = (MountFlags.Silent, 0), ["loud"] = (0, MountFlags.Silent),
        ["nosymfollow"] = (MountFlags.NoSymFollow, 0),
        ["bind"] = (MountFlags.Bind, 0), ["rbind"] = (MountFlags.Bind | MountFlags.Rec, 0),
    };

    /// <summary>Every option name understood as a flag or propagation (for `features`); others go to the filesystem.</summary>
    public static List<string> Names => [.. Known.Keys, .. Propagations.Keys];

    private static readonly Dictionary<string, (MountFlags Mode, bool Recursive)> Propagations = new()
    {
        ["private"] = (MountFlags.Private, false), ["rprivate"] = (MountFlags.Private, true),
        ["shared"] = (MountFlags.Shared, false), ["rshared"] = (MountFlags.Shared, true),
        ["slave"] = (MountFlags.Slave, false), ["rslave"] = (MountFlags.Slave, true),
        ["unbindable"] = (MountFlags.Unbindable, false), ["runbindable"] = (MountFlags.Unbindable, true),
    };

    public bool IsBind => (Flags & MountFlags.Bind) != 0;

    public static MountOptions Parse(IEnumerable<string>? options)
    {
        MountFlags flags = 0, clear = 0, propagation = 0;
        var recursive = false;
        var data = new List<string>();
        foreach (var option in options ?? [])
        {
            if (Known.TryGetValue(option, out var f))
            {
                flags = (flags | f.Set) & ~f.Clear;
                clear |= f.Clear;
            }
            else if (Propagations.TryGetValue(option, out var p))
            {
                propagation = p.Mode;
                recursive = p.Recursive;
            }
            else if (option is "tmpcopyup" or "idmap" or "ridmap") { } // accepted, no effect here
            else data.Add(option);
        }
        return new MountOptions(flags, clear, propagation, recursive, string.Join(',', data));
    }

    /// <summary>"rbind" means recursive bind; a plain "bind" is not.</summary>
    public bool RecursiveBind => (Flags & MountFlags.Rec) != 0;

    /// <summary>Flags that need a second, MS_REMOUNT pass after a bind (a bind ignores them the first time).</summary>
    public MountFlags RemountFlags => Flags & ~(MountFlags.Bind | MountFlags.Rec | MountFlags.Remount);
}
