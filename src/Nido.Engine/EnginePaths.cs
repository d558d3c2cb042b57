namespace Nido.Engine;

/// <summary>
/// Where the front end keeps things: images and containers under the data root (/var/lib/nido, or $NIDO_ROOT),
/// the runtime's state of running containers under /run/nido/engine (or $NIDO_ROOT/run), which a reboot clears.
/// </summary>
public sealed record EnginePaths(string DataRoot, string RuntimeRoot)
{
    public static EnginePaths FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("NIDO_ROOT") is { Length: > 0 } root)
            return new EnginePaths(Path.GetFullPath(root), Path.Combine(Path.GetFullPath(root), "run"));
        return new EnginePaths("/var/lib/nido", "/run/nido/engine");
    }

    public string Images => Path.Combine(DataRoot, "images");

    public string Containers => Path.Combine(DataRoot, "containers");
}
