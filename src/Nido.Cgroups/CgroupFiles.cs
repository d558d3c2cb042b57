using Nido.Linux;
namespace Nido.Cgroups;

/// <summary>Reads and writes cgroup control files with errors that name the file and value.</summary>
internal static class CgroupFiles
{
    public static void Write(string dir, string file, string value)
    {
        var path = Path.Combine(dir, file);
        try { TextFile.Write(path, value); }
        catch (ErrnoException e)
        {
            throw new CgroupException($"writing \"{value}\" to {path}: {e.ErrnoName} ({e.Description})");
        }
    }

    public static string? Read(string dir, string file)
    {
        return TextFile.TryRead(Path.Combine(dir, file))?.Trim();
    }

    public static bool Has(string dir, string file) => File.Exists(Path.Combine(dir, file));

    public static IReadOnlyList<int> Pids(string dir)
    {
        var lines = (Read(dir, "cgroup.procs") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var pids = new int[lines.Length];
        for (var i = 0; i < lines.Length; i++) pids[i] = int.Parse(lines[i]);
        return pids;
    }

    /// <summary>
    /// rmdir, retried briefly while busy (the kernel empties a cgroup a moment after its last process is reaped); child
    /// cgroups, which a container may have made, go first. A cgroup's files are not in the way: without children one
    /// rmdir is enough, with no listing first.
    /// </summary>
    public static void Remove(string dir)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Nodes.RemoveDirectory(dir);
                return;
            }
            catch (ErrnoException e) when (e.Errno == Errno.ENOENT) { return; }
            catch (ErrnoException e) when (e.Errno is Errno.EBUSY or Errno.ENOTEMPTY && attempt < 50)
            {
                // Busy: child cgroups (removed first, then at once again), or processes not yet gone (a moment later).
                string[] children;
                try { children = Directory.GetDirectories(dir); }
                catch (DirectoryNotFoundException) { return; }
                catch (Exception l) when (l is IOException or UnauthorizedAccessException) { throw new CgroupException($"removing {dir}: {l.Message}"); }
                foreach (var child in children) Remove(child);
                if (children.Length == 0) Thread.Sleep(10);
            }
            catch (ErrnoException e) { throw new CgroupException($"removing {dir}: {e.Message}"); }
        }
    }
}
