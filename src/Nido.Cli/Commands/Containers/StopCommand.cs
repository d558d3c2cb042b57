using System.CommandLine;

namespace Nido.Cli.Commands.Containers;

/// <summary>`nido stop [-t SECONDS] CONTAINER…`: the stop signal, then SIGKILL after the timeout.</summary>
public static class StopCommand
{
    public static Command Create()
    {
        var containers = new Argument<string[]>("container") { Arity = ArgumentArity.OneOrMore };
        var time = new Option<int>("--time", "-t") { Description = "Seconds to wait before killing", DefaultValueFactory = _ => 10 };
        var command = new Command("stop", "Stop running containers") { containers, time };
        command.SetAction(parse => parse.GetValue(time) < 0
            ? EngineCommand.Run(parse, _ => throw new Engine.EngineException("--time must not be negative"))
            : EngineCommand.ForEachContainer(parse, containers, (engine, record) => engine.Stop(record, TimeSpan.FromSeconds(parse.GetValue(time)))));
        return command;
    }
}
