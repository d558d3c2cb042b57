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
        command.SetAction(parse => EngineCommand.ForEachContainer(parse, containers, (engine, record) => engine.Remove(record, parse.GetValue(force))));
        return command;
    }
}
