using System.CommandLine;
using Nido.Cli.Commands.Images;

namespace Nido.Cli.Commands.Containers;

/// <summary>`nido ps [-a] [-q]`: containers as `docker ps` lists them.</summary>
public static class PsCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all", "-a") { Description = "Show all containers (default: running)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only ids" };
        var noTrunc = new Option<bool>("--no-trunc") { Description = "Do not truncate ids and commands" };
        var command = new Command("ps", "List containers") { all, quiet, noTrunc };
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            var output = parse.InvocationConfiguration.Output;
            var records = engine.Containers.List().Where(r => parse.GetValue(all) || engine.Status(r) is "running" or "paused").ToList();
            var full = parse.GetValue(noTrunc);
            if (parse.GetValue(quiet))
            {
                foreach (var r in records) output.WriteLine(full ? r.Id : r.ShortId);
                return 0;
            }
            var rows = records.Select(r =>
            {
                var cmd = string.Join(' ', r.Args);
                if (!full && cmd.Length > 20) cmd = cmd[..19] + "…";
                return new[] { full ? r.Id : r.ShortId, r.Image, $"\"{cmd}\"", Engine.Engine.Ago(r.Created) + " ago", engine.StatusText(r), r.Name };
            }).ToList();
            Table.Write(output, ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "NAMES"], rows);
            return 0;
        }));
        return command;
    }
}
