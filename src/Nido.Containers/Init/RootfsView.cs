namespace Nido.Containers.Init;

/// <summary>
/// The container's tree as its init will see it while mounting, judged from the host before the init exists: a path under an
/// earlier bind is looked up in the bind's source, one under a fresh filesystem (tmpfs, proc, …) holds only what the init made.
/// Destinations resolve through it, so symlinks brought in by earlier mounts are followed as the container would, never out.
/// </summary>
internal sealed class RootfsView(string rootfs)
{
    private readonly List<(string Target, string? Source)> mounts = []; // Source: a bind's host directory; null: a fresh filesystem
    private readonly Dictionary<string, string> links = [];
    private readonly List<(string Target, string Type)> opaque = []; // filesystems with contents the host cannot inspect

    /// <summary>Filesystems that start empty or whose contents the kernel makes: nothing in them can aim a path elsewhere.</summary>
    private static readonly HashSet<string> Known = ["tmpfs", "ramfs", "proc", "sysfs", "devpts", "mqueue", "cgroup", "cgroup2", "securityfs", "debugfs", "tracefs", "bpf", "hugetlbfs", "fusectl", "configfs", "binfmt_misc"];

    public string Rootfs => rootfs;

    /// <summary>The host path (under the rootfs) that <paramref name="containerPath"/> names, symlinks resolved inside the root.</summary>
    public string Resolve(string containerPath)
    {
        var path = SecureJoin.Resolve(rootfs, containerPath, ReadLink);
        // A symlink inside such a filesystem would be followed by the init from the host's root: refuse rather than guess.
        foreach (var (target, type) in opaque)
            if (path.StartsWith(target + "/", StringComparison.Ordinal))
                throw new ContainerException($"mount destination {containerPath} lies inside the {type} mount at {target[rootfs.Length..]}, whose contents cannot be checked before the container starts");
        return path;
    }

    /// <param name="bindSource">A bind's host directory; null for a new filesystem of <paramref name="type"/>.</param>
    public void Mounted(string target, string? bindSource, string? type = null)
    {
        mounts.Add((target, bindSource));
        if (bindSource is null && type is not null && !Known.Contains(type)) opaque.Add((target, type));
    }

    /// <summary>A symlink the init creates (on a fresh filesystem the host cannot look at).</summary>
    public void Linked(string path, string target) => links.TryAdd(path, target);

    /// <summary>Whether a directory will be there: a mount point, or a directory of the backing host tree.</summary>
    public bool IsDirectory(string path) =>
        mounts.Exists(m => m.Target == path) || (Backing(path) is { } host && Directory.Exists(host));

    /// <summary>The host path behind <paramref name="path"/>, or null on a fresh filesystem.</summary>
    private string? Backing(string path)
    {
        for (var i = mounts.Count - 1; i >= 0; i--) // a later mount covers an earlier one
        {
            var (target, source) = mounts[i];
            if (path == target) return source;
            if (path.StartsWith(target + "/", StringComparison.Ordinal)) return source is null ? null : source + path[target.Length..];
        }
        return path;
    }

    private string? ReadLink(string path)
    {
        if (links.TryGetValue(path, out var link)) return link;
        if (mounts.Exists(m => m.Target == path)) return null; // a mount point is the root of what is mounted there
        return Backing(path) is { } host ? new FileInfo(host).LinkTarget : null;
    }
}
