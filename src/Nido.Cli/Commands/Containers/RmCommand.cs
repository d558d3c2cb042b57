using System.CommandLine;

namespace Nido.Cli.Commands.Containers;

/// <summary>`nido rm [-f] CONTAINER…`: removes containers (their rootfs changes, logs and records).</summary>
public static class RmCommand
{
    public static Command Create()
    {
        var containers = new Argument<string[]>("container") { Arity = ArgumentArity.OneOrMore };
        var force = new Option<bool>("--force", "-f") { Description = "Kill and remove a running container" };
        var command = new Command("rm", "Remove containers") { containers, force };
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            var failed = false;
            foreach (var name in parse.GetValue(containers)!)
            {
                try
                {
                    engine.Remove(engine.Containers.Find(name), parse.GetValue(force));
                    parse.InvocationConfiguration.Output.WriteLine(name);
                }
                catch (Engine.EngineException e)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"nido: {e.Message}");
                    failed = true;
                }
            }
            return failed ? 1 : 0;
        }));
        return command;
    }
}
