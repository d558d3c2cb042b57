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

    /// <summary>rmdir, retried briefly: the kernel empties a cgroup a moment after its last process is reaped.</summary>
    public static void Remove(string dir)
    {
        for (var attempt = 0; Directory.Exists(dir); attempt++)
        {
            try
            {
                foreach (var child in Directory.GetDirectories(dir)) Remove(child);
                Directory.Delete(dir);
            }
            catch (IOException) when (attempt < 50) { Thread.Sleep(10); }
            catch (IOException e) { throw new CgroupException($"removing {dir}: {e.Message}"); }
        }
    }
}
