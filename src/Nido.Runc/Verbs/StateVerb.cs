using System.CommandLine;
using Nido.Containers;
using Nido.Oci;
using Nido.Oci.Runtime;

namespace Nido.Runc.Verbs;

public static class StateVerb
{
    public static Command Create()
    {
        var id = OciCommand.IdArgument();
        var command = new Command("state", "Print the container's OCI state as JSON");
        command.Arguments.Add(id);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            var state = Container.Load(store, parse.GetValue(id)!).ToOciState();
            parse.InvocationConfiguration.Output.WriteLine(StateWriter.Write(state));
            return 0;
        }));
        return command;
    }
}
