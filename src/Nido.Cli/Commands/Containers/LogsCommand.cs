using System.CommandLine;

namespace Nido.Cli.Commands.Containers;

/// <summary>`nido logs [-f] [-t] CONTAINER`: the container's output, stdout and stderr kept apart.</summary>
public static class LogsCommand
{
    public static Command Create()
    {
        var container = new Argument<string>("container");
        var follow = new Option<bool>("--follow", "-f") { Description = "Follow the output until the container stops" };
        var timestamps = new Option<bool>("--timestamps", "-t") { Description = "Show timestamps" };
        var command = new Command("logs", "Show a container's output") { container, follow, timestamps };
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            var record = engine.Containers.Find(parse.GetValue(container)!);
            engine.Logs(record, parse.GetValue(follow), parse.GetValue(timestamps), Console.OpenStandardOutput(), Console.OpenStandardError());
            return 0;
        }));
        return command;
    }
}
