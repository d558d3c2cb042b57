using System.CommandLine;
using Nido.Containers;
using Nido.Oci;
using Nido.Oci.Runtime;

namespace Nido.Runc.Verbs;

public static class FeaturesVerb
{
    public static Command Create()
    {
        var command = new Command("features", "Print what this runtime implements (runtime-spec features document)");
        command.SetAction(parse => OciCommand.Run(parse, _ =>
        {
            parse.InvocationConfiguration.Output.WriteLine(FeaturesWriter.Write(RuntimeFeatures.Describe()));
            return 0;
        }));
        return command;
    }
}
