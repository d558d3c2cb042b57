using System.CommandLine;
using Nido.Containers;

namespace Nido.Cli.Commands.Oci;

/// <summary>`run`: create + start; in the foreground it forwards signals, waits, deletes, and exits with the program's status.</summary>
public static class RunVerb
{
    public static Command Create()
    {
        var id = OciCommand.IdArgument();
        var detach = new Option<bool>("--detach", "-d") { Description = "Leave the container running and return" };
        var command = new Command("run", "Create and start a container");
        command.Arguments.Add(id);
        command.Options.Add(detach);
        CreateVerb.AddOptions(command);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            Container.RemoveStale(store);
            var (container, init) = Container.Create(store, CreateVerb.Options(parse, parse.GetValue(id)!));
            using (init)
            {
                try { container.Start(); }
                catch
                {
                    container.Delete(force: true);
                    throw;
                }
                if (parse.GetValue(detach)) return 0;
                var code = Foreground.Wait(init);
                container.Delete(force: true);
                return code;
            }
        }));
        return command;
    }
}
