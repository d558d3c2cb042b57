using System.CommandLine;
using Nido.Containers;

namespace Nido.Runc.Verbs;

public static class DeleteVerb
{
    public static Command Create()
    {
        var id = OciCommand.IdArgument();
        var force = new Option<bool>("--force", "-f") { Description = "Kill the container first if it is running" };
        var command = new Command("delete", "Remove a container and everything it holds");
        command.Arguments.Add(id);
        command.Options.Add(force);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            var name = parse.GetValue(id)!;
            if (!store.Exists(name))
            {
                if (parse.GetValue(force)) return 0; // runc: --force on a missing container is not an error
                throw new ContainerException($"container {name} does not exist");
            }
            Container.Load(store, name).Delete(parse.GetValue(force));
            return 0;
        }));
        return command;
    }
}
