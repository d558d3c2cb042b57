namespace Nido.Containers.Init;

/// <summary>
/// Resolves a container path under the rootfs the way the container will see it: symlinks are followed, but
/// relative to the rootfs, and ".." never climbs above it. An untrusted image cannot aim a mount at the host.
/// </summary>
internal static class SecureJoin
{
    private const int MaxLinks = 255;

    public static string Resolve(string rootfs, string path) => Resolve(rootfs, path, candidate => new FileInfo(candidate).LinkTarget);

    /// <param name="readLink">The symlink target at a path under <paramref name="rootfs"/>, or null (how the container will see it).</param>
    public static string Resolve(string rootfs, string path, Func<string, string?> readLink)
    {
        var resolved = new List<string>();
        var pending = new Stack<string>();
        PushReversed(pending, path);
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var candidate = Path.Combine(rootfs, string.Join('/', resolved), part);
            var target = readLink(candidate);
            if (target is null)
            {
                resolved.Add(part);
                continue;
            }
            if (++links > MaxLinks) throw new ContainerException($"{path}: too many levels of symbolic links inside the rootfs");
            if (target.StartsWith('/')) resolved.Clear();
            PushReversed(pending, target);
        }
        return resolved.Count == 0 ? rootfs : Path.Combine(rootfs, string.Join('/', resolved));
    }

    /// <summary>Pushes the path's components so that the first is popped first.</summary>
    private static void PushReversed(Stack<string> pending, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
    }
}
