using Nido.Containers;
using Nido.Images;
using Nido.Images.Archive;
using Nido.Images.Layers;
using Nido.Images.Registry;
using Nido.Images.Store;
using Nido.Linux;

namespace Nido.Engine;

/// <summary>
/// The front end's operations. Each container has a monitor, like Docker's shim or podman's conmon: the `nido run`
/// process itself in the foreground, or a `nido` started in its own session for -d. It mounts the rootfs, creates and
/// starts the runtime container, copies output to the log (and the terminal), waits, records the exit code, deletes
/// the runtime container and unmounts — and with --rm removes everything.
/// </summary>
public sealed partial class Engine
{
    public Engine(EnginePaths paths)
    {
        Paths = paths;
        Images = new ImageStore(paths.Images);
        Containers = new ContainerStore(paths.Containers);
        Runtime = new StateStore(paths.RuntimeRoot);
        Snapshots = new Snapshotter(Images);
    }

    public EnginePaths Paths { get; }
    public ImageStore Images { get; }
    public ContainerStore Containers { get; }
    public StateStore Runtime { get; }
    public Snapshotter Snapshots { get; }

    /// <summary>An image `run` does not find in the store: the built-in busybox, or pulled.</summary>
    public Image FetchImage(string text, RegistryOptions registry, Action<PullProgress>? progress)
    {
        var reference = ImageReference.Parse(text);
        if (BusyboxImage.IsBuiltin(reference)) return BusyboxImage.Build(Images);
        return new Puller(Images, registry).Pull(reference, null, progress);
    }

    /// <summary>Records a new container (name chosen, nothing running yet).</summary>
    public ContainerRecord Create(ContainerConfig config, Image image, string? name)
    {
        var args = SpecBuilder.Arguments(config, image);
        using var _ = Containers.Lock();
        var existing = Containers.List();
        if (name is not null)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"))
                throw new EngineException($"invalid container name \"{name}\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
            if (existing.FirstOrDefault(r => r.Name == name) is { } clash)
                throw new EngineException($"the container name \"{name}\" is already in use by container {clash.Id}; remove it or choose another name", 125);
        }
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var record = new ContainerRecord
        {
            Id = id, Name = name ?? NameGenerator.Next(n => existing.Any(r => r.Name == n)),
            Image = config.Image, ImageName = image.Name ?? image.Id, ImageId = image.Id, Created = DateTimeOffset.UtcNow,
            Config = config, Args = args, StopSignal = image.Config.Config?.StopSignal ?? "SIGTERM",
        };
        Containers.Save(record);
        return record;
    }

    /// <summary>The runtime's view of a container, or null when it is not (or no longer) there.</summary>
    public Container? RuntimeContainer(ContainerRecord record)
    {
        if (!Runtime.Exists(record.Id)) return null;
        try { return Container.Load(Runtime, record.Id); }
        catch (ContainerException) { return null; }
    }

    /// <summary>created, running, paused or exited.</summary>
    public string Status(ContainerRecord record)
    {
        if (record.FinishedAt is not null) return "exited";
        if (RuntimeContainer(record) is { } c)
            return c.Status switch { "running" => "running", "paused" => "paused", "created" or "creating" => "created", _ => MonitorAlive(record) ? "running" : "exited" };
        return record.StartedAt is null ? "created" : "exited";
    }

    public bool MonitorAlive(ContainerRecord record) =>
        record.MonitorPid > 0 && ProcessInfo.IsAlive(record.MonitorPid, record.MonitorStartTime);

    /// <summary>Docker's STATUS column: "Up 3 seconds", "Exited (0) 2 minutes ago", "Created".</summary>
    public string StatusText(ContainerRecord record) => Status(record) switch
    {
        "running" => $"Up {Ago(record.StartedAt ?? record.Created)}",
        "paused" => $"Up {Ago(record.StartedAt ?? record.Created)} (Paused)",
        "exited" => $"Exited ({record.ExitCode?.ToString() ?? "unknown"}) {Ago(record.FinishedAt ?? record.StartedAt ?? record.Created)} ago",
        var s => char.ToUpperInvariant(s[0]) + s[1..],
    };

    public static string Ago(DateTimeOffset when)
    {
        var t = DateTimeOffset.UtcNow - when;
        if (t.TotalSeconds < 1) return "Less than a second";
        if (t.TotalSeconds < 60) return $"{(int)t.TotalSeconds} second{(t.TotalSeconds >= 2 ? "s" : "")}";
        if (t.TotalMinutes < 60) return $"{(int)t.TotalMinutes} minute{(t.TotalMinutes >= 2 ? "s" : "")}";
        if (t.TotalHours < 48) return $"{(int)t.TotalHours} hour{(t.TotalHours >= 2 ? "s" : "")}";
        return $"{(int)t.TotalDays} days";
    }

    /// <summary>Chain ids still used by containers, which image garbage collection must keep.</summary>
    public IReadOnlySet<string> ChainsInUse()
    {
        var ids = Containers.List().Select(r => r.ImageId).ToHashSet();
        return Images.List().Where(i => ids.Contains(i.Id)).SelectMany(i => i.ChainIds).Select(Digests.Hex).ToHashSet();
    }
}
