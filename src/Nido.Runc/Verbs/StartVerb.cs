using System.CommandLine;
using Nido.Containers;

namespace Nido.Runc.Verbs;

public static class StartVerb
{
    public static Command Create()
    {
        var id = OciCommand.IdArgument();
        var command = new Command("start", "Run the program of a created container");
        command.Arguments.Add(id);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            Container.Load(store, parse.GetValue(id)!).Start();
            return 0;
        }));
        return command;
    }
}
