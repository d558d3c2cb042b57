using System.CommandLine;
using Nido.Engine;

namespace Nido.Cli.Commands;

/// <summary>Shared plumbing of the Docker-like verbs: the engine over $NIDO_ROOT, and Docker's exit codes for errors.</summary>
public static class EngineCommand
{
    public static readonly Option<bool> TlsVerify = new("--tls-verify") { Description = "Require HTTPS with a verified certificate (false: allow plain HTTP and any certificate)", DefaultValueFactory = _ => true };

    public static Nido.Images.Registry.RegistryOptions Registry(ParseResult parse) => new() { Insecure = !parse.GetValue(TlsVerify) };

    /// <summary>A verb over several containers (`stop`, `rm`): each is done or its error printed; exit 1 if any failed.</summary>
    public static int ForEachContainer(ParseResult parse, Argument<string[]> names, Action<Engine.Engine, ContainerRecord> action) => Run(parse, engine =>
    {
        var failed = false;
        foreach (var name in parse.GetValue(names)!)
        {
            try
            {
                action(engine, engine.Containers.Find(name));
                parse.InvocationConfiguration.Output.WriteLine(name);
            }
            catch (EngineException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"nido: {e.Message}");
                failed = true;
            }
        }
        return failed ? 1 : 0;
    });

    public static int Run(ParseResult parse, Func<Engine.Engine, int> action)
    {
        try
        {
            return action(new Engine.Engine(EnginePaths.FromEnvironment()));
        }
        catch (EngineException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"nido: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is Nido.Images.ImageException or Nido.Containers.ContainerException or Nido.Oci.OciException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"nido: {e.Message}");
            return 125;
        }
    }
}
