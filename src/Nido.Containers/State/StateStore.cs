using Nido.Linux;
namespace Nido.Containers;

/// <summary>The runtime root (runc's --root, default /run/nido): one directory per container.</summary>
public sealed class StateStore(string root)
{
    public const string DefaultRoot = "/run/nido";
    public const string StateFile = "state.json", ConfigFile = "config.json", ExecFifo = "exec.fifo", HooksFifo = "hooks.fifo";

    public string Root { get; } = Path.GetFullPath(root);

    public string DirectoryOf(string id) => Path.Combine(Root, ContainerId.Validate(id));

    public bool Exists(string id) => File.Exists(Path.Combine(DirectoryOf(id), StateFile)) || Directory.Exists(DirectoryOf(id));

    public ContainerState Load(string id)
    {
        var file = Path.Combine(DirectoryOf(id), StateFile);
        if (!File.Exists(file))
        {
            if (Directory.Exists(DirectoryOf(id))) return new ContainerState { Id = id, Complete = false };
            throw new ContainerException($"container {id} does not exist");
        }
        try
        {
            return ContainerStateJson.Read(TextFile.Read(file), file);
        }
        catch (Oci.OciException e)
        {
            throw new ContainerException($"{file}: corrupt state ({e.Message})");
        }
    }

    /// <summary>Writes atomically (temp file + rename), so a crash never leaves half a state file.</summary>
    public void Save(ContainerState state)
    {
        TextFile.Replace(Path.Combine(DirectoryOf(state.Id), StateFile), ContainerStateJson.Write(state));
    }

    public List<string> List()
    {
        var ids = new List<string>();
        if (!Directory.Exists(Root)) return ids;
        foreach (var dir in Directory.GetDirectories(Root)) ids.Add(Path.GetFileName(dir));
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    public void Remove(string id)
    {
        var dir = DirectoryOf(id);
        // The files a state directory holds are known: an unlink each and one rmdir (every delete, and every `run`
        // at its end), not a listing. Anything else there (a temporary left by a crash) takes the recursive way.
        try
        {
            foreach (var name in (ReadOnlySpan<string>)[StateFile, ConfigFile, ExecFifo, HooksFifo]) File.Delete(Path.Combine(dir, name));
            Nodes.RemoveDirectory(dir);
            return;
        }
        catch (Exception e) when (e is ErrnoException or IOException or UnauthorizedAccessException) { }
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
