namespace Nido.Containers.Tests;

/// <summary>
/// A parent cgroup a client makes in every hierarchy (podman's /libpod_parent, containerd's /NAMESPACE) and never
/// removes. Removed after the tests, empty directories only, and only when the tests were the ones to make it.
/// </summary>
internal sealed class ClientCgroup(string name)
{
    private readonly bool existed = Find(name).Any();

    private static IEnumerable<string> Find(string name) => Directory.Exists("/sys/fs/cgroup")
        ? Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup").Select(d => Path.Combine(d, name)).Where(Directory.Exists)
        : [];

    public void RemoveIfNew()
    {
        if (existed) return;
        foreach (var parent in Find(name))
            foreach (var dir in Directory.GetDirectories(parent, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(parent))
                try { Directory.Delete(dir); } catch (IOException) { } // busy: a process still runs there (reported by the leftover checks)
    }
}
