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

    public string Rootfs => rootfs;

    /// <summary>The host path (under the rootfs) that <paramref name="containerPath"/> names, symlinks resolved inside the root.</summary>
    public string Resolve(string containerPath) => SecureJoin.Resolve(rootfs, containerPath, ReadLink);

    public void Mounted(string target, string? bindSource) => mounts.Add((target, bindSource));

    /// <summary>A symlink the init creates (on a fresh filesystem the host cannot look at).</summary>
    public void Linked(string path, string target) => links.TryAdd(path, target);

    /// <summary>Whether a directory will be there: a mount point, or a directory of the backing host tree.</summary>
    public bool IsDirectory(string path) =>
        mounts.Any(m => m.Target == path) || (Backing(path) is { } host && Directory.Exists(host));

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
        if (mounts.Any(m => m.Target == path)) return null; // a mount point is the root of what is mounted there
        return Backing(path) is { } host ? new FileInfo(host).LinkTarget : null;
    }
}
