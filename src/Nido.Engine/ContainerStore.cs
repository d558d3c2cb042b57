using System.Text.Json;
using Nido.Linux;

namespace Nido.Engine;

/// <summary>The front end's containers: one directory each under containers/, found by name, id or id prefix.</summary>
public sealed class ContainerStore(string root)
{
    public const string RecordFile = "container.json", LogFile = "log.json";

    public string Root { get; } = root;

    public string DirectoryOf(string id) => Path.Combine(Root, id);

    /// <summary>Held while a name is chosen and the record first written, so two runs cannot take one name.</summary>
    public FileLock Lock()
    {
        Directory.CreateDirectory(Root);
        return FileLock.Exclusive(Path.Combine(Root, ".lock"));
    }

    public void Save(ContainerRecord record)
    {
        var dir = DirectoryOf(record.Id);
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, RecordFile + ".tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(record, EngineJsonContext.Default.ContainerRecord));
        File.Move(temp, Path.Combine(dir, RecordFile), overwrite: true);
    }

    public ContainerRecord? Load(string id)
    {
        var path = Path.Combine(DirectoryOf(id), RecordFile);
        try { return JsonSerializer.Deserialize(File.ReadAllText(path), EngineJsonContext.Default.ContainerRecord); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
        catch (JsonException) { return null; } // torn by a crash before the first save finished: listed as nothing
    }

    public IReadOnlyList<ContainerRecord> List()
    {
        if (!Directory.Exists(Root)) return [];
        return Directory.EnumerateDirectories(Root).Select(d => Load(Path.GetFileName(d))).OfType<ContainerRecord>()
            .OrderByDescending(r => r.Created).ToList();
    }

    /// <summary>A container by exact name, full id or unique id prefix, as Docker resolves them.</summary>
    public ContainerRecord Find(string nameOrId)
    {
        var all = List();
        var byName = all.FirstOrDefault(r => r.Name == nameOrId || r.Name == nameOrId.TrimStart('/'));
        if (byName is not null) return byName;
        var byId = all.Where(r => r.Id.StartsWith(nameOrId, StringComparison.Ordinal)).ToList();
        if (nameOrId.Length > 0 && byId.Count == 1) return byId[0];
        if (byId.Count > 1) throw new EngineException($"multiple containers match \"{nameOrId}\"; use more of the id");
        throw new EngineException($"No such container: {nameOrId}", 1);
    }

    public void Remove(string id)
    {
        var dir = DirectoryOf(id);
        if (Directory.Exists(dir)) Images.Layers.Snapshotter.RemoveTree(dir);
    }
}
