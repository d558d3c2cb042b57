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
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            if (parse.GetValue(time) < 0) throw new Engine.EngineException("--time must not be negative");
            var failed = false;
            foreach (var name in parse.GetValue(containers)!)
            {
                try
                {
                    engine.Stop(engine.Containers.Find(name), TimeSpan.FromSeconds(parse.GetValue(time)));
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
